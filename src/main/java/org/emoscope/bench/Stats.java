package org.emoscope.bench;

import java.util.Arrays;

/**
 * Summary statistics for benchmark samples. Percentiles interpolate linearly between the closest ranks (numpy's
 * default, Hyndman-Fan type 7): for n sorted values {@code x[0..n-1]} the p-th percentile is at position
 * {@code h = (n - 1) p / 100}, i.e. {@code x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h])}.
 */
public final class Stats {

    private Stats() {
    }

    /**
     * The {@code p}-th percentile of {@code values} (not modified).
     *
     * @throws IllegalArgumentException if there are no values or {@code p} is outside [0, 100]
     */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) throw new IllegalArgumentException("no values");
        if (!(p >= 0 && p <= 100)) throw new IllegalArgumentException("percentile must be in [0, 100]: " + p);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double h = (sorted.length - 1) * p / 100.0;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The 50th percentile. */
    public static double median(double[] values) {
        return percentile(values, 50);
    }

    /** The arithmetic mean. */
    public static double mean(double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("no values");
        double sum = 0;
        for (double v : values) sum += v;
        return sum / values.length;
    }

    /** The largest value. */
    public static double max(double[] values) {
        if (values.length == 0) throw new IllegalArgumentException("no values");
        double m = values[0];
        for (double v : values) m = Math.max(m, v);
        return m;
    }

    /** Differences between consecutive values: {@code values[i + 1] - values[i]} (one fewer than given). */
    public static double[] intervals(double[] values) {
        double[] out = new double[Math.max(0, values.length - 1)];
        for (int i = 0; i < out.length; i++) out[i] = values[i + 1] - values[i];
        return out;
    }
}
