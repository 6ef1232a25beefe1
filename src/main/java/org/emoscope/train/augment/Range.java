package org.emoscope.train.augment;

import java.math.BigDecimal;
import java.util.SplittableRandom;

/** A parameter that is either fixed ({@code min == max}) or drawn from [min, max]. */
record Range(double min, double max) {

    Range {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max)
            throw new IllegalArgumentException("need finite min <= max, got " + min + ".." + max);
    }

    static Range of(double value) {
        return new Range(value, value);
    }

    boolean isFixed() {
        return min == max;
    }

    /** The value, or a uniform draw from [min, max). */
    double draw(SplittableRandom random) {
        return isFixed() ? min : random.nextDouble(min, max);
    }

    /** The value, or a draw uniform in log scale from [min, max) (both positive), for ratios. */
    double drawLog(SplittableRandom random) {
        return isFixed() ? min : Math.exp(random.nextDouble(Math.log(min), Math.log(max)));
    }

    /** {@code "20"} or {@code "10..30"}; with {@code signed}, {@code "+0.7"} or {@code "-2..+2"}. */
    String key(boolean signed) {
        return isFixed() ? format(min, signed) : format(min, signed) + ".." + format(max, signed);
    }

    /** Shortest exact decimal of {@code value}, never in exponent form: distinct values give distinct strings. */
    private static String format(double value, boolean signed) {
        String plain = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return signed && value >= 0 ? "+" + plain : plain;
    }
}
