package org.emoscope.model;

import java.util.Arrays;

/**
 * Running per-channel mean and variance of one speaker's MFCC frames, for speaker normalisation (see
 * {@link Normalization#speaker()}). Only frames that carry the voice count: a frame counts when its c0 (the
 * log-energy coefficient) is within {@link SpeakerPrior#gateC0()} of the loudest frame seen so far, so pauses and
 * background noise between utterances do not pull the statistics towards silence.
 *
 * <p>Training computes each speaker's statistics over all their recordings with {@link #over}, which finds the
 * loudest frame first; a live session adds frames as they come ({@link #add}), so a frame heard before the loudest
 * one is judged against the loudest so far. Not thread-safe: one thread adds, and {@link #estimate} hands out an
 * immutable snapshot for other threads.
 */
public final class SpeakerStatistics {

    /** A speaker normalisation in effect: per-channel mean and standard deviation, and how many frames made it. */
    public record Estimate(float[] mean, float[] std, long frames) {
        public Estimate {
            if (mean.length != std.length) throw new IllegalArgumentException("mean and std differ in length");
            for (float s : std)
                if (!(s > 0) || !Float.isFinite(s)) throw new IllegalArgumentException("std must be finite and > 0");
            mean = mean.clone();
            std = std.clone();
        }

        @Override
        public float[] mean() {
            return mean.clone();
        }

        @Override
        public float[] std() {
            return std.clone();
        }

        /** {@code (x[c] - mean[c]) / std[c]} for one frame, into {@code out}. */
        public void standardise(float[] x, float[] out) {
            for (int c = 0; c < x.length; c++) out[c] = (x[c] - mean[c]) / std[c];
        }

        @Override
        public String toString() {
            return "Estimate[frames=" + frames + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
        }
    }

    /** Spread below this is treated as this (a constant channel is only centred, never blown up). */
    static final double MIN_STD = 1e-3;

    private final double gateC0;
    private double peakC0 = Double.NEGATIVE_INFINITY;
    private double[] sum;
    private double[] sumSquares;
    private long frames;

    /** @param gateC0 how far below the loudest frame's c0 a frame may be and still count (c0 units) */
    public SpeakerStatistics(double gateC0) {
        if (!(gateC0 > 0)) throw new IllegalArgumentException("gate must be > 0: " + gateC0);
        this.gateC0 = gateC0;
    }

    /** Statistics of all {@code clips} ({@code [frames][channels]} each), judged against their loudest frame. */
    public static SpeakerStatistics over(Iterable<float[][]> clips, double gateC0) {
        SpeakerStatistics s = new SpeakerStatistics(gateC0);
        for (float[][] clip : clips) for (float[] f : clip) s.peakC0 = Math.max(s.peakC0, f[0]);
        for (float[][] clip : clips) for (float[] f : clip) s.add(f);
        return s;
    }

    /** Takes one frame into account (if it is loud enough). Non-finite frames are ignored. */
    public void add(float[] frame) {
        for (float v : frame) if (!Float.isFinite(v)) return;
        if (sum == null) {
            sum = new double[frame.length];
            sumSquares = new double[frame.length];
        } else if (frame.length != sum.length) {
            throw new IllegalArgumentException("frame with " + frame.length + " channels, expected " + sum.length);
        }
        if (frame[0] > peakC0) peakC0 = frame[0];
        if (frame[0] < peakC0 - gateC0) return;
        for (int c = 0; c < frame.length; c++) {
            sum[c] += frame[c];
            sumSquares[c] += (double) frame[c] * frame[c];
        }
        frames++;
    }

    /** Frames counted so far. */
    public long frames() {
        return frames;
    }

    /**
     * The normalisation to use now: the counted frames' mean and variance, blended with the prior's as if the prior
     * were {@link SpeakerPrior#priorFrames()} frames of its own. With no frames yet it is the prior; after many
     * frames, the speaker's own statistics.
     */
    public Estimate estimate(SpeakerPrior prior) {
        int channels = prior.mean().length;
        if (sum != null && sum.length != channels)
            throw new IllegalArgumentException("statistics of " + sum.length + " channels, prior of " + channels);
        float[] pm = prior.mean();
        float[] ps = prior.std();
        double w = frames / (frames + (double) prior.priorFrames());
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            double m0 = pm[c];
            double v0 = (double) ps[c] * ps[c];
            double m = frames == 0 ? m0 : mean(c);
            double v = frames == 0 ? v0 : variance(c);
            double mix = w * m + (1 - w) * m0;
            // variance of the mixture around the blended mean
            double var = w * (v + (m - mix) * (m - mix)) + (1 - w) * (v0 + (m0 - mix) * (m0 - mix));
            mean[c] = (float) mix;
            std[c] = (float) Math.max(Math.sqrt(var), MIN_STD);
        }
        return new Estimate(mean, std, frames);
    }

    /** The speaker's own statistics, without a prior. */
    public Estimate estimate() {
        if (frames == 0) throw new IllegalStateException("no frames counted");
        float[] mean = new float[sum.length];
        float[] std = new float[sum.length];
        for (int c = 0; c < sum.length; c++) {
            mean[c] = (float) mean(c);
            std[c] = (float) Math.max(Math.sqrt(variance(c)), MIN_STD);
        }
        return new Estimate(mean, std, frames);
    }

    /** Mean of channel {@code c} over the counted frames (at least one). */
    private double mean(int c) {
        return sum[c] / frames;
    }

    /** Population variance of channel {@code c} over the counted frames (at least one), never negative. */
    private double variance(int c) {
        double m = mean(c);
        return Math.max(0, sumSquares[c] / frames - m * m);
    }
}
