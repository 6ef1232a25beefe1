package org.emoscope.train.augment;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.emoscope.train.augment.TestSignals.harmonicTone;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentationSpecTest {

    private static final float[] TONE = harmonicTone(200, 0.5, 0.4);

    @Test
    void keysNameStepsParametersAndSeed() {
        assertEquals("orig", AugmentationSpec.original().key());
        assertEquals("noise-white-snr20_pitch+0.7_seed42",
                AugmentationSpec.of(42, AddNoise.white(20), PitchShift.of(0.7)).key());
        assertEquals("pitch+0.7_noise-white-snr20_seed42",
                AugmentationSpec.of(42, PitchShift.of(0.7), AddNoise.white(20)).key());
        assertEquals("stretch0.9_seed-3", AugmentationSpec.of(-3, TimeStretch.of(0.9)).key());
    }

    @Test
    void differentRecipesHaveDifferentKeys() {
        List<AugmentationSpec> specs = List.of(
                AugmentationSpec.original(),
                AugmentationSpec.of(1, PitchShift.of(0.7)), AugmentationSpec.of(2, PitchShift.of(0.7)),
                AugmentationSpec.of(1, PitchShift.of(0.1)), AugmentationSpec.of(1, PitchShift.of(0.10000000000000002)),
                AugmentationSpec.of(1, PitchShift.of(1)), AugmentationSpec.of(1, PitchShift.of(10)),
                AugmentationSpec.of(1, new PitchShift(-1, 1)), AugmentationSpec.of(1, PitchShift.of(-1)),
                AugmentationSpec.of(1, AddNoise.white(20)), AugmentationSpec.of(1, AddNoise.pink(20)),
                AugmentationSpec.of(1, new AddNoise(AddNoise.Colour.WHITE, 20, 20, AddNoise.Reference.WHOLE)),
                AugmentationSpec.of(1, TimeShift.of(5, TimeShift.Fill.ZERO)),
                AugmentationSpec.of(1, TimeShift.of(5, TimeShift.Fill.CIRCULAR)),
                AugmentationSpec.of(1, Gain.of(5)), AugmentationSpec.of(1, TimeStretch.of(1.05)),
                AugmentationSpec.of(1, Gain.of(5), TimeStretch.of(1.05)),
                AugmentationSpec.of(1, TimeStretch.of(1.05), Gain.of(5)));
        Set<String> keys = new HashSet<>();
        for (AugmentationSpec s : specs) assertTrue(keys.add(s.key()), "repeated " + s.key());
        for (String key : keys) assertTrue(key.matches("[a-z0-9+.\\-_]+"), "not file-name safe: " + key);
    }

    @Test
    void sameItemSameOutputOtherItemOtherNoise() {
        AugmentationSpec spec = AugmentationSpec.of(7, AddNoise.white(20), PitchShift.of(0.7));
        float[] a = spec.apply(TONE, "ravdess/Actor_01/03-01-01-01-01-01-01.wav");
        assertArrayEquals(a, spec.apply(TONE, "ravdess/Actor_01/03-01-01-01-01-01-01.wav"));
        assertFalse(Arrays.equals(a, spec.apply(TONE, "ravdess/Actor_01/03-01-01-01-01-02-01.wav")));
        assertFalse(Arrays.equals(a, AugmentationSpec.of(8, AddNoise.white(20), PitchShift.of(0.7))
                .apply(TONE, "ravdess/Actor_01/03-01-01-01-01-01-01.wav")));
    }

    @Test
    void originalReturnsACopy() {
        float[] out = AugmentationSpec.original().apply(TONE, "x");
        assertArrayEquals(TONE, out);
        assertNotSame(TONE, out);
        assertTrue(AugmentationSpec.original().isOriginal());
    }

    @Test
    void rejectsNonFiniteInputEvenWithoutSteps() {
        float[] bad = TONE.clone();
        bad[3] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> AugmentationSpec.original().apply(bad, "x"));
    }
}
