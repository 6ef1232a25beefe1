package org.emoscope.train.augment;

import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Adds Gaussian noise at a signal-to-noise ratio. The noise is scaled so that its power over the whole signal is
 * exactly the reference signal power divided by 10^(SNR/10):
 * <ul>
 * <li>{@link Reference#ACTIVE} (default): the signal power is measured over its active part, the 20 ms frames within
 *     40 dB of the loudest frame, so leading and trailing silence (about a second in each RAVDESS file) does not
 *     lower the speech's SNR;</li>
 * <li>{@link Reference#WHOLE}: over all samples.</li>
 * </ul>
 * Digital silence is returned unchanged (there is no level to relate the noise to). The sum is hard-clipped to
 * [-1, 1], which lowers the realised SNR only for signals near full scale.
 */
public final class AddNoise implements Augmentation {

    /** Noise spectrum. */
    public enum Colour {
        /** Flat spectrum up to Nyquist. */
        WHITE,
        /** 1/f spectrum (-3 dB per octave) from 20 Hz to Nyquist. */
        PINK
    }

    /** Which part of the signal the SNR refers to. */
    public enum Reference {
        /** The 20 ms frames within 40 dB of the loudest frame. */
        ACTIVE,
        /** All samples. */
        WHOLE
    }

    private final Colour colour;
    private final Range snrDb;
    private final Reference reference;

    /**
     * @param colour    noise spectrum
     * @param minSnrDb  lowest SNR in dB
     * @param maxSnrDb  highest SNR in dB (equal to {@code minSnrDb} for a fixed SNR; else drawn uniformly)
     * @param reference signal part the SNR refers to
     */
    public AddNoise(Colour colour, double minSnrDb, double maxSnrDb, Reference reference) {
        this.colour = Objects.requireNonNull(colour, "colour");
        this.snrDb = new Range(minSnrDb, maxSnrDb);
        this.reference = Objects.requireNonNull(reference, "reference");
    }

    /** White noise at a fixed SNR over the active part. */
    public static AddNoise white(double snrDb) {
        return new AddNoise(Colour.WHITE, snrDb, snrDb, Reference.ACTIVE);
    }

    /** Pink noise at a fixed SNR over the active part. */
    public static AddNoise pink(double snrDb) {
        return new AddNoise(Colour.PINK, snrDb, snrDb, Reference.ACTIVE);
    }

    @Override
    public float[] apply(float[] samples, SplittableRandom random) {
        Signals.requireFinite(samples);
        double signalPower = reference == Reference.ACTIVE ? Signals.activePower(samples) : Signals.power(samples);
        if (signalPower == 0) return samples.clone();
        double snr = snrDb.draw(random);
        float[] noise = colour == Colour.WHITE ? white(samples.length, random)
                : PinkNoise.generate(samples.length, SAMPLE_RATE, random);
        double scale = Math.sqrt(signalPower / Math.pow(10, snr / 10) / Signals.power(noise));
        float[] out = new float[samples.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) (samples[i] + scale * noise[i]);
        return Signals.clip(out);
    }

    private static float[] white(int length, SplittableRandom random) {
        float[] noise = new float[length];
        for (int i = 0; i < length; i++) noise[i] = (float) random.nextGaussian();
        return noise;
    }

    /** E.g. {@code noise-white-snr20}, {@code noise-pink-snr10..30}, {@code noise-white-snr20-whole}. */
    @Override
    public String key() {
        return "noise-" + colour.name().toLowerCase(Locale.ROOT) + "-snr" + snrDb.key(false)
                + (reference == Reference.WHOLE ? "-whole" : "");
    }

    @Override
    public String toString() {
        return key();
    }
}
