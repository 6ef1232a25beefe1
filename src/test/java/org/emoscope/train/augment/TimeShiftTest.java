package org.emoscope.train.augment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeShiftTest {

    private static final int LENGTH = 8000;

    @ParameterizedTest
    @CsvSource({
            "50, ZERO, 1000, 1800", "-50, ZERO, 1000, 200", "-62.5, ZERO, 1000, 0", "-62.5625, ZERO, 1000, -1",
            "450, ZERO, 1000, -1", "1000, ZERO, 1000, -1",
            "50, CIRCULAR, 1000, 1800", "-62.5625, CIRCULAR, 1000, 7999", "450, CIRCULAR, 1000, 200",
            "1000, CIRCULAR, 1000, 1000", "0.03, ZERO, 1000, 1000", "0.04, ZERO, 1000, 1001"})
    void movesAClickByTheRightNumberOfSamples(double ms, TimeShift.Fill fill, int from, int expected) {
        float[] out = TimeShift.of(ms, fill).apply(click(from), new SplittableRandom(1));
        assertEquals(LENGTH, out.length);
        assertEquals(expected, clickAt(out));
    }

    @Test
    void aRangeMovesWithinItAndVaries() {
        TimeShift shift = TimeShift.upTo(100, TimeShift.Fill.ZERO);
        Set<Integer> seen = new HashSet<>();
        for (int seed = 0; seed < 30; seed++) {
            int at = clickAt(shift.apply(click(4000), new SplittableRandom(seed)));
            assertTrue(at >= 4000 - 1600 && at <= 4000 + 1600, "click at " + at);
            assertEquals(at, clickAt(shift.apply(click(4000), new SplittableRandom(seed))));
            seen.add(at);
        }
        assertTrue(seen.size() > 20, "different seeds, different shifts");
    }

    @Test
    void keys() {
        assertEquals("shift+50ms-zero", TimeShift.of(50, TimeShift.Fill.ZERO).key());
        assertEquals("shift-100..+100ms-circular", TimeShift.upTo(100, TimeShift.Fill.CIRCULAR).key());
    }

    private static float[] click(int at) {
        float[] x = new float[LENGTH];
        x[at] = 0.9f;
        return x;
    }

    /** Index of the only non-zero sample, or -1 if all are zero. */
    private static int clickAt(float[] x) {
        int at = -1;
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0) {
                assertEquals(-1, at, "a second non-zero sample");
                assertEquals(0.9f, x[i]);
                at = i;
            }
        }
        return at;
    }
}
