package org.emoscope.bench;

import java.util.SplittableRandom;

/**
 * Synthetic speech-like audio for benchmarks: a harmonic source (12 harmonics, 1/h roll-off) whose pitch wanders
 * between about 100 and 220 Hz, shaped into 4 Hz syllables with a 0.4 s pause every 3 s, plus white noise about
 * 40 dB below the voice. Deterministic for a given seed.
 */
public final class SpeechSignal {

    private static final int HARMONICS = 12;

    private SpeechSignal() {
    }

    /** {@code seconds} of speech-like audio at {@code rate} Hz, samples within [-1, 1]. */
    public static float[] generate(double seconds, int rate, long seed) {
        int n = (int) Math.round(seconds * rate);
        float[] x = new float[n];
        SplittableRandom r = new SplittableRandom(seed);
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double f0 = 160 + 45 * Math.sin(2 * Math.PI * 0.37 * t) + 15 * Math.sin(2 * Math.PI * 2.1 * t);
            phase += 2 * Math.PI * f0 / rate;
            if (phase > 2 * Math.PI * 1000) phase -= 2 * Math.PI * 1000;
            double s = 0;
            for (int h = 1; h <= HARMONICS; h++) s += Math.sin(h * phase) / h;
            double syllable = 0.5 - 0.5 * Math.cos(2 * Math.PI * 4 * t);
            double pause = (t % 3.0) > 2.6 ? 0 : 1;
            x[i] = (float) (0.12 * syllable * pause * s + 0.003 * (2 * r.nextDouble() - 1));
        }
        return x;
    }

    /** {@code seconds} of audio made by repeating {@code base} (cheap for long files). */
    public static float[] tile(float[] base, double seconds, int rate) {
        int n = (int) Math.round(seconds * rate);
        float[] x = new float[n];
        for (int o = 0; o < n; o += base.length) System.arraycopy(base, 0, x, o, Math.min(base.length, n - o));
        return x;
    }
}
