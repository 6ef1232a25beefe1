package org.emoscope.train.augment;

import java.util.SplittableRandom;

/**
 * Changes speed without changing pitch (WSOLA): rate 1.25 is 25 % faster. The output has exactly
 * {@code round(length / rate)} samples. The rate is fixed or drawn log-uniformly from a range within [0.5, 2], so
 * that slowing down and speeding up by the same ratio are equally likely.
 */
public final class TimeStretch implements Augmentation {

    private static final Wsola WSOLA = new Wsola(SAMPLE_RATE);

    private final Range rate;

    /** Rate drawn log-uniformly from [minRate, maxRate] (fixed if equal), within [0.5, 2]. */
    public TimeStretch(double minRate, double maxRate) {
        this.rate = new Range(minRate, maxRate);
        if (minRate < 0.5 || maxRate > 2) throw new IllegalArgumentException("rate must be within 0.5..2");
    }

    /** A fixed rate. */
    public static TimeStretch of(double rate) {
        return new TimeStretch(rate, rate);
    }

    @Override
    public float[] apply(float[] samples, SplittableRandom random) {
        Signals.requireFinite(samples);
        int length = (int) Math.round(samples.length / rate.drawLog(random));
        return Signals.clip(WSOLA.toLength(samples, length));
    }

    /** E.g. {@code stretch0.9}, {@code stretch0.8..1.25}. */
    @Override
    public String key() {
        return "stretch" + rate.key(false);
    }

    @Override
    public String toString() {
        return key();
    }
}
