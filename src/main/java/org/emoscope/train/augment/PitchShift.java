package org.emoscope.train.augment;

import java.util.SplittableRandom;

/**
 * Shifts pitch by a number of semitones (frequency ratio 2^(s/12)) keeping the length: WSOLA stretches the signal
 * to {@code round(n * ratio)} samples at the same pitch, then band-limited resampling brings it back to {@code n}
 * samples, scaling every frequency by exactly that length ratio. Formants move with the pitch, as in any
 * resampling-based shifter. Semitones fixed or drawn uniformly from a range within [-12, 12].
 */
public final class PitchShift implements Augmentation {

    private static final Wsola WSOLA = new Wsola(SAMPLE_RATE);

    private final Range semitones;

    /** Semitones drawn uniformly from [min, max] (fixed if equal), within [-12, 12]. */
    public PitchShift(double minSemitones, double maxSemitones) {
        this.semitones = new Range(minSemitones, maxSemitones);
        if (minSemitones < -12 || maxSemitones > 12)
            throw new IllegalArgumentException("semitones must be within -12..12");
    }

    /** A fixed shift, e.g. the paper's {@code +0.7}. */
    public static PitchShift of(double semitones) {
        return new PitchShift(semitones, semitones);
    }

    @Override
    public float[] apply(float[] samples, SplittableRandom random) {
        Signals.requireFinite(samples);
        double ratio = Math.pow(2, semitones.draw(random) / 12);
        float[] stretched = WSOLA.toLength(samples, (int) Math.round(samples.length * ratio));
        return Signals.clip(Resampling.toLength(stretched, samples.length));
    }

    /** E.g. {@code pitch+0.7}, {@code pitch-2..+2}. */
    @Override
    public String key() {
        return "pitch" + semitones.key(true);
    }

    @Override
    public String toString() {
        return key();
    }
}
