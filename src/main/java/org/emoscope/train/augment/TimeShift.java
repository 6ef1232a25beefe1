package org.emoscope.train.augment;

import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Moves the signal in time by a whole number of samples, keeping its length; positive delays (content moves later).
 * With {@link Fill#ZERO} the vacated part is silence and what moves past the end is dropped; with
 * {@link Fill#CIRCULAR} what moves past one end re-enters at the other. The shift is fixed or drawn uniformly (in
 * whole samples) from a range in milliseconds, converted at {@link #SAMPLE_RATE} and rounded.
 */
public final class TimeShift implements Augmentation {

    /** What fills the part the content moved away from. */
    public enum Fill {
        /** Silence fills the vacated part; content shifted past the end is dropped. */
        ZERO,
        /** Content shifted past one end re-enters at the other. */
        CIRCULAR
    }

    private final Range ms;
    private final Fill fill;

    /** Shift drawn from [minMs, maxMs] (fixed if equal). */
    public TimeShift(double minMs, double maxMs, Fill fill) {
        this.ms = new Range(minMs, maxMs);
        this.fill = Objects.requireNonNull(fill, "fill");
    }

    /** A fixed shift. */
    public static TimeShift of(double ms, Fill fill) {
        return new TimeShift(ms, ms, fill);
    }

    /** A shift drawn from [-maxMs, +maxMs]. */
    public static TimeShift upTo(double maxMs, Fill fill) {
        return new TimeShift(-maxMs, maxMs, fill);
    }

    @Override
    public float[] apply(float[] samples, SplittableRandom random) {
        Signals.requireFinite(samples);
        int lo = toSamples(ms.min());
        int hi = toSamples(ms.max());
        int shift = lo == hi ? lo : random.nextInt(lo, hi + 1);
        int n = samples.length;
        float[] out = new float[n];
        if (n == 0) return out;
        if (fill == Fill.CIRCULAR) {
            int s = Math.floorMod(shift, n);
            System.arraycopy(samples, 0, out, s, n - s);
            System.arraycopy(samples, n - s, out, 0, s);
        } else if (Math.abs(shift) < n) {
            if (shift >= 0) System.arraycopy(samples, 0, out, shift, n - shift);
            else System.arraycopy(samples, -shift, out, 0, n + shift);
        }
        return out;
    }

    private static int toSamples(double milliseconds) {
        return (int) Math.round(milliseconds * SAMPLE_RATE / 1000);
    }

    /** E.g. {@code shift+50ms-zero}, {@code shift-100..+100ms-circular}. */
    @Override
    public String key() {
        return "shift" + ms.key(true) + "ms-" + fill.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return key();
    }
}
