package org.emoscope.features;

import org.emoscope.features.FeatureConfig.WindowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The power spectrum, including the DC and Nyquist bins that JTransforms packs into a[0] and a[1]. */
class FrameSpectrumTest {

    static Stream<FeatureConfig> configs() {
        return MfccGoldenTest.configs();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyBinMatchesADirectDft(FeatureConfig config) {
        float[] signal = Signals.noise(17, 0.3, config.windowSamples() + 5);
        for (int n = 0; n < signal.length; n++) signal[n] += (n % 2 == 0 ? 0.2f : -0.2f) + 0.1f; // Nyquist + DC
        double[] expected = new ReferenceFeatures(config).power(signal, 5);
        double[] actual = new FrameSpectrum(config).power(signal, 5);
        assertEquals(config.fftSize() / 2 + 1, actual.length);
        double peak = 0;
        for (double p : expected) peak = Math.max(peak, p);
        for (int k = 0; k < expected.length; k++) {
            // single-precision FFT: amplitude error ~ 1e-6 of the peak amplitude
            double tolerance = 2 * Math.sqrt(expected[k] * peak) * 1e-6 + peak * 1e-12;
            assertEquals(expected[k], actual[k], tolerance, "bin " + k);
        }
    }

    @Test
    void dcAndNyquistBinsHaveTheirAnalyticValues() {
        FeatureConfig config = FeatureConfig.defaults();
        FrameSpectrum spectrum = new FrameSpectrum(config);
        float[] constant = new float[400];
        float[] alternating = new float[400];
        for (int n = 0; n < 400; n++) {
            constant[n] = 0.5f;
            alternating[n] = n % 2 == 0 ? 0.5f : -0.5f;
        }
        // a periodic Hamming window sums to 0.54 W, so X[0] = 0.5 * 0.54 * 400 = 108 for the constant
        double[] p = spectrum.power(constant, 0);
        assertEquals(108.0 * 108.0, p[0], 1e-2);
        assertEquals(0.0, p[256], 1e-6);
        // (-1)^n is the Nyquist frequency: X[N/2] = sum 0.5 w[n] (-1)^n (-1)^n = 108
        p = spectrum.power(alternating, 0);
        assertEquals(108.0 * 108.0, p[256], 1e-2);
        assertEquals(0.0, p[0], 1e-6);
    }

    @Test
    void rejectsFramesOutsideTheSignalAndATrivialFft() {
        FrameSpectrum spectrum = new FrameSpectrum(FeatureConfig.defaults());
        assertThrows(IndexOutOfBoundsException.class, () -> spectrum.power(new float[399], 0));
        assertThrows(IndexOutOfBoundsException.class, () -> spectrum.power(new float[500], 101));
        FeatureConfig oneBin = new FeatureConfig(2, 1, 1, 1, 1, 1, 0, 1, 0, WindowType.HANN);
        assertThrows(IllegalArgumentException.class, () -> new FrameSpectrum(oneBin));
    }
}
