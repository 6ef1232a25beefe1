package org.emoscope.train;

import org.emoscope.train.eval.ConfusionMatrix;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores a held-out corpus over a subset of the model's classes: each file counts only if its class is in the
 * subset, and its prediction is the most probable class among the subset (the model's other outputs are ignored).
 * Two subsets matter: the held-out corpus's own classes ({@link #ownClasses}) and the {@link #SHARED} classes every corpus has,
 * which make rows comparable across corpora.
 */
public final class CrossCorpusScores {

    /** The classes every corpus here has: angry, happy, neutral, sad. */
    public static final List<String> SHARED = List.of("neutral", "happy", "sad", "angry");

    private CrossCorpusScores() {
    }

    /**
     * The held-out corpus's own classes as the model names them, in the model's output order: the classes its files
     * carry (through the model's label set, so RAVDESS calm and EMO-DB boredom count as neutral).
     */
    public static List<String> ownClasses(CorpusFoldResult fold) {
        boolean[] present = new boolean[fold.labels().size()];
        for (int t : fold.truth()) present[t] = true;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < present.length; i++) if (present[i]) out.add(fold.labels().get(i));
        return out;
    }

    /**
     * The confusion matrix over {@code subset}: files whose class (index into {@code labels}) is outside it are
     * left out, and each remaining file is predicted as its most probable class within it.
     *
     * @throws IllegalArgumentException if a subset class is not one of {@code labels}
     */
    public static ConfusionMatrix confusion(List<String> labels, int[] truth, float[][] probabilities,
                                            List<String> subset) {
        int[] index = new int[subset.size()];
        for (int i = 0; i < subset.size(); i++) {
            index[i] = labels.indexOf(subset.get(i));
            if (index[i] < 0) throw new IllegalArgumentException(subset.get(i) + " is not a class of " + labels);
        }
        ConfusionMatrix cm = new ConfusionMatrix(subset);
        for (int f = 0; f < truth.length; f++) {
            int t = subset.indexOf(labels.get(truth[f]));
            if (t < 0) continue;
            int best = 0;
            for (int i = 1; i < index.length; i++)
                if (probabilities[f][index[i]] > probabilities[f][index[best]]) best = i;
            cm.add(t, best);
        }
        return cm;
    }

    /** {@link #confusion} of a fold over {@code subset}, one file at a time or with each speaker's voice. */
    public static ConfusionMatrix confusion(CorpusFoldResult fold, List<String> subset, boolean oneFile) {
        return confusion(fold.labels(), fold.truth(), fold.probabilities(oneFile), subset);
    }
}
