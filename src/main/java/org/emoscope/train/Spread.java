package org.emoscope.train;

import java.util.List;
import java.util.Locale;

/**
 * A figure over several runs (seeds): its mean and sample standard deviation (0 for one run).
 *
 * @param mean mean of the values
 * @param sd   sample standard deviation (n - 1 in the denominator); 0 when there is one value
 * @param n    number of values
 */
public record Spread(double mean, double sd, int n) {

    /** The spread of {@code values}; NaN mean for none. */
    public static Spread of(List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return new Spread(mean, values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : 0, values.size());
    }

    /** A fraction as a percentage: "47.3", or "47.3 ± 2.1" over several runs. */
    public String percent() {
        return n > 1 ? String.format(Locale.ROOT, "%.1f ± %.1f", 100 * mean, 100 * sd)
                : String.format(Locale.ROOT, "%.1f", 100 * mean);
    }
}
