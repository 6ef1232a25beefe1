package org.emoscope.features;

import java.util.Objects;

/**
 * Triangular mel filters on the HTK mel scale, {@code mel = 2595 log10(1 + f / 700)}, applied to a power spectrum of
 * {@code fftSize / 2 + 1} bins.
 *
 * <p>{@code melFilters + 2} edge frequencies are spaced evenly in mel from {@code minFrequency} to
 * {@code maxFrequency}; filter m rises linearly from edge m to a peak of exactly 1 at edge m + 1 and falls to 0 at
 * edge m + 2. Its weight at bin k (frequency {@code f = k sampleRate / fftSize}) is
 * {@code max(0, min((f - lower) / (centre - lower), (upper - f) / (upper - centre)))}, without area normalisation
 * (librosa {@code mel(htk=True, norm=None)}). Weights are kept sparse: each filter stores only its run of bins
 * with a positive weight. A filter that falls between two bins has no such run and always outputs 0.
 *
 * <p>Immutable and thread-safe.
 */
public final class MelFilterBank {

    private final int binCount;
    private final double[] edges;
    private final int[] firstBins;
    private final double[][] weights;

    /** Builds the filters described by {@code config}. */
    public MelFilterBank(FeatureConfig config) {
        binCount = config.fftSize() / 2 + 1;
        int filters = config.melFilters();
        double melLow = hzToMel(config.minFrequency());
        double melHigh = hzToMel(config.maxFrequency());
        edges = new double[filters + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(melLow + (melHigh - melLow) * i / (filters + 1));
        }
        double binHz = config.sampleRate() / (double) config.fftSize();
        firstBins = new int[filters];
        weights = new double[filters][];
        for (int m = 0; m < filters; m++) {
            double lower = edges[m];
            double centre = edges[m + 1];
            double upper = edges[m + 2];
            int first = Math.max(0, (int) Math.floor(lower / binHz));
            while (first < binCount && weight(first * binHz, lower, centre, upper) <= 0) first++;
            int end = first;
            while (end < binCount && weight(end * binHz, lower, centre, upper) > 0) end++;
            firstBins[m] = first;
            weights[m] = new double[end - first];
            for (int k = first; k < end; k++) {
                weights[m][k - first] = weight(k * binHz, lower, centre, upper);
            }
        }
    }

    private static double weight(double f, double lower, double centre, double upper) {
        return Math.max(0, Math.min((f - lower) / (centre - lower), (upper - f) / (upper - centre)));
    }

    /** HTK mel scale: {@code 2595 log10(1 + hz / 700)}. */
    public static double hzToMel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    /** Inverse of {@link #hzToMel}: {@code 700 (10^(mel / 2595) - 1)}. */
    public static double melToHz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }

    /** Number of filters. */
    public int filterCount() {
        return weights.length;
    }

    /** Number of power-spectrum bins the filters expect: {@code fftSize / 2 + 1}. */
    public int binCount() {
        return binCount;
    }

    /** Lower edge of filter {@code m}, Hz (weight 0). */
    public double lowerFrequency(int m) {
        Objects.checkIndex(m, weights.length);
        return edges[m];
    }

    /** Centre of filter {@code m}, Hz (where the triangle peaks at 1). */
    public double centreFrequency(int m) {
        Objects.checkIndex(m, weights.length);
        return edges[m + 1];
    }

    /** Upper edge of filter {@code m}, Hz (weight 0). */
    public double upperFrequency(int m) {
        Objects.checkIndex(m, weights.length);
        return edges[m + 2];
    }

    /** First bin with a positive weight in filter {@code m} (equal to {@link #endBin} if there is none). */
    public int firstBin(int m) {
        return firstBins[m];
    }

    /** One past the last bin with a positive weight in filter {@code m}. */
    public int endBin(int m) {
        return firstBins[m] + weights[m].length;
    }

    /** Weight of filter {@code m} at power bin {@code k}: in [0, 1], and 0 outside [firstBin, endBin). */
    public double weight(int m, int k) {
        Objects.checkIndex(k, binCount);
        int i = k - firstBins[m];
        return i >= 0 && i < weights[m].length ? weights[m][i] : 0;
    }

    /**
     * Filters a power spectrum: {@code energies[m] = sum_k weight(m, k) power[k]}.
     *
     * @param power    {@link #binCount()} power values
     * @param energies receives {@link #filterCount()} mel energies
     */
    public void apply(double[] power, double[] energies) {
        if (power.length != binCount) {
            throw new IllegalArgumentException("expected " + binCount + " power bins, got " + power.length);
        }
        if (energies.length != weights.length) {
            throw new IllegalArgumentException("expected " + weights.length + " energies, got " + energies.length);
        }
        for (int m = 0; m < weights.length; m++) {
            double[] w = weights[m];
            int first = firstBins[m];
            double sum = 0;
            for (int i = 0; i < w.length; i++) {
                sum += w[i] * power[first + i];
            }
            energies[m] = sum;
        }
    }
}
