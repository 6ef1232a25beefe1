package org.emoscope.train;

import java.util.function.Consumer;

/**
 * How a network is fitted.
 *
 * @param maxEpochs      upper bound on epochs
 * @param patience       epochs without a better validation score before stopping early
 * @param batchSize      windows per gradient step
 * @param windowSeconds  length of a training window, recorded in the bundle: the analyzer cuts windows of this length
 * @param evalHopSeconds hop between the windows that score a whole utterance (the analyzer's hop: 0.25 s)
 * @param samplesPerItem random windows drawn per utterance per epoch (each from a random augmented copy)
 * @param balanceClasses draw training windows class-balanced (each class equally often) instead of as they come
 * @param seed           seed of window sampling and shuffling (the network has its own in its spec)
 * @param windowMean     centre every window on its own per-channel mean (cepstral mean normalisation), saved in the
 *                       bundle's {@link org.emoscope.model.Normalization} so inference does the same
 * @param maskWindows    SpecAugment-style regularisation: in every training window, blank (set to the training mean)
 *                       two random stretches of up to 0.2 s and two random bands of up to 6 coefficients
 * @param mixupAlpha     mixup (Zhang et al., 2018): each batch is blended with a shuffled copy of itself, windows
 *                       and one-hot labels alike, by a weight drawn from Beta(alpha, alpha); 0 turns it off
 * @param speakerNorm    standardise every speaker's features by that speaker's own statistics before the global
 *                       normalisation ({@link SpeakerNormalizer}); test speakers use their own unlabelled recordings
 * @param voiceMix       with {@code speakerNorm}, the fraction of training windows normalised as {@code analyze} sees
 *                       one file (the recording's own statistics blended with the average training speaker) instead
 *                       of with their speaker's full statistics, so the model also learns to work before it has
 *                       heard much of a voice; 0 turns it off
 * @param smoothEpochs   early stopping and the choice of weights follow the validation score averaged over this many
 *                       epochs (the current one and those before it) instead of one epoch's score, which is noisy
 *                       when few speakers are held out; 1 turns it off
 * @param lrPatience     halve the learning rate after this many epochs in a row without a better validation score
 *                       (counted afresh after each halving); 0 turns it off
 */
public record TrainingSettings(int maxEpochs, int patience, int batchSize, double windowSeconds,
                               double evalHopSeconds, int samplesPerItem, boolean balanceClasses, long seed,
                               boolean windowMean, boolean maskWindows, double mixupAlpha,
                               boolean speakerNorm, double voiceMix, int smoothEpochs,
                               int lrPatience) {

    public static TrainingSettings defaults() {
        return new TrainingSettings(40, 8, 32, 2.0, 0.25, 1, true, 7L, false, false, 0, true, 0, 1, 0);
    }

    public TrainingSettings {
        if (maxEpochs < 1) throw new IllegalArgumentException("maxEpochs must be >= 1");
        if (patience < 1) throw new IllegalArgumentException("patience must be >= 1");
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1");
        if (lrPatience < 0) throw new IllegalArgumentException("lrPatience must be >= 0: " + lrPatience);
        if (smoothEpochs < 1) throw new IllegalArgumentException("smoothEpochs must be >= 1: " + smoothEpochs);
        if (samplesPerItem < 1) throw new IllegalArgumentException("samplesPerItem must be >= 1");
        if (!(windowSeconds > 0) || !(evalHopSeconds > 0)) throw new IllegalArgumentException("bad window/hop");
        if (!(voiceMix >= 0 && voiceMix <= 1)) throw new IllegalArgumentException("voiceMix must be in [0, 1]: " + voiceMix);
        if (!(mixupAlpha >= 0 && Double.isFinite(mixupAlpha)))
            throw new IllegalArgumentException("mixupAlpha must be >= 0: " + mixupAlpha);
    }

    public TrainingSettings withEpochs(int epochs, int patience) {
        return copy(f -> {
            f.maxEpochs = epochs;
            f.patience = patience;
        });
    }

    public TrainingSettings withBatch(int batchSize) {
        return copy(f -> f.batchSize = batchSize);
    }

    public TrainingSettings withWindowMean(boolean on) {
        return copy(f -> f.windowMean = on);
    }

    public TrainingSettings withMasking(boolean on) {
        return copy(f -> f.maskWindows = on);
    }

    public TrainingSettings withSeed(long seed) {
        return copy(f -> f.seed = seed);
    }

    public TrainingSettings withMixup(double alpha) {
        return copy(f -> f.mixupAlpha = alpha);
    }

    public TrainingSettings withWindowSeconds(double seconds) {
        return copy(f -> f.windowSeconds = seconds);
    }

    public TrainingSettings withSpeakerNorm(boolean on) {
        return copy(f -> f.speakerNorm = on);
    }

    public TrainingSettings withSamplesPerItem(int n) {
        return copy(f -> f.samplesPerItem = n);
    }

    public TrainingSettings withVoiceMix(double fraction) {
        return copy(f -> f.voiceMix = fraction);
    }

    public TrainingSettings withSmoothEpochs(int epochs) {
        return copy(f -> f.smoothEpochs = epochs);
    }

    public TrainingSettings withLrPatience(int epochs) {
        return copy(f -> f.lrPatience = epochs);
    }

    /** This record with {@code change} applied to a mutable copy of its fields: the one place withers build one. */
    private TrainingSettings copy(Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        return new TrainingSettings(f.maxEpochs, f.patience, f.batchSize, f.windowSeconds, f.evalHopSeconds,
                f.samplesPerItem, f.balanceClasses, f.seed, f.windowMean, f.maskWindows, f.mixupAlpha, f.speakerNorm,
                f.voiceMix, f.smoothEpochs, f.lrPatience);
    }

    private static final class Fields {
        int maxEpochs;
        int patience;
        int batchSize;
        double windowSeconds;
        double evalHopSeconds;
        int samplesPerItem;
        boolean balanceClasses;
        long seed;
        boolean windowMean;
        boolean maskWindows;
        double mixupAlpha;
        boolean speakerNorm;
        double voiceMix;
        int smoothEpochs;
        int lrPatience;

        Fields(TrainingSettings s) {
            maxEpochs = s.maxEpochs;
            patience = s.patience;
            batchSize = s.batchSize;
            windowSeconds = s.windowSeconds;
            evalHopSeconds = s.evalHopSeconds;
            samplesPerItem = s.samplesPerItem;
            balanceClasses = s.balanceClasses;
            seed = s.seed;
            windowMean = s.windowMean;
            maskWindows = s.maskWindows;
            mixupAlpha = s.mixupAlpha;
            speakerNorm = s.speakerNorm;
            voiceMix = s.voiceMix;
            smoothEpochs = s.smoothEpochs;
            lrPatience = s.lrPatience;
        }
    }
}
