package org.emoscope.app;

import java.util.SplittableRandom;

/** A voice-like test signal: voiced syllables (a glottal-pulse-like harmonic series through two formants). */
final class SyntheticVoice {

    private SyntheticVoice() {
    }

    /** {@code seconds} of syllables at -15 dBFS or so, with a rising and falling pitch. */
    static float[] phrase(int rate, double seconds, long seed) {
        int n = (int) (seconds * rate);
        float[] x = new float[n];
        SplittableRandom r = new SplittableRandom(seed);
        double phase = 0;
        double f1 = 700;
        double f2 = 1200;
        for (int i = 0; i < n; i++) {
            double t = i / (double) rate;
            double f0 = 150 + 60 * Math.sin(2 * Math.PI * 0.7 * t) + 20 * Math.sin(2 * Math.PI * 5 * t);
            phase += 2 * Math.PI * f0 / rate;
            double syllable = Math.max(0, Math.sin(2 * Math.PI * 2.5 * t));
            if (i % (rate / 4) == 0) {
                f1 = 400 + r.nextDouble() * 500;
                f2 = 1000 + r.nextDouble() * 1400;
            }
            double s = 0;
            for (int h = 1; h <= 30; h++) {
                double fh = h * f0;
                if (fh > rate / 2.0 - 200) break;
                double gain = 1.0 / h * (formant(fh, f1, 120) + 0.6 * formant(fh, f2, 180) + 0.05);
                s += gain * Math.sin(h * phase);
            }
            x[i] = (float) (0.25 * syllable * s + 0.002 * (r.nextDouble() - 0.5));
        }
        return x;
    }

    private static double formant(double f, double centre, double bandwidth) {
        double d = (f - centre) / bandwidth;
        return 1 / (1 + d * d);
    }

    /** {@code voice} again and again with {@code pause} seconds of near-silence between, for {@code total} seconds. */
    static float[] repeatWithPauses(float[] voice, int rate, double pause, double total) {
        int n = (int) (total * rate);
        float[] out = new float[n];
        int gap = (int) (pause * rate);
        SplittableRandom r = new SplittableRandom(7);
        int i = gap / 2;
        while (i < n) {
            int len = Math.min(voice.length, n - i);
            System.arraycopy(voice, 0, out, i, len);
            i += len + gap;
        }
        for (int k = 0; k < n; k++) out[k] += (float) (0.0015 * (r.nextDouble() - 0.5));
        return out;
    }
}
