package org.emoscope.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Arrays;
import java.util.List;

/**
 * Per-channel feature standardisation: {@code (x[c] - mean[c]) / std[c]}, with statistics taken over all training
 * frames, optionally followed by per-window mean removal (cepstral mean normalisation: each channel's mean over the
 * window's frames is subtracted, which removes a speaker's or microphone's constant spectral colouring and level).
 * Saved inside every model bundle and applied by {@link ModelInput} before the network sees a window.
 *
 * @param mean       per-channel mean, one value per MFCC coefficient
 * @param std        per-channel standard deviation (population), strictly positive
 * <p>A speaker-normalised model ({@link #speaker()} not null) expects every frame first standardised by its
 * speaker's own statistics ({@link SpeakerStatistics.Estimate}), and {@code mean}/{@code std} then describe those
 * speaker-normalised frames. Without an estimate, the prior (the average training speaker) stands in.
 *
 * @param windowMean whether each window is also centred on its own per-channel mean (false in bundles that predate
 *                   the option)
 * @param speaker    for a speaker-normalised model, the average training speaker; null otherwise (and in bundles that
 *                   predate the option)
 */
@JsonInclude(JsonInclude.Include.NON_NULL) // a plain model's manifest stays as it was
public record Normalization(float[] mean, float[] std, boolean windowMean, SpeakerPrior speaker) {

    /**
     * Channels whose standard deviation over the training frames is below this are treated as constant: their std
     * is set to 1 so that they are only centred (dividing by a tiny std would amplify noise without bound).
     */
    public static final double MIN_STD = 1e-6;

    /**
     * @throws IllegalArgumentException if the arrays are empty or of different lengths, or a value is NaN or
     *                                  infinite, or a std is not positive
     */
    public Normalization {
        if (mean == null || std == null) throw new IllegalArgumentException("mean and std must be given");
        if (mean.length == 0) throw new IllegalArgumentException("normalisation needs at least one channel");
        if (mean.length != std.length)
            throw new IllegalArgumentException("mean has " + mean.length + " channels but std has " + std.length);
        for (int c = 0; c < mean.length; c++) {
            if (!Float.isFinite(mean[c]))
                throw new IllegalArgumentException("mean of channel " + c + " is " + mean[c]);
            if (!Float.isFinite(std[c]) || !(std[c] > 0))
                throw new IllegalArgumentException("std of channel " + c + " is " + std[c] + " (must be finite and > 0)");
        }
        if (speaker != null && speaker.mean().length != mean.length)
            throw new IllegalArgumentException("speaker prior has " + speaker.mean().length + " channels, not "
                    + mean.length);
        mean = mean.clone();
        std = std.clone();
    }

    /** Global standardisation only. */
    public Normalization(float[] mean, float[] std) {
        this(mean, std, false, null);
    }

    /** This normalisation with per-window mean removal switched on or off. */
    public Normalization withWindowMean(boolean on) {
        return new Normalization(mean, std, on, speaker);
    }

    /** This normalisation preceded by speaker normalisation with {@code prior} (null: none). */
    public Normalization withSpeaker(SpeakerPrior prior) {
        return new Normalization(mean, std, windowMean, prior);
    }

    /** True if frames are standardised per speaker first. */
    public boolean speakerNormalized() {
        return speaker != null;
    }

    /** Mean 0 and std 1 for every channel: leaves features unchanged. */
    public static Normalization identity(int channels) {
        float[] ones = new float[channels];
        Arrays.fill(ones, 1f);
        return new Normalization(new float[channels], ones);
    }

    /**
     * Statistics over every frame of every clip (each clip {@code [frames][channels]}).
     *
     * @throws IllegalArgumentException if there are no frames, channel counts differ, or a value is not finite
     */
    public static Normalization fit(List<float[][]> clips) {
        int channels = -1;
        long n = 0;
        double[] mean = null;
        double[] m2 = null;
        for (float[][] clip : clips) {
            for (float[] frame : clip) {
                if (channels < 0) {
                    channels = frame.length;
                    if (channels == 0) throw new IllegalArgumentException("frames have no channels");
                    mean = new double[channels];
                    m2 = new double[channels];
                } else if (frame.length != channels) {
                    throw new IllegalArgumentException("frame with " + frame.length + " channels, expected " + channels);
                }
                n++;
                for (int c = 0; c < channels; c++) { // Welford's update: numerically stable in one pass
                    double x = frame[c];
                    if (!Double.isFinite(x))
                        throw new IllegalArgumentException("non-finite feature value " + x + " in channel " + c);
                    double delta = x - mean[c];
                    mean[c] += delta / n;
                    m2[c] += delta * (x - mean[c]);
                }
            }
        }
        if (n == 0) throw new IllegalArgumentException("no frames to fit the normalisation on");
        float[] mu = new float[channels];
        float[] sd = new float[channels];
        for (int c = 0; c < channels; c++) {
            mu[c] = (float) mean[c];
            double s = Math.sqrt(m2[c] / n);
            sd[c] = s < MIN_STD ? 1f : (float) s;
        }
        return new Normalization(mu, sd);
    }

