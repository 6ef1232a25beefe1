package org.emoscope.features;

import java.util.Random;

/** Deterministic test signals, as floats (what the production code consumes). */
final class Signals {

    private Signals() {
    }

    static float[] tone(double hz, double amplitude, int sampleRate, int samples) {
        float[] s = new float[samples];
        for (int n = 0; n < samples; n++) {
            s[n] = (float) (amplitude * Math.sin(2 * Math.PI * hz * n / sampleRate));
        }
        return s;
    }

    /** Linear chirp from {@code f0} to {@code f1} Hz over the whole signal. */
    static float[] chirp(double f0, double f1, double amplitude, int sampleRate, int samples) {
        double duration = samples / (double) sampleRate;
        float[] s = new float[samples];
        for (int n = 0; n < samples; n++) {
            double t = n / (double) sampleRate;
            s[n] = (float) (amplitude * Math.sin(2 * Math.PI * (f0 * t + (f1 - f0) * t * t / (2 * duration))));
        }
        return s;
    }

    /** Gaussian white noise with standard deviation {@code sigma}. */
    static float[] noise(long seed, double sigma, int samples) {
        Random random = new Random(seed);
        float[] s = new float[samples];
        for (int n = 0; n < samples; n++) {
            s[n] = (float) (sigma * random.nextGaussian());
        }
        return s;
    }
}
