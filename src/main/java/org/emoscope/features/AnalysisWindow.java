package org.emoscope.features;

import org.emoscope.features.FeatureConfig.WindowType;

/** Periodic analysis windows (numpy {@code hamming(N + 1)[:-1]} style): symmetric over N + 1 points, last dropped. */
final class AnalysisWindow {

    private AnalysisWindow() {
    }

    /**
     * Window coefficients w[n], n = 0..length-1: Hamming 0.54 - 0.46 cos(2 pi n / length),
     * Hann 0.5 - 0.5 cos(2 pi n / length).
     */
    static double[] periodic(WindowType type, int length) {
        if (length < 1) throw new IllegalArgumentException("window length must be positive: " + length);
        double a0 = switch (type) {
            case HAMMING -> 0.54;
            case HANN -> 0.5;
        };
        double[] w = new double[length];
        for (int n = 0; n < length; n++) {
            w[n] = a0 - (1 - a0) * Math.cos(2 * Math.PI * n / length);
        }
        return w;
    }
}
