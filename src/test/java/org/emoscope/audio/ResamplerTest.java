package org.emoscope.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResamplerTest {

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"44100,16000", "8000,16000", "96000,16000", "22050,16000", "48000,16000", "11025,16000",
        "16000,44100", "44100,16001"})
    void keepsFrequencyAmplitudeAndTiming(int from, int to) {
        float[] in = Signals.sine(1000, from, from, 0.8);
        float[] out = Resampler.resample(in, from, to);
        int a = to / 10;
        int b = out.length - to / 10;
        assertEquals(1000, Signals.dominantFrequency(out, a, b, to), 0.1, "frequency");
        assertEquals(0.8, Signals.amplitude(out, a, b, to, 1000), 0.8 * 0.001, "amplitude");
        float[] ideal = Signals.sine(1000, to, out.length, 0.8);
        double maxError = 0;
        for (int i = a; i < b; i++) maxError = Math.max(maxError, Math.abs(out[i] - ideal[i]));
        assertTrue(maxError < 1e-3, "zero-delay interpolation error " + maxError);
    }

    @ParameterizedTest(name = "{0} -> {1} Hz, {2} Hz tone")
    @CsvSource({"44100,16000,9000", "44100,16000,8200", "96000,16000,20000", "48000,16000,12000",
        "22050,16000,10000"})
    void attenuatesTonesAboveTheNewNyquistFrequency(int from, int to, double tone) {
        float[] in = Signals.sine(tone, from, from, 0.8);
        float[] out = Resampler.resample(in, from, to);
        int margin = to / 10;
        double attenuationDb = -Signals.db(Signals.rms(out, margin, out.length - margin) / (0.8 / Math.sqrt(2)));
        assertTrue(attenuationDb >= 70, "attenuation " + attenuationDb + " dB (the requirement is 40 dB)");
    }

    @Test
    void upsamplingLeavesNoImages() {
        float[] in = Signals.sine(3000, 8000, 8000, 0.8);
        float[] out = Resampler.resample(in, 8000, 16000);
        double image = Signals.amplitude(out, 1600, out.length - 1600, 16000, 5000);
        assertTrue(Signals.db(image / 0.8) < -70, "image at 5 kHz: " + Signals.db(image / 0.8) + " dB");
    }

    @Test
    void passBandIsFlatUpToNinetyPercentOfNyquist() {
        for (double tone : new double[] {100, 3000, 6000, 7100}) {
            float[] out = Resampler.resample(Signals.sine(tone, 44100, 44100, 0.5), 44100, 16000);
            double gain = Signals.amplitude(out, 1600, out.length - 1600, 16000, tone) / 0.5;
            assertEquals(1.0, gain, 0.002, "gain at " + tone + " Hz");
        }
    }

    @Test
    void passesDcExactly() {
        float[] in = new float[20000];
        java.util.Arrays.fill(in, 0.5f);
        float[] out = Resampler.resample(in, 44100, 16000);
        for (int i = 1000; i < out.length - 1000; i++) assertEquals(0.5, out[i], 1e-6, "sample " + i);
    }

    @Test
    void outputLengthIsInputTimesRatioRoundedUp() {
        int[][] ratios = {{44100, 16000}, {8000, 16000}, {96000, 16000}, {22050, 16000}, {16000, 44100}, {3, 7}};
        for (int[] r : ratios) {
            for (int n : new int[] {0, 1, 2, 99, 1000, 44101}) {
                float[] out = Resampler.resample(new float[n], r[0], r[1]);
                double exact = (double) n * r[1] / r[0];
                assertEquals((long) Math.ceil(exact - 1e-9), out.length, r[0] + "->" + r[1] + " n=" + n);
                assertTrue(Math.abs(out.length - exact) <= 1, "within 1 sample");
                assertEquals(out.length, Resampler.outputLength(n, r[0], r[1]));
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"44100,16000", "8000,16000", "48000,16000", "44100,16001", "16000,16000"})
    void streamingOutputEqualsOfflineOutputForAnyBlockSizes(int from, int to) {
        Random random = new Random(42);
        float[] in = new float[50_000];
        for (int i = 0; i < in.length; i++) in[i] = (float) (random.nextGaussian() * 0.3);
        float[] offline = Resampler.resample(in, from, to);

        Resampler stream = new Resampler(from, to);
        float[] streamed = new float[0];
        int position = 0;
        while (position < in.length) {
            int block = Math.min(in.length - position, random.nextInt(3000));
            streamed = concat(streamed, stream.process(in, position, block));
            position += block;
        }
        streamed = concat(streamed, stream.flush());
        assertArrayEquals(offline, streamed);
    }

    @Test
    void equalRatesReturnAnEqualCopy() {
        float[] in = Signals.sine(440, 16000, 1000, 0.5);
        float[] out = Resampler.resample(in, 16000, 16000);
        assertArrayEquals(in, out);
        assertNotSame(in, out);
    }

    @Test
    void rejectsMisuse() {
        assertThrows(IllegalArgumentException.class, () -> new Resampler(0, 16000));
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(new float[1], 16000, -1));
        Resampler resampler = new Resampler(44100, 16000);
        resampler.flush();
        assertThrows(IllegalStateException.class, () -> resampler.process(new float[10], 0, 10));
        assertThrows(IllegalStateException.class, resampler::flush);
        assertThrows(IndexOutOfBoundsException.class, () -> new Resampler(8000, 16000).process(new float[4], 2, 3));
    }

    private static float[] concat(float[] a, float[] b) {
        float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
