package org.emoscope.train;

import org.emoscope.features.Mfcc;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.Prediction;
import org.emoscope.model.SpeakerPrior;
import org.emoscope.model.SpeakerStatistics;
import org.emoscope.pipeline.WindowGrid;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores whole utterances the way file mode does: windows on the analyzer's grid ({@link WindowGrid}), the model
 * on each, and the mean of their probabilities. Windows of many utterances share network calls for speed.
 *
 * <p>A speaker-normalised model needs each utterance's voice statistics; {@link Voices} says where they come from.
 */
public final class UtteranceScorer {

    /** Where a speaker-normalised model's voice statistics come from (ignored by other models). */
    public enum Voices {
        /** Each speaker's statistics over all of that speaker's items being scored (unlabelled). */
        SPEAKER,
        /**
         * Each utterance's own frames, all of them, blended with the training prior, as {@code analyze} and the app
         * do for one file (which they hear to its end before classifying a window): nothing is known of the speaker
         * beyond the recording itself. Each window still runs the whole network alone; file mode reads windows off
         * one shared trunk instead ({@link org.emoscope.model.StreamTrunk}), which moves the shipped model's
         * probabilities by 0.007 on average and changes no file's answer on 40 test files
         * ({@code SharedTrunkDataTest}). The scorer cannot share it: it also scores a network in training.
         */
        UTTERANCE
    }

    private static final int BATCH = 64;

    private final EmotionModel model;
    private final int windowFrames;
    private final int hopFrames;
    private final float[] silence;

    public UtteranceScorer(EmotionModel model, double windowSeconds, double hopSeconds) {
        this.model = model;
        this.windowFrames = Math.max(1, model.featureConfig().framesFor(windowSeconds));
        this.hopFrames = Math.max(1, (int) Math.round(hopSeconds / model.featureConfig().hopSeconds()));
        this.silence = Mfcc.silentFrame(model.featureConfig());
    }

    /** Mean window probabilities of each item, in order: [items][labels]. */
    public float[][] probabilities(List<Item> items) {
        return probabilities(items, Voices.SPEAKER);
    }

    /** Mean window probabilities of each item, in order: [items][labels], with voices from {@code voices}. */
    public float[][] probabilities(List<Item> items, Voices voices) {
        int k = model.labels().size();
        double[][] sums = new double[items.size()][k];
        int[] counts = new int[items.size()];
        SpeakerPrior prior = model.speakerPrior();
        List<SpeakerStatistics.Estimate> speakerVoices = prior != null && voices == Voices.SPEAKER && !items.isEmpty()
                ? SpeakerNormalizer.voices(items, SpeakerNormalizer.estimates(items, prior.gateC0())) : null;
        List<float[][]> batch = new ArrayList<>(BATCH);
        List<Integer> owners = new ArrayList<>(BATCH);
        List<SpeakerStatistics.Estimate> batchVoices = prior == null ? null : new ArrayList<>(BATCH);
        for (int i = 0; i < items.size(); i++) {
            float[][] frames = items.get(i).frames();
            SpeakerStatistics.Estimate voice = speakerVoices == null ? null : speakerVoices.get(i);
            if (prior != null && voices == Voices.UTTERANCE) { // one file at a time: the whole file's voice
                SpeakerStatistics heard = prior.newStatistics();
                for (float[] f : frames) heard.add(f);
                voice = heard.estimate(prior);
            }
            for (int start : WindowGrid.starts(frames.length, windowFrames, hopFrames)) {
                batch.add(WindowGrid.cut(frames, start, windowFrames, silence));
                owners.add(i);
                if (batchVoices != null) batchVoices.add(voice);
                if (batch.size() == BATCH) flush(batch, owners, batchVoices, sums, counts);
            }
        }
        flush(batch, owners, batchVoices, sums, counts);
        float[][] out = new float[items.size()][k];
        for (int i = 0; i < items.size(); i++)
            for (int c = 0; c < k; c++) out[i][c] = counts[i] == 0 ? 1f / k : (float) (sums[i][c] / counts[i]);
        return out;
    }

    /** The best class of each item. */
    public int[] predict(List<Item> items) {
        return predict(items, Voices.SPEAKER);
    }

    /** The best class of each item, with voices from {@code voices}. */
    public int[] predict(List<Item> items, Voices voices) {
        float[][] p = probabilities(items, voices);
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            int best = 0;
            for (int c = 1; c < p[i].length; c++) if (p[i][c] > p[i][best]) best = c;
            out[i] = best;
        }
        return out;
    }

    private void flush(List<float[][]> batch, List<Integer> owners, List<SpeakerStatistics.Estimate> voices,
                       double[][] sums, int[] counts) {
        if (batch.isEmpty()) return;
        Prediction[] ps = model.predictBatch(batch, voices);
        for (int j = 0; j < ps.length; j++) {
            int owner = owners.get(j);
            float[] p = ps[j].probabilities();
            for (int c = 0; c < p.length; c++) sums[owner][c] += p[c];
            counts[owner]++;
        }
        batch.clear();
        owners.clear();
        if (voices != null) voices.clear();
    }
}
