package org.emoscope.train.augment;

import java.util.SplittableRandom;

/**
 * Backgrounds without speech, for testing a speech detector: steady noises of several colours, mains hum, and
 * music-like tones. All at {@link Augmentation#SAMPLE_RATE}, unit-free (callers scale them), deterministic for a
 * given random source.
 */
public final class NoiseSignals {

    private NoiseSignals() {
    }

    /** 1/f noise from 20 Hz (a fan, an office). */
    public static float[] pink(int length, SplittableRandom random) {
        return PinkNoise.generate(length, Augmentation.SAMPLE_RATE, random);
    }

    /** 1/f² noise (a car, rumble): leaky-integrated white noise, the leak giving a corner near 8 Hz. */
    public static float[] brown(int length, SplittableRandom random) {
        float[] x = new float[length];
        double y = 0;
        for (int i = 0; i < length; i++) {
            y = 0.997 * y + random.nextGaussian();
            x[i] = (float) y;
        }
        return x;
    }

    /** Mains hum: 50 Hz and its harmonics to 1 kHz at 1/k amplitude, random phases, with faint white noise. */
    public static float[] hum(int length, SplittableRandom random) {
        float[] x = new float[length];
        double[] phase = new double[20];
        for (int k = 0; k < phase.length; k++) phase[k] = 2 * Math.PI * random.nextDouble();
        for (int i = 0; i < length; i++) {
            double t = i / (double) Augmentation.SAMPLE_RATE;
            double v = 0;
            for (int k = 1; k <= phase.length; k++) v += Math.sin(2 * Math.PI * 50 * k * t + phase[k - 1]) / k;
            x[i] = (float) (v + 0.01 * random.nextGaussian());
        }
        return x;
    }

    /**
     * Music-like tones: a melody of notes on a pentatonic scale between about 130 and 1,050 Hz, 0.15 to 0.6 s each,
     * each with six harmonics, a 10 ms attack and an exponential decay; now and then a second note sounds with it.
     */
    public static float[] tones(int length, SplittableRandom random) {
        int[] scale = {0, 2, 4, 7, 9};
        float[] x = new float[length];
        int rate = Augmentation.SAMPLE_RATE;
        int at = 0;
        while (at < length) {
            int notes = random.nextDouble() < 0.3 ? 2 : 1;
            int duration = (int) ((0.15 + 0.45 * random.nextDouble()) * rate);
            for (int n = 0; n < notes; n++) {
                int semitone = 12 * random.nextInt(3) + scale[random.nextInt(scale.length)];
                double f0 = 130.8 * Math.pow(2, semitone / 12.0);
                double decay = 2 + 4 * random.nextDouble();
                for (int i = 0; i < duration && at + i < length; i++) {
                    double t = i / (double) rate;
                    double envelope = Math.min(1, t / 0.01) * Math.exp(-decay * t);
                    double v = 0;
                    for (int k = 1; k <= 6; k++) if (f0 * k < rate / 2.0) v += Math.sin(2 * Math.PI * f0 * k * t) / k;
                    x[at + i] += (float) (envelope * v / notes);
                }
            }
            at += duration;
        }
        return x;
    }

    /** Mean square over the active part of {@code samples} (see {@link AddNoise}); 0 for silence. */
    public static double activePower(float[] samples) {
        return Signals.activePower(samples);
    }

    /** Mean square of all of {@code samples}. */
    public static double power(float[] samples) {
        return Signals.power(samples);
    }
}
