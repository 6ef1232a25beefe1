package org.emoscope.features;

import org.emoscope.features.FeatureConfig.WindowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MfccPropertiesTest {

    private static final FeatureConfig DEFAULTS = FeatureConfig.defaults();

    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(doubles = {440, 1000, 3700, 250, 2000, 5500, 7600})
    void aToneLandsInTheFilterWhoseCentreIsNearest(double hz) {
        double[] centres = ReferenceFeatures.centres(DEFAULTS);
        int nearest = 0;
        for (int m = 1; m < centres.length; m++) {
            if (Math.abs(centres[m] - hz) < Math.abs(centres[nearest] - hz)) nearest = m;
        }
        float[] logMel = new Mfcc(DEFAULTS).logMel(Signals.tone(hz, 0.5, 16000, 400), 0, null);
        assertEquals(nearest, argMax(logMel), "peak band for " + hz + " Hz (nearest centre "
                + centres[nearest] + " Hz)");
    }

    @Test
    void aToneAtEachFilterCentrePeaksInThatFilter() {
        Mfcc mfcc = new Mfcc(DEFAULTS);
        double[] centres = ReferenceFeatures.centres(DEFAULTS);
        for (int m = 0; m < centres.length; m++) {
            float[] logMel = mfcc.logMel(Signals.tone(centres[m], 0.5, 16000, 400), 0, null);
            assertEquals(m, argMax(logMel), "tone at centre of filter " + m + " (" + centres[m] + " Hz)");
        }
    }

    @ParameterizedTest(name = "gain {0}")
    @ValueSource(doubles = {2.0, 0.5, 0.3, 3.7})
    void gainShiftsEveryBandByItsDecibelsAndC0BySqrtMTimesThat(double gain) {
        float[] signal = Signals.noise(3, 0.05, DEFAULTS.windowSamples() + 10 * DEFAULTS.hopSamples());
        float[] louder = new float[signal.length];
        for (int n = 0; n < signal.length; n++) louder[n] = (float) (gain * signal[n]);
        Mfcc mfcc = new Mfcc(DEFAULTS);
        double db = 20 * Math.log10(gain);
        // c0 = sqrt(1/M) sum_m L[m]: a shift of db in every band moves c0 by db * M / sqrt(M) = db * sqrt(M)
        double c0Shift = db * Math.sqrt(DEFAULTS.melFilters());
        if (gain == 2.0) assertEquals(6.0206 * 8, c0Shift, 1e-3, "doubling: 6.02 dB * sqrt(64)");
        for (int t = 0; t < DEFAULTS.frameCount(signal.length); t++) {
            int offset = t * DEFAULTS.hopSamples();
            float[] a = mfcc.compute(signal, offset, null);
            float[] b = mfcc.compute(louder, offset, null);
            float[] la = mfcc.logMel(signal, offset, null);
            float[] lb = mfcc.logMel(louder, offset, null);
            for (int m = 0; m < la.length; m++) assertEquals(db, lb[m] - la[m], 1e-4, "band " + m);
            assertEquals(c0Shift, b[0] - a[0], 2e-4, "c0");
            for (int j = 1; j < a.length; j++) assertEquals(a[j], b[j], 1e-4, "c" + j + " must not move");
        }
    }

    @ParameterizedTest(name = "{0} samples")
    @ValueSource(ints = {0, 1, 399, 400, 401, 559, 560, 561, 16000, 16037})
    void computeAllHasOneRowPerWholeFrame(int samples) {
        int expected = samples < 400 ? 0 : 1 + (samples - 400) / 160;
        assertEquals(expected, DEFAULTS.frameCount(samples));
        float[][] rows = new Mfcc(DEFAULTS).computeAll(Signals.noise(5, 0.1, samples));
        assertEquals(expected, rows.length);
        for (float[] row : rows) assertEquals(40, row.length);
        assertEquals(98, DEFAULTS.frameCount(16000), "one second at the defaults");
    }

    @Test
    void computeAllRowsAreTheFramesAtMultiplesOfTheHopAndNeverReadTheTail() {
        int samples = 400 + 7 * 160 + 100;
        float[] signal = Signals.chirp(200, 6000, 0.4, 16000, samples);
        Arrays.fill(signal, 400 + 7 * 160, samples, Float.NaN); // the incomplete tail must not be read
        Mfcc mfcc = new Mfcc(DEFAULTS);
        float[][] rows = mfcc.computeAll(signal);
        assertEquals(8, rows.length);
        for (int t = 0; t < rows.length; t++) {
            assertArrayEquals(mfcc.compute(signal, t * 160, null), rows[t]);
            for (float c : rows[t]) assertTrue(Float.isFinite(c), "frame " + t + " read the tail");
        }
    }

    @Test
    void preEmphasisDoesNotLookBehindTheFrame() {
        FeatureConfig config = new FeatureConfig(16000, 400, 160, 512, 64, 40, 20, 8000, 0.97, WindowType.HAMMING);
        float[] signal = Signals.noise(9, 0.1, 401);
        signal[0] = Float.NaN;
        float[] mfcc = new Mfcc(config).compute(signal, 1, null);
        for (float c : mfcc) assertTrue(Float.isFinite(c));
        float[] copy = Arrays.copyOfRange(signal, 1, 401);
        assertArrayEquals(new Mfcc(config).compute(copy, 0, null), mfcc);
    }

    @Test
    void preEmphasisChangesTheFeatures() {
        FeatureConfig emphasised = new FeatureConfig(16000, 400, 160, 512, 64, 40, 20, 8000, 0.97,
                WindowType.HAMMING);
        float[] signal = Signals.noise(9, 0.1, 400);
        float[] plain = new Mfcc(DEFAULTS).logMel(signal, 0, null);
        float[] tilted = new Mfcc(emphasised).logMel(signal, 0, null);
        // 1 - 0.97 z^-1 attenuates near DC by ~30 dB and lifts near Nyquist by ~6 dB
        assertTrue(tilted[0] < plain[0] - 20, "low band not attenuated");
        assertTrue(tilted[63] > plain[63] + 4, "high band not boosted");
    }

    @Test
    void oneFramePassGivesWhatTheSeparateCallsGive() {
        float[] signal = Signals.chirp(100, 7000, 0.5, 16000, 2000);
        Mfcc mfcc = new Mfcc(DEFAULTS);
        float[] coefficients = new float[40];
        float[] logMel = new float[64];
        mfcc.computeFrame(signal, 640, coefficients, logMel);
        assertArrayEquals(mfcc.compute(signal, 640, null), coefficients);
        assertArrayEquals(mfcc.logMel(signal, 640, null), logMel);
        assertArrayEquals(new LogMelSpectrogram(DEFAULTS).computeFrame(signal, 640, null), logMel);
    }

    @Test
    void coefficientsAreTheOrthonormalDctOfTheLogMelRow() {
        float[] signal = Signals.noise(11, 0.2, 400);
        Mfcc mfcc = new Mfcc(DEFAULTS);
        float[] logMel = mfcc.logMel(signal, 0, null);
        double[] asDouble = new double[logMel.length];
        for (int m = 0; m < logMel.length; m++) asDouble[m] = logMel[m];
        double[] expected = ReferenceFeatures.dct(asDouble, 40);
        float[] actual = mfcc.compute(signal, 0, null);
        for (int j = 0; j < 40; j++) assertEquals(expected[j], actual[j], 1e-4, "c" + j);
    }

    @Test
    void outputArraysAreReusedAllocatedOrRejected() {
        float[] signal = Signals.noise(2, 0.1, 800);
        Mfcc mfcc = new Mfcc(DEFAULTS);
        float[] out = new float[40];
        assertSame(out, mfcc.compute(signal, 0, out));
        float[] mel = new float[64];
        assertSame(mel, mfcc.logMel(signal, 0, mel));
        assertEquals(40, mfcc.compute(signal, 0, null).length);
        assertThrows(IllegalArgumentException.class, () -> mfcc.compute(signal, 0, new float[39]));
        assertThrows(IllegalArgumentException.class, () -> mfcc.logMel(signal, 0, new float[40]));
        assertThrows(IllegalArgumentException.class, () -> mfcc.computeFrame(signal, 0, out, new float[63]));
        assertThrows(NullPointerException.class, () -> mfcc.computeFrame(signal, 0, null, mel));
        assertThrows(IndexOutOfBoundsException.class, () -> mfcc.compute(signal, 401, out));
        assertThrows(IndexOutOfBoundsException.class, () -> mfcc.compute(signal, -1, out));
        assertEquals(DEFAULTS, mfcc.config());
    }

    @Test
    void framesAfterWarmUpAllocateNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        float[] signal = Signals.noise(4, 0.1, 16000);
        Mfcc mfcc = new Mfcc(DEFAULTS);
        float[] coefficients = new float[40];
        float[] logMel = new float[64];
        int frames = DEFAULTS.frameCount(signal.length);
        for (int t = 0; t < frames; t++) mfcc.computeFrame(signal, t * 160, coefficients, logMel);
        long before = threads.getThreadAllocatedBytes(thread);
        for (int t = 0; t < frames; t++) mfcc.computeFrame(signal, t * 160, coefficients, logMel);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertTrue(allocated < 16 * frames, allocated + " bytes allocated over " + frames + " frames");
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
