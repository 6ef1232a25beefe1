package org.emoscope.train.augment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.emoscope.train.augment.TestSignals.cents;
import static org.emoscope.train.augment.TestSignals.harmonicTone;
import static org.emoscope.train.augment.TestSignals.medianPitch;
import static org.emoscope.train.augment.TestSignals.power;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PitchShiftTest {

    /** Pitch measured with Yin lands within 3 cents (0.17 %) of f0 * 2^(s/12); length and level are kept. */
    @ParameterizedTest
    @CsvSource({"200, 0.7", "200, -0.7", "131, 2", "131, -2", "220, 4", "110, 12", "247, -5"})
    void shiftsAHarmonicToneByTheExpectedRatio(double f0, double semitones) {
        float[] tone = harmonicTone(f0, 1.5, 0.5);
        assertEquals(0, cents(medianPitch(tone), f0), 1, "the measurement itself");
        float[] shifted = PitchShift.of(semitones).apply(tone, new SplittableRandom(1));
        assertEquals(tone.length, shifted.length);
        assertEquals(semitones * 100, cents(medianPitch(shifted), f0), 3);
        assertEquals(1, power(shifted) / power(tone), 0.12, "level within 0.5 dB");
    }

    /**
     * Speech is not stationary: on a fast glide (890 cents/s) the pitch track must be scaled frame by frame. WSOLA
     * takes each frame within 10 ms of its nominal time, so the tracks are compared at the best lag within 12 ms.
     */
    @ParameterizedTest
    @CsvSource({"0.7", "-3"})
    void scalesAGlidingPitchFrameByFrame(double semitones) {
        float[] glide = TestSignals.glide(120, 260, 1.5, 0.5);
        double[] before = TestSignals.pitchTrack(glide);
        double[] after = TestSignals.pitchTrack(PitchShift.of(semitones).apply(glide, new SplittableRandom(1)));
        double[] best = null;
        for (int lag = -3; lag <= 3; lag++) {
            double[] errors = new double[before.length - 16];
            for (int f = 8; f < before.length - 8; f++)
                errors[f - 8] = Math.abs(cents(after[f], before[f + lag]) - 100 * semitones);
            Arrays.sort(errors);
            if (best == null || errors[errors.length / 2] < best[best.length / 2]) best = errors;
        }
        assertEquals(0, best[best.length / 2], 2.5, "median error in cents");
        assertEquals(0, best[best.length * 9 / 10], 5, "90th percentile error in cents");
    }

    @Test
    void zeroSemitonesIsTheIdentity() {
        float[] tone = harmonicTone(200, 0.5, 0.5);
        assertArrayEquals(tone, PitchShift.of(0).apply(tone, new SplittableRandom(1)));
    }

    @Test
    void aFixedShiftIgnoresTheRandomSource() {
        float[] tone = harmonicTone(180, 0.5, 0.5);
        assertArrayEquals(PitchShift.of(0.7).apply(tone, new SplittableRandom(1)),
                PitchShift.of(0.7).apply(tone, new SplittableRandom(2)));
    }

    @Test
    void aRangeDrawsWithinItDeterministically() {
        float[] tone = harmonicTone(200, 1.0, 0.5);
        PitchShift range = new PitchShift(-2, 2);
        float[] a = range.apply(tone, new SplittableRandom(5));
        assertArrayEquals(a, range.apply(tone, new SplittableRandom(5)));
        assertNotEquals(medianPitch(a), medianPitch(range.apply(tone, new SplittableRandom(6))), 0.5);
        for (int seed = 0; seed < 4; seed++) {
            double c = cents(medianPitch(range.apply(tone, new SplittableRandom(seed))), 200);
            assertTrue(c > -203 && c < 203, "shift of " + c + " cents");
        }
    }

    @Test
    void keys() {
        assertEquals("pitch+0.7", PitchShift.of(0.7).key());
        assertEquals("pitch-2..+2", new PitchShift(-2, 2).key());
        assertEquals("pitch-1.5", PitchShift.of(-1.5).key());
        assertThrows(IllegalArgumentException.class, () -> PitchShift.of(13));
        assertThrows(IllegalArgumentException.class, () -> new PitchShift(2, -2));
    }
}
