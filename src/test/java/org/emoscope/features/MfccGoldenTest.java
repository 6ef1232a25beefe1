package org.emoscope.features;

import org.emoscope.features.FeatureConfig.WindowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every frame of several signals and configurations against {@link ReferenceFeatures} (double precision, direct
 * DFT, dense textbook filters, direct DCT sum).
 *
 * <p>Tolerances. The production FFT is single precision, so the absolute error of a band's amplitude is a small
 * multiple of the float unit roundoff (2^-24 = 6.0e-8) times the amplitude of the frame's strongest band. A band
 * L dB below the strongest one may therefore be off by {@code 8.686 K 10^((Lmax - L) / 20)} dB
 * (8.686 = 20 / ln 10): the tests allow K = 2e-7 (observed at most 4.5e-8) plus 1e-4 dB for the float outputs.
 * Bands 100 dB down in a pure tone legitimately differ by tenths of a dB; broadband bands agree to 1e-5 dB.
 * The DCT is orthonormal, so a frame's coefficient error vector is no longer than its band error vector:
 * {@code ||c - c_ref||_2 <= ||L - L_ref||_2 + 1e-4} is asserted on every frame. Flat bounds on top: with the
 * default configuration every coefficient is within 1e-3 of the reference (observed 9.0e-4, on the chirp), and
 * for white noise every band and coefficient is within 1e-4 in every configuration (observed 4.5e-5).
 */
class MfccGoldenTest {

    private static final double K_ALLOWED = 2e-7;
    private static final double OUTPUT_ROUNDING = 1e-4;
    private static final double DB_PER_RELATIVE_AMPLITUDE = 20 / Math.log(10);

