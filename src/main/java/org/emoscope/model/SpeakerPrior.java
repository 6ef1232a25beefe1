package org.emoscope.model;

import org.emoscope.features.FeatureConfig;

import java.util.Arrays;
import java.util.List;

/**
 * What a speaker-normalised model knows about speakers before it has heard one: the average of its training
 * speakers' statistics, and how much to trust it. Saved in the bundle's {@link Normalization}; a session blends it
 * with the statistics of the voice it hears ({@link SpeakerStatistics#estimate(SpeakerPrior)}).
 *
 * @param mean        mean over training speakers of each speaker's per-channel mean
 * @param std         per channel, the square root of the mean over training speakers of each speaker's variance
 * @param gateC0      a frame counts towards a speaker's statistics when its c0 is at most this far below the loudest
 *                    frame's (see {@link #gateFor})
 * @param priorFrames weight of the prior, in frames: after this many counted frames of a voice, its own statistics
 *                    weigh as much as the prior
 */
public record SpeakerPrior(float[] mean, float[] std, double gateC0, int priorFrames) {

    /** Frames within this many dB (mean log-mel level) of the loudest frame count as voice. */
    public static final double GATE_DB = 30;

    /** Default prior weight: 10 s of voiced frames at a 10 ms hop. */
    public static final int DEFAULT_PRIOR_FRAMES = 1000;

    public SpeakerPrior {
        if (mean == null || std == null || mean.length == 0 || mean.length != std.length)
            throw new IllegalArgumentException("the speaker prior needs equal, non-empty mean and std");
        for (int c = 0; c < mean.length; c++)
            if (!Float.isFinite(mean[c]) || !Float.isFinite(std[c]) || !(std[c] > 0))
                throw new IllegalArgumentException("speaker prior channel " + c + " is not finite or has std <= 0");
        if (!(gateC0 > 0)) throw new IllegalArgumentException("gateC0 must be > 0: " + gateC0);
        if (priorFrames < 1) throw new IllegalArgumentException("priorFrames must be >= 1: " + priorFrames);
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * The c0 gate equivalent to {@link #GATE_DB}: with an orthonormal DCT, c0 is sqrt(M) times the mean of the M
     * log-mel levels in dB.
     */
    public static double gateFor(FeatureConfig config) {
        return GATE_DB * Math.sqrt(config.melFilters());
    }

    /** The average of {@code speakers}' statistics. */
    public static SpeakerPrior average(List<SpeakerStatistics.Estimate> speakers, double gateC0, int priorFrames) {
        if (speakers.isEmpty()) throw new IllegalArgumentException("no speakers to average");
        int channels = speakers.get(0).mean().length;
        double[] m = new double[channels];
        double[] v = new double[channels];
        for (SpeakerStatistics.Estimate e : speakers) {
            float[] em = e.mean();
            float[] es = e.std();
            for (int c = 0; c < channels; c++) {
                m[c] += em[c];
                v[c] += (double) es[c] * es[c];
            }
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = (float) (m[c] / speakers.size());
            std[c] = (float) Math.max(Math.sqrt(v[c] / speakers.size()), SpeakerStatistics.MIN_STD);
        }
        return new SpeakerPrior(mean, std, gateC0, priorFrames);
    }

    /** The prior alone, as the normalisation of a voice not heard yet. */
    public SpeakerStatistics.Estimate asEstimate() {
        return new SpeakerStatistics.Estimate(mean, std, 0);
    }

    /** A fresh accumulator with this prior's gate. */
    public SpeakerStatistics newStatistics() {
        return new SpeakerStatistics(gateC0);
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpeakerPrior p && Arrays.equals(mean, p.mean) && Arrays.equals(std, p.std)
                && gateC0 == p.gateC0 && priorFrames == p.priorFrames;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std) + Double.hashCode(gateC0) + priorFrames;
    }

    @Override
    public String toString() {
        return "SpeakerPrior[gateC0=" + gateC0 + ", priorFrames=" + priorFrames + ", mean=" + Arrays.toString(mean)
                + ", std=" + Arrays.toString(std) + "]";
    }
}
