package org.emoscope.features;

/**
 * Independent, deliberately naive reference for the feature definition, in double precision: direct O(N^2) DFT,
 * dense triangular filters written from the textbook formula, direct DCT-II sum. Shares no code with production.
 */
final class ReferenceFeatures {

    private final FeatureConfig config;
    private final double[] window;
    private final double[][] filters;
    private final double[] cosTable;
    private final double[] sinTable;

    ReferenceFeatures(FeatureConfig config) {
        this.config = config;
        int w = config.windowSamples();
        window = new double[w];
        for (int n = 0; n < w; n++) {
            double s = Math.sin(Math.PI * n / w);
            // 0.54 - 0.46 cos(2x) = 0.08 + 0.92 sin^2 x ; 0.5 - 0.5 cos(2x) = sin^2 x
            window[n] = switch (config.window()) {
                case HAMMING -> 0.08 + 0.92 * s * s;
                case HANN -> s * s;
            };
        }
        int size = config.fftSize();
        cosTable = new double[size];
        sinTable = new double[size];
        for (int i = 0; i < size; i++) {
            cosTable[i] = Math.cos(2 * Math.PI * i / size);
            sinTable[i] = Math.sin(2 * Math.PI * i / size);
        }
        filters = denseFilters(config);
    }

    static double mel(double hz) {
        return 2595.0 * Math.log10(1.0 + hz / 700.0);
    }

    static double hz(double mel) {
        return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
    }

    /** Centre frequencies (Hz) of the M filters: points 1..M of M + 2 points evenly spaced in mel. */
    static double[] centres(FeatureConfig c) {
        double lo = mel(c.minFrequency());
        double step = (mel(c.maxFrequency()) - lo) / (c.melFilters() + 1);
        double[] centres = new double[c.melFilters()];
        for (int m = 0; m < centres.length; m++) {
            centres[m] = hz(lo + (m + 1) * step);
        }
        return centres;
    }

    private static double[][] denseFilters(FeatureConfig c) {
        int bins = c.fftSize() / 2 + 1;
        double lo = mel(c.minFrequency());
        double step = (mel(c.maxFrequency()) - lo) / (c.melFilters() + 1);
        double[][] f = new double[c.melFilters()][bins];
        for (int m = 0; m < f.length; m++) {
            double left = hz(lo + m * step);
            double centre = hz(lo + (m + 1) * step);
            double right = hz(lo + (m + 2) * step);
            for (int k = 0; k < bins; k++) {
                double freq = (double) k * c.sampleRate() / c.fftSize();
                if (freq > left && freq <= centre) {
                    f[m][k] = (freq - left) / (centre - left);
                } else if (freq > centre && freq < right) {
                    f[m][k] = (right - freq) / (right - centre);
                }
            }
        }
        return f;
    }

    /** Dense weight of filter m at bin k. */
    double filter(int m, int k) {
        return filters[m][k];
    }

    /** |DFT|^2 of the pre-emphasised, windowed, zero-padded frame at {@code offset}, bins 0..N/2. */
    double[] power(float[] signal, int offset) {
        int w = config.windowSamples();
        int size = config.fftSize();
        double[] y = new double[w];
        for (int n = 0; n < w; n++) {
            double prev = n == 0 ? 0.0 : signal[offset + n - 1];
            double emphasised = n == 0 ? signal[offset] : signal[offset + n] - config.preEmphasis() * prev;
            y[n] = emphasised * window[n];
        }
        double[] p = new double[size / 2 + 1];
        for (int k = 0; k < p.length; k++) {
            double re = 0;
            double im = 0;
            for (int n = 0; n < w; n++) {
                int idx = (int) ((long) k * n % size);
                re += y[n] * cosTable[idx];
                im -= y[n] * sinTable[idx];
            }
            p[k] = re * re + im * im;
        }
        return p;
    }

    /** 10 log10(max(mel energy, 1e-10)) per filter. */
    double[] logMel(float[] signal, int offset) {
        double[] p = power(signal, offset);
        double[] out = new double[filters.length];
        for (int m = 0; m < out.length; m++) {
            double e = 0;
            for (int k = 0; k < p.length; k++) {
                e += filters[m][k] * p[k];
            }
            out[m] = 10.0 * Math.log10(Math.max(e, 1e-10));
        }
        return out;
    }

    /** Orthonormal DCT-II of {@code x}, first {@code count} terms. */
    static double[] dct(double[] x, int count) {
        int m = x.length;
        double[] c = new double[count];
        for (int j = 0; j < count; j++) {
            double sum = 0;
            for (int i = 0; i < m; i++) {
                sum += x[i] * Math.cos(Math.PI * j * (i + 0.5) / m);
            }
            c[j] = sum * (j == 0 ? Math.sqrt(1.0 / m) : Math.sqrt(2.0 / m));
        }
        return c;
    }

    double[] mfcc(float[] signal, int offset) {
        return dct(logMel(signal, offset), config.coefficients());
    }
}
