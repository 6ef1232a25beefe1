package org.emoscope.train.augment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.emoscope.train.augment.TestSignals.RATE;
import static org.emoscope.train.augment.TestSignals.burst;
import static org.emoscope.train.augment.TestSignals.cents;
import static org.emoscope.train.augment.TestSignals.harmonicTone;
import static org.emoscope.train.augment.TestSignals.medianPitch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeStretchTest {

    @ParameterizedTest
    @ValueSource(doubles = {0.8, 0.9, 1.1, 1.25, 0.5, 2})
    void lengthIsLengthOverRateAndPitchIsKept(double rate) {
        float[] tone = harmonicTone(137, 1.5, 0.5);
        float[] stretched = TimeStretch.of(rate).apply(tone, new SplittableRandom(1));
        assertEquals(Math.round(tone.length / rate), stretched.length);
        assertEquals(0, cents(medianPitch(stretched), 137), 3);
    }

    /** A tone burst at 0.5..1.5 s of a 2 s signal must move to 0.5/rate..1.5/rate s. */
    @ParameterizedTest
    @ValueSource(doubles = {0.8, 1.25})
    void contentMovesWithTheTimeScale(double rate) {
        float[] x = burst(2 * RATE, RATE / 2, 3 * RATE / 2, 300, 0.5);
        float[] y = TimeStretch.of(rate).apply(x, new SplittableRandom(1));
        int[] edges = edges(y, 0.25);
        assertEquals(0.5 / rate, edges[0] / (double) RATE, 0.02);
        assertEquals(1.5 / rate, edges[1] / (double) RATE, 0.02);
    }

    @Test
    void rateOneIsTheIdentity() {
        float[] tone = harmonicTone(200, 0.5, 0.5);
        assertArrayEquals(tone, TimeStretch.of(1).apply(tone, new SplittableRandom(1)));
    }

    @Test
    void aRangeDrawsLengthsWithinIt() {
        float[] tone = harmonicTone(200, 1, 0.5);
        TimeStretch range = new TimeStretch(0.8, 1.25);
        int shortest = Integer.MAX_VALUE;
        int longest = 0;
        for (int seed = 0; seed < 20; seed++) {
            int length = range.apply(tone, new SplittableRandom(seed)).length;
            shortest = Math.min(shortest, length);
            longest = Math.max(longest, length);
        }
        assertTrue(shortest >= Math.round(tone.length / 1.25) && longest <= Math.round(tone.length / 0.8));
        assertTrue(longest - shortest > tone.length / 10, "draws spread over the range");
    }

    @Test
    void keysAndLimits() {
        assertEquals("stretch0.9", TimeStretch.of(0.9).key());
        assertEquals("stretch0.8..1.25", new TimeStretch(0.8, 1.25).key());
        assertThrows(IllegalArgumentException.class, () -> TimeStretch.of(0.4));
        assertThrows(IllegalArgumentException.class, () -> TimeStretch.of(2.5));
    }

    /** First and last sample louder than {@code threshold}. */
    private static int[] edges(float[] y, double threshold) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < y.length; i++) {
            if (Math.abs(y[i]) > threshold) {
                if (first < 0) first = i;
                last = i;
            }
        }
        return new int[]{first, last};
    }
}
