package org.emoscope.train;

import org.emoscope.model.ModelInput;
import org.emoscope.model.Normalization;
import org.emoscope.model.SpeakerStatistics;
import org.emoscope.pipeline.StreamingAnalyzer;
import org.emoscope.pipeline.WindowGrid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What an epoch trains on: which items, and from each a random window, normalised as the model will see it, in
 * minibatches with one-hot labels. Every random choice comes from the epoch's generator, in a fixed order, so a seed
 * gives the same epoch every time.
 */
final class EpochSampler {

    /** A minibatch: normalised windows [B, C, 1, T] and labels [B, classes] (one-hot until mixup blends them). */
    record Batch(INDArray x, INDArray y) {
    }

    private final List<Item> fit;
    private final TrainingSettings settings;
    private final int classes;
    /** The items of each class that has any. */
    private final List<List<Integer>> present = new ArrayList<>();
    private final int draws;
    private final int windowFrames;
    private final float[] silence;
    private final Normalization norm;
    private final int minFrames;
    private final List<SpeakerStatistics.Estimate> speakerVoices;
    private final List<SpeakerStatistics.Estimate> fileVoices;

    /**
     * @param speakerVoices each item's speaker's voice, or null when the model is not speaker-normalised
     * @param fileVoices    each item's one-file voice for {@link TrainingSettings#voiceMix()}, or null
     * @param minFrames     the network's shortest input
     */
    EpochSampler(List<Item> fit, int classes, TrainingSettings settings, int windowFrames, float[] silence,
                 Normalization norm, int minFrames, List<SpeakerStatistics.Estimate> speakerVoices,
                 List<SpeakerStatistics.Estimate> fileVoices) {
        this.fit = fit;
        this.settings = settings;
        this.classes = classes;
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) byClass.add(new ArrayList<>());
        for (int i = 0; i < fit.size(); i++) byClass.get(fit.get(i).label()).add(i);
        for (List<Integer> c : byClass) if (!c.isEmpty()) present.add(c);
        long utterances = fit.stream().map(i -> i.utterance().file()).distinct().count();
        this.draws = (int) (utterances * settings.samplesPerItem());
        this.windowFrames = windowFrames;
        this.silence = silence;
        this.norm = norm;
        this.minFrames = minFrames;
        this.speakerVoices = speakerVoices;
        this.fileVoices = fileVoices;
    }

    /**
     * Item indices for one epoch: as many draws as there are distinct utterances (times {@code samplesPerItem}), so
     * an epoch is one pass over the recordings whatever the number of augmented copies; each draw takes a random
     * item (copy), class-balanced when asked.
     */
    int[] order(SplittableRandom rnd) {
        int[] order = new int[draws];
        for (int i = 0; i < draws; i++) {
            if (settings.balanceClasses()) {
                List<Integer> c = present.get(rnd.nextInt(present.size()));
                order[i] = c.get(rnd.nextInt(c.size()));
            } else {
                order[i] = rnd.nextInt(fit.size());
            }
        }
        return order;
    }

    /** How many minibatches {@code order} makes (the last may be short). */
    int batches(int[] order) {
        return (order.length + settings.batchSize() - 1) / settings.batchSize();
    }

    /**
     * Minibatch {@code b} of {@code order}: a random window of each item (padded with silence when the item is
     * shorter), with its speaker's voice, or now and then its own file's ({@link TrainingSettings#voiceMix()}).
     */
    Batch batch(int[] order, int b, SplittableRandom rnd) {
        int from = b * settings.batchSize();
        int to = Math.min(order.length, from + settings.batchSize());
        List<float[][]> windows = new ArrayList<>(to - from);
        List<SpeakerStatistics.Estimate> voices = speakerVoices == null ? null : new ArrayList<>(to - from);
        INDArray y = Nd4j.zeros(to - from, classes);
        for (int i = from; i < to; i++) {
            Item item = fit.get(order[i]);
            int maxStart = Math.max(0, item.frames().length - windowFrames);
            int start = maxStart == 0 ? 0 : rnd.nextInt(maxStart + 1);
            windows.add(WindowGrid.cut(item.frames(), start, windowFrames, silence));
            if (voices != null) {
                boolean asOneFile = fileVoices != null && rnd.nextDouble() < settings.voiceMix();
                voices.add((asOneFile ? fileVoices : speakerVoices).get(order[i]));
            }
            y.putScalar(i - from, item.label(), 1.0);
        }
        return new Batch(ModelInput.batch(windows, norm, minFrames, voices), y);
    }
}