    static final FeatureConfig DEFAULTS = FeatureConfig.defaults();
    static final FeatureConfig NARROWBAND =
            new FeatureConfig(8000, 200, 80, 256, 26, 13, 0, 4000, 0.97, WindowType.HANN);
    static final FeatureConfig WIDEBAND =
            new FeatureConfig(22050, 551, 220, 1024, 80, 20, 50, 11025, 0.5, WindowType.HAMMING);
    static final FeatureConfig SQUARE =
            new FeatureConfig(16000, 512, 256, 512, 40, 40, 0, 8000, 0.0, WindowType.HANN);

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (FeatureConfig c : List.of(DEFAULTS, NARROWBAND, WIDEBAND, SQUARE)) {
            int sr = c.sampleRate();
            double top = Math.min(7000, 0.45 * sr);
            cases.add(Arguments.of(c, "tone 440 Hz", Signals.tone(440, 0.5, sr, sr / 10)));
            cases.add(Arguments.of(c, "tone 1 kHz", Signals.tone(1000, 0.5, sr, sr / 10)));
            cases.add(Arguments.of(c, "tone 3.7 kHz", Signals.tone(3700, 0.5, sr, sr / 10)));
            cases.add(Arguments.of(c, "chirp 100 Hz-" + (int) top + " Hz", Signals.chirp(100, top, 0.5, sr, sr)));
            cases.add(Arguments.of(c, "white noise", Signals.noise(42, 0.1, sr / 4)));
            cases.add(Arguments.of(c, "quiet tone 1 kHz", Signals.tone(1000, 1e-4, sr, sr / 10)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} at {0}")
    @MethodSource("cases")
    void everyFrameMatchesTheReference(FeatureConfig config, String name, float[] signal) {
        Mfcc mfcc = new Mfcc(config);
        ReferenceFeatures reference = new ReferenceFeatures(config);
        int frames = config.frameCount(signal.length);
        assertTrue(frames > 2, "signal too short to test");
        float[] coefficients = new float[config.coefficients()];
        float[] logMel = new float[config.melFilters()];
        for (int t = 0; t < frames; t++) {
            int offset = t * config.hopSamples();
            mfcc.computeFrame(signal, offset, coefficients, logMel);
            double[] expectedLogMel = reference.logMel(signal, offset);
            double[] expected = ReferenceFeatures.dct(expectedLogMel, config.coefficients());
            double strongest = max(expectedLogMel);
            double bandError2 = 0;
            for (int m = 0; m < logMel.length; m++) {
                assertClose(expectedLogMel[m], logMel[m], bandTolerance(strongest - expectedLogMel[m]), name,
                        "log-mel", t, m);
                bandError2 += square(logMel[m] - expectedLogMel[m]);
            }
            double coefficientError2 = 0;
            for (int j = 0; j < coefficients.length; j++) {
                coefficientError2 += square(coefficients[j] - expected[j]);
                if (config.equals(DEFAULTS)) assertClose(expected[j], coefficients[j], 1e-3, name, "c", t, j);
            }
            double bound = Math.sqrt(bandError2) + OUTPUT_ROUNDING;
            assertTrue(Math.sqrt(coefficientError2) <= bound, String.format("%s frame %d: coefficient error norm "
                    + "%.3g exceeds band error norm + rounding %.3g", name, t, Math.sqrt(coefficientError2), bound));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void broadbandNoiseMatchesToATenThousandthOfADecibel(FeatureConfig config) {
        float[] signal = Signals.noise(7, 0.3, config.windowSamples() + 20 * config.hopSamples());
        Mfcc mfcc = new Mfcc(config);
        ReferenceFeatures reference = new ReferenceFeatures(config);
        for (int t = 0; t < config.frameCount(signal.length); t++) {
            int offset = t * config.hopSamples();
            double[] expectedLogMel = reference.logMel(signal, offset);
            double[] expected = ReferenceFeatures.dct(expectedLogMel, config.coefficients());
            float[] logMel = mfcc.logMel(signal, offset, null);
            float[] coefficients = mfcc.compute(signal, offset, null);
            for (int m = 0; m < logMel.length; m++) {
                assertClose(expectedLogMel[m], logMel[m], 1e-4, "noise", "log-mel", t, m);
            }
            for (int j = 0; j < coefficients.length; j++) {
                assertClose(expected[j], coefficients[j], 1e-4, "noise", "c", t, j);
            }
        }
    }

    static Stream<FeatureConfig> configs() {
        return Stream.of(DEFAULTS, NARROWBAND, WIDEBAND, SQUARE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void digitalSilenceSitsOnTheFloor(FeatureConfig config) {
        float[] silence = new float[config.windowSamples() + 3 * config.hopSamples()];
        Mfcc mfcc = new Mfcc(config);
        float[][] all = mfcc.computeAll(silence);
        assertEquals(4, all.length);
        double floorDb = 10 * Math.log10(FeatureConfig.LOG_FLOOR);
        assertEquals(-100.0, floorDb, 1e-12);
        for (int t = 0; t < all.length; t++) {
            for (float db : mfcc.logMel(silence, t * config.hopSamples(), null)) {
                assertEquals(-100f, db, "every band floored at exactly -100 dB");
            }
            // c0 = sqrt(1/M) * M * (-100); every other basis vector sums to zero over a constant
            assertEquals(-100 * Math.sqrt(config.melFilters()), all[t][0], 1e-4);
            for (int j = 1; j < all[t].length; j++) {
                assertEquals(0.0, all[t][j], 1e-4, "c" + j);
            }
        }
    }

    @Test
    void theReferenceItselfRespondsToTheSignal() {
        // guards the guard: a reference that ignored its input would make every comparison above vacuous
        ReferenceFeatures reference = new ReferenceFeatures(DEFAULTS);
        double[] tone = reference.mfcc(Signals.tone(1000, 0.5, 16000, 400), 0);
        double[] noise = reference.mfcc(Signals.noise(1, 0.5, 400), 0);
        double difference = 0;
        for (int j = 0; j < tone.length; j++) difference = Math.max(difference, Math.abs(tone[j] - noise[j]));
        assertTrue(difference > 10, "reference barely depends on the signal: " + difference);
    }

    /** Allowed dB error of a band {@code belowStrongest} dB under the frame's strongest band. */
    static double bandTolerance(double belowStrongest) {
        return OUTPUT_ROUNDING + DB_PER_RELATIVE_AMPLITUDE * K_ALLOWED * Math.pow(10, belowStrongest / 20);
    }

    private static double square(double x) {
        return x * x;
    }

    private static double max(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) max = Math.max(max, v);
        return max;
    }

    private static void assertClose(double expected, float actual, double tolerance, String signal, String what,
                                    int frame, int index) {
        if (!(Math.abs(actual - expected) <= tolerance)) {
            fail(String.format("%s frame %d %s[%d]: expected %.6f, got %.6f (error %.3g > tolerance %.3g)",
                    signal, frame, what, index, expected, actual, Math.abs(actual - expected), tolerance));
        }
    }
}
