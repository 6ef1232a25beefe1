package org.emoscope.features;

import org.emoscope.features.FeatureConfig.WindowType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One frame against values computed outside Java with numpy 2.4.6 / scipy 1.17.1 (float64), by this script:
 * <pre>
 * import numpy as np, scipy.fft
 * def signal(sr, n):                       # same formula and LCG as {@link #signal}, rounded to float32
 *     state, out = 12345, np.empty(n, dtype=np.float32)
 *     for i in range(n):
 *         state = (state * 1103515245 + 12345) % (1 &lt;&lt; 31)
 *         out[i] = np.float32(0.4*np.sin(2*np.pi*440*i/sr) + 0.2*np.sin(2*np.pi*3700*i/sr + 0.3)
 *                             + 0.05*(state / float(1 &lt;&lt; 31) - 0.5))
 *     return out
 * hz2mel = lambda f: 2595*np.log10(1 + f/700); mel2hz = lambda m: 700*(10**(m/2595) - 1)
 * def feats(sr, W, N, M, C, fmin, fmax, a, win):
 *     x = signal(sr, W).astype(np.float64); y = x.copy(); y[1:] = x[1:] - a*x[:-1]
 *     w = (np.hamming if win == 'hamming' else np.hanning)(W + 1)[:-1]
 *     P = np.abs(np.fft.rfft(y*w, N))**2
 *     e = mel2hz(np.linspace(hz2mel(fmin), hz2mel(fmax), M + 2)); f = np.arange(N//2 + 1)*sr/N
 *     F = np.maximum(0, np.minimum((f[None,:] - e[:-2,None])/(e[1:-1,None] - e[:-2,None]),
 *                                  (e[2:,None] - f[None,:])/(e[2:,None] - e[1:-1,None])))
 *     L = 10*np.log10(np.maximum(F @ P, 1e-10))
 *     return e[1:-1], L, scipy.fft.dct(L, type=2, norm='ortho')[:C]
 * </pre>
 * Tolerance 1e-3 on every band (dB) and coefficient; the printed values are rounded to 1e-6.
 */
class NumpyReferenceTest {

    private static final double TOLERANCE = 1e-3;

    @Test
    void defaultConfigurationMatchesNumpy() {
        check(FeatureConfig.defaults(),
                new double[]{48.137671, 77.374965, 1851.234552, 7672.790519},
                new double[]{-10.694659, -8.895337, -9.585958, -13.096576, -11.879340, -5.979140, -6.954790,
                        -12.579021, -11.038579, 6.299761, 27.673222, 33.239711, 27.101615, 8.898181, -12.400109,
                        -8.337242, -14.897129, -12.680608, -10.646411, -15.285900, -9.785416, -9.922709, -7.947944,
                        -10.686369, -10.444420, -13.871485, -12.702231, -14.728411, -15.535391, -16.660743,
                        -14.114306, -13.320830, -10.485988, -11.316509, -10.022556, -8.435796, -9.135878,
                        -8.117855, -5.940265, -8.702135, -9.443016, -5.318158, -2.864196, -10.266676, -9.455632,
                        4.627183, 28.058813, 22.517187, -4.087241, -6.062981, -9.116941, -11.291820, -8.106754,
                        -6.218021, -3.653919, -6.423271, -4.271884, -9.111205, -9.733895, -7.789843, -1.967672,
                        -4.951766, -2.732935, -4.185753},
                new double[]{-45.683243, -0.958027, 19.964079, 12.233836, -31.762838, -24.046513, -14.742923,
                        -28.676787, 3.899654, 1.016453, 13.364822, 37.337155, 11.261462, 5.684326, 6.670604,
                        -25.235724, -5.773162, -13.479817, -19.583930, 10.397491, -2.883292, 9.195673, 18.601777,
                        3.057573, 8.536345, 6.310882, -13.776371, 1.636041, -3.515722, -10.933534, 4.904197,
                        -5.293145, -5.191790, 5.284831, -4.845908, -3.242208, 4.597900, -5.636414, 2.249163,
                        0.654189});
    }

    @Test
    void narrowbandHannPreEmphasisConfigurationMatchesNumpy() {
        check(new FeatureConfig(8000, 200, 80, 256, 26, 13, 0, 4000, 0.97, WindowType.HANN),
                new double[]{51.151715, 106.041283, 1178.939344, 3679.940745},
                new double[]{-41.500501, -37.764215, -35.363655, -29.626139, -18.887846, 11.848427, 18.319752,
                        8.605970, -20.979406, -21.373822, -21.764423, -15.375386, -13.407109, -17.375888,
                        -13.664165, -7.025271, -9.103964, -7.210918, -5.545307, -9.564964, -6.607639, -5.448442,
                        -2.704293, -4.322666, 8.297804, 28.281295},
                new double[]{-52.806774, -42.791790, 2.538621, -38.098441, -24.821169, -39.431504, 4.183788,
                        4.118262, 27.269276, 10.726009, 8.550472, -16.326749, -6.128397});
    }

    /** Checks filter centres 0, 1, M/2 and M-1, every log-mel band and every coefficient of frame 0. */
    private static void check(FeatureConfig config, double[] centres, double[] logMel, double[] mfcc) {
        MelFilterBank bank = new MelFilterBank(config);
        int m = config.melFilters();
        int[] which = {0, 1, m / 2, m - 1};
        for (int i = 0; i < which.length; i++) {
            assertEquals(centres[i], bank.centreFrequency(which[i]), 1e-5, "centre of filter " + which[i]);
        }
        float[] samples = signal(config.sampleRate(), config.windowSamples());
        Mfcc features = new Mfcc(config);
        float[] actualLogMel = features.logMel(samples, 0, null);
        float[] actualMfcc = features.compute(samples, 0, null);
        for (int i = 0; i < logMel.length; i++) assertEquals(logMel[i], actualLogMel[i], TOLERANCE, "band " + i);
        for (int j = 0; j < mfcc.length; j++) assertEquals(mfcc[j], actualMfcc[j], TOLERANCE, "c" + j);
    }

    /** Two tones plus LCG noise, exactly as in the numpy script. */
    private static float[] signal(int sampleRate, int length) {
        float[] out = new float[length];
        long state = 12345;
        for (int i = 0; i < length; i++) {
            state = (state * 1103515245L + 12345L) % (1L << 31);
            double noise = state / (double) (1L << 31) - 0.5;
            out[i] = (float) (0.4 * Math.sin(2 * Math.PI * 440 * i / sampleRate)
                    + 0.2 * Math.sin(2 * Math.PI * 3700 * i / sampleRate + 0.3) + 0.05 * noise);
        }
        return out;
    }
}