    /** Number of channels. */
    public int channels() {
        return mean.length;
    }

    /** A copy of the per-channel means. */
    @Override
    public float[] mean() {
        return mean.clone();
    }

    /** A copy of the per-channel standard deviations. */
    @Override
    public float[] std() {
        return std.clone();
    }

    /**
     * The standardised copy of {@code frames} ({@code [frames][channels]}), centred per channel over the window when
     * {@link #windowMean()} is set.
     *
     * @throws IllegalArgumentException if a frame does not have {@link #channels()} values
     */
    public float[][] apply(float[][] frames) {
        return apply(frames, null);
    }

    /**
     * As {@link #apply(float[][])}, for a speaker-normalised model first standardising by {@code voice} (null: the
     * prior). {@code voice} is ignored by a model that is not speaker-normalised.
     */
    public float[][] apply(float[][] frames, SpeakerStatistics.Estimate voice) {
        SpeakerStatistics.Estimate first = speaker == null ? null : voice != null ? voice : speaker.asEstimate();
        float[] tmp = first == null ? null : new float[mean.length];
        float[][] out = new float[frames.length][];
        for (int t = 0; t < frames.length; t++) {
            float[] f = frames[t];
            if (f.length != mean.length)
                throw new IllegalArgumentException("frame " + t + " has " + f.length + " channels, expected " + mean.length);
            for (int c = 0; c < f.length; c++)
                if (!Float.isFinite(f[c]))
                    throw new IllegalArgumentException("frame " + t + " coefficient " + c + " is " + f[c]);
            float[] x = f;
            if (first != null) {
                first.standardise(f, tmp);
                x = tmp;
            }
            float[] o = new float[f.length];
            for (int c = 0; c < f.length; c++) o[c] = (x[c] - mean[c]) / std[c];
            out[t] = o;
        }
        if (windowMean && frames.length > 0) {
            for (int c = 0; c < mean.length; c++) {
                double sum = 0;
                for (float[] o : out) sum += o[c];
                float m = (float) (sum / out.length);
                for (float[] o : out) o[c] -= m;
            }
        }
        return out;
    }

    /**
     * The adjoint of {@link #apply(float[][], SpeakerStatistics.Estimate)} (which is affine in the frames): given the
     * gradient of some function with respect to the normalised frames, the gradient with respect to the raw frames,
     * {@code [frames][channels]}. Window-mean removal sends each channel's mean gradient back out, the scalings
     * divide by the same spreads.
     */
    public float[][] gradientToRaw(float[][] gradient, SpeakerStatistics.Estimate voice) {
        SpeakerStatistics.Estimate first = speaker == null ? null : voice != null ? voice : speaker.asEstimate();
        float[] firstStd = first == null ? null : first.std();
        int channels = mean.length;
        double[] centre = new double[channels];
        if (windowMean && gradient.length > 0) {
            for (float[] g : gradient) for (int c = 0; c < channels; c++) centre[c] += g[c];
            for (int c = 0; c < channels; c++) centre[c] /= gradient.length;
        }
        float[][] out = new float[gradient.length][channels];
        for (int t = 0; t < gradient.length; t++)
            for (int c = 0; c < channels; c++) {
                double g = (gradient[t][c] - centre[c]) / std[c];
                out[t][c] = (float) (firstStd == null ? g : g / firstStd[c]);
            }
        return out;
    }

    /**
     * The raw frame that the normalisation maps to the training mean for {@code voice}: the voice's own mean frame
     * for a speaker-normalised model (the prior's without a voice), else the training mean. The neutral reference
     * of explanations.
     */
    public float[] neutralFrame(SpeakerStatistics.Estimate voice) {
        if (speaker == null) return mean.clone();
        SpeakerStatistics.Estimate first = voice != null ? voice : speaker.asEstimate();
        float[] m = first.mean();
        float[] s = first.std();
        float[] out = new float[mean.length];
        for (int c = 0; c < out.length; c++) out[c] = m[c] + s[c] * mean[c];
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization other && Arrays.equals(mean, other.mean) && Arrays.equals(std, other.std)
                && windowMean == other.windowMean && java.util.Objects.equals(speaker, other.speaker);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(mean) + Arrays.hashCode(std)) + Boolean.hashCode(windowMean))
                + java.util.Objects.hashCode(speaker);
    }

    @Override
    public String toString() {
        return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ", windowMean="
                + windowMean + ", speaker=" + speaker + "]";
    }
}
