package org.emoscope.train.augment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.emoscope.train.augment.TestSignals.RATE;
import static org.emoscope.train.augment.TestSignals.burst;
import static org.emoscope.train.augment.TestSignals.difference;
import static org.emoscope.train.augment.TestSignals.octaveBandsDb;
import static org.emoscope.train.augment.TestSignals.power;
import static org.emoscope.train.augment.TestSignals.slope;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddNoiseTest {

    /** 1 s silence, 1 s sine at amplitude 0.3 (power 0.045, frame-aligned), 0.5 s silence. */
    private static final float[] SPEECHLIKE = burst(5 * RATE / 2, RATE, 2 * RATE, 440, 0.3);
    private static final double ACTIVE_POWER = 0.3 * 0.3 / 2;

    @ParameterizedTest
    @ValueSource(doubles = {5, 20, 35})
    void whiteNoiseHitsTheSnrOverTheActivePart(double snr) {
        float[] noisy = AddNoise.white(snr).apply(SPEECHLIKE, new SplittableRandom(3));
        assertEquals(snr, measuredSnr(ACTIVE_POWER, noisy), 0.05);
    }

    @ParameterizedTest
    @ValueSource(doubles = {5, 20, 35})
    void pinkNoiseHitsTheSnrOverTheActivePart(double snr) {
        float[] noisy = AddNoise.pink(snr).apply(SPEECHLIKE, new SplittableRandom(3));
        assertEquals(snr, measuredSnr(ACTIVE_POWER, noisy), 0.05);
    }

    @Test
    void wholeSignalReferenceUsesAllSamples() {
        AddNoise noise = new AddNoise(AddNoise.Colour.WHITE, 10, 10, AddNoise.Reference.WHOLE);
        float[] noisy = noise.apply(SPEECHLIKE, new SplittableRandom(3));
        assertEquals(10, measuredSnr(power(SPEECHLIKE), noisy), 0.05);
        assertEquals(10 + 10 * Math.log10(2.5), measuredSnr(ACTIVE_POWER, noisy), 0.05, "active part is 1/2.5 of the signal");
    }

    @Test
    void aRangeDrawsSnrsWithinIt() {
        AddNoise noise = new AddNoise(AddNoise.Colour.WHITE, 10, 30, AddNoise.Reference.ACTIVE);
        double lowest = Double.MAX_VALUE;
        double highest = -Double.MAX_VALUE;
        for (int seed = 0; seed < 20; seed++) {
            double snr = measuredSnr(ACTIVE_POWER, noise.apply(SPEECHLIKE, new SplittableRandom(seed)));
            lowest = Math.min(lowest, snr);
            highest = Math.max(highest, snr);
        }
        assertTrue(lowest >= 9.95 && highest <= 30.05, lowest + ".." + highest);
        assertTrue(highest - lowest > 10, "draws spread over the range");
    }

    @Test
    void whiteNoiseIsFlatAndPinkNoiseFallsThreeDbPerOctave() {
        float[] silence = new float[1 << 17];
        float[] carrier = burst(silence.length, 0, silence.length, 1000, 0.1);
        float[] white = difference(AddNoise.white(0).apply(carrier, new SplittableRandom(9)), carrier);
        float[] pink = difference(AddNoise.pink(0).apply(carrier, new SplittableRandom(9)), carrier);
        double[] whiteBands = octaveBandsDb(white, 62.5, 7);
        double[] pinkBands = octaveBandsDb(pink, 62.5, 7);
        // band power of white noise doubles per octave (+3 dB); pink noise has equal power per octave
        assertEquals(3.01, slope(whiteBands), 0.3);
        assertEquals(0, slope(pinkBands), 0.3);
    }

    @Test
    void silenceStaysSilent() {
        float[] silence = new float[RATE];
        assertArrayEquals(silence, AddNoise.white(20).apply(silence, new SplittableRandom(1)));
    }

    @Test
    void sameSeedSameNoiseOtherSeedOtherNoise() {
        AddNoise noise = AddNoise.pink(20);
        float[] a = noise.apply(SPEECHLIKE, new SplittableRandom(7));
        assertArrayEquals(a, noise.apply(SPEECHLIKE, new SplittableRandom(7)));
        float[] b = noise.apply(SPEECHLIKE, new SplittableRandom(8));
        assertFalse(Arrays.equals(a, b));
        double correlation = 0;
        float[] na = difference(a, SPEECHLIKE);
        float[] nb = difference(b, SPEECHLIKE);
        for (int i = 0; i < na.length; i++) correlation += na[i] * nb[i];
        assertEquals(0, correlation / na.length / power(na), 0.05, "independent noise");
    }

    @Test
    void loudSignalsAreClippedToFullScale() {
        float[] loud = burst(RATE, 0, RATE, 440, 0.99);
        float[] noisy = AddNoise.white(3).apply(loud, new SplittableRandom(1));
        assertEquals(1, TestSignals.peak(noisy), 0);
    }

    @Test
    void keys() {
        assertEquals("noise-white-snr20", AddNoise.white(20).key());
        assertEquals("noise-pink-snr7.5", AddNoise.pink(7.5).key());
        assertEquals("noise-white-snr10..30",
                new AddNoise(AddNoise.Colour.WHITE, 10, 30, AddNoise.Reference.ACTIVE).key());
        assertEquals("noise-pink-snr-5-whole",
                new AddNoise(AddNoise.Colour.PINK, -5, -5, AddNoise.Reference.WHOLE).key());
    }

    private static double measuredSnr(double signalPower, float[] noisy) {
        return 10 * Math.log10(signalPower / power(difference(noisy, SPEECHLIKE)));
    }
}
