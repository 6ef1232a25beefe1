package org.emoscope.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StatsTest {

    private static final double[] ONE_TO_TEN = {7, 3, 10, 1, 5, 9, 2, 8, 6, 4}; // 1..10, shuffled

    @Test
    void percentilesInterpolateBetweenClosestRanks() {
        // numpy.percentile([1..10], [0, 50, 90, 99, 100]) = 1, 5.5, 9.1, 9.91, 10
        assertEquals(1.0, Stats.percentile(ONE_TO_TEN, 0), 1e-12);
        assertEquals(5.5, Stats.percentile(ONE_TO_TEN, 50), 1e-12);
        assertEquals(9.1, Stats.percentile(ONE_TO_TEN, 90), 1e-12);
        assertEquals(9.91, Stats.percentile(ONE_TO_TEN, 99), 1e-12);
        assertEquals(10.0, Stats.percentile(ONE_TO_TEN, 100), 1e-12);
        assertEquals(3.25, Stats.percentile(ONE_TO_TEN, 25), 1e-12);
    }

    @Test
    void exactRanksAndSmallSamples() {
        assertEquals(2.0, Stats.median(new double[]{3, 1, 2}));
        assertEquals(2.5, Stats.median(new double[]{4, 1, 3, 2}));
        assertEquals(42.0, Stats.percentile(new double[]{42}, 99));
        // 101 values 0..100: the p-th percentile is p itself
        double[] v = new double[101];
        for (int i = 0; i < v.length; i++) v[i] = 100 - i;
        assertEquals(99.0, Stats.percentile(v, 99), 1e-12);
        assertEquals(50.0, Stats.median(v), 1e-12);
    }

    @Test
    void inputIsNotModified() {
        double[] v = {3, 1, 2};
        Stats.percentile(v, 50);
        assertArrayEquals(new double[]{3, 1, 2}, v);
    }

    @Test
    void meanMaxAndIntervals() {
        assertEquals(5.5, Stats.mean(ONE_TO_TEN), 1e-12);
        assertEquals(10.0, Stats.max(ONE_TO_TEN));
        assertEquals(-1.0, Stats.max(new double[]{-3, -1, -2}));
        assertArrayEquals(new double[]{250, 240, 260}, Stats.intervals(new double[]{0, 250, 490, 750}), 1e-12);
        assertEquals(0, Stats.intervals(new double[]{5}).length);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(new double[0], 50));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(ONE_TO_TEN, 101));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(ONE_TO_TEN, -1));
        assertThrows(IllegalArgumentException.class, () -> Stats.mean(new double[0]));
    }
}
