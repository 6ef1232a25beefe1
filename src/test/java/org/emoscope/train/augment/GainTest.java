package org.emoscope.train.augment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.emoscope.train.augment.TestSignals.harmonicTone;
import static org.emoscope.train.augment.TestSignals.peak;
import static org.emoscope.train.augment.TestSignals.power;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GainTest {

    @ParameterizedTest
    @ValueSource(doubles = {-20, -6, -0.5, 0, 3, 6})
    void changesLevelByExactlyTheGain(double db) {
        float[] tone = harmonicTone(200, 0.5, 0.45);
        float[] out = Gain.of(db).apply(tone, new SplittableRandom(1));
        assertEquals(db, 10 * Math.log10(power(out) / power(tone)), 1e-4);
        for (int i = 0; i < tone.length; i++) assertEquals(tone[i] * Math.pow(10, db / 20), out[i], 1e-6);
    }

    @Test
    void clipsAtFullScale() {
        float[] tone = harmonicTone(200, 0.5, 0.5);
        float[] out = Gain.of(12).apply(tone, new SplittableRandom(1));
        assertEquals(1, peak(out), 0);
        long clipped = 0;
        for (float v : out) if (Math.abs(v) == 1) clipped++;
        assertTrue(clipped > 0);
    }

    @Test
    void aRangeDrawsWithin() {
        float[] tone = harmonicTone(200, 0.2, 0.1);
        Gain gain = new Gain(-6, 6);
        for (int seed = 0; seed < 20; seed++) {
            double db = 10 * Math.log10(power(gain.apply(tone, new SplittableRandom(seed))) / power(tone));
            assertTrue(db >= -6.0001 && db <= 6.0001, db + " dB");
        }
    }

    @Test
    void keys() {
        assertEquals("gain+6db", Gain.of(6).key());
        assertEquals("gain-3.5db", Gain.of(-3.5).key());
        assertEquals("gain-6..+6db", new Gain(-6, 6).key());
    }
}
