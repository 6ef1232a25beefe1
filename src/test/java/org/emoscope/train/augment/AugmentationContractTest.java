package org.emoscope.train.augment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.emoscope.train.augment.TestSignals.harmonicTone;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules every augmentation follows (see the package description). */
class AugmentationContractTest {

    static Stream<Augmentation> augmentations() {
        return Stream.of(AddNoise.white(0), AddNoise.pink(0), PitchShift.of(0.7), new PitchShift(-3, 3),
                TimeStretch.of(0.8), new TimeStretch(0.8, 1.25), TimeShift.upTo(100, TimeShift.Fill.CIRCULAR),
                TimeShift.of(30, TimeShift.Fill.ZERO), Gain.of(6), new Gain(-6, 6));
    }

    @ParameterizedTest
    @MethodSource("augmentations")
    void outputIsFiniteWithinFullScaleAndTheInputIsUntouched(Augmentation augmentation) {
        float[] loud = harmonicTone(190, 0.5, 0.99);
        float[] copy = loud.clone();
        float[] out = augmentation.apply(loud, new SplittableRandom(1));
        assertNotSame(loud, out);
        assertArrayEquals(copy, loud);
        for (float v : out) assertTrue(Float.isFinite(v) && v >= -1 && v <= 1, augmentation + " gave " + v);
    }

    @ParameterizedTest
    @MethodSource("augmentations")
    void sameSeedSameOutput(Augmentation augmentation) {
        float[] tone = harmonicTone(190, 0.3, 0.4);
        assertArrayEquals(augmentation.apply(tone, new SplittableRandom(11)),
                augmentation.apply(tone, new SplittableRandom(11)));
    }

    @ParameterizedTest
    @MethodSource("augmentations")
    void rejectsNonFiniteSamples(Augmentation augmentation) {
        float[] tone = harmonicTone(190, 0.1, 0.4);
        tone[100] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> augmentation.apply(tone, new SplittableRandom(1)));
        tone[100] = Float.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> augmentation.apply(tone, new SplittableRandom(1)));
    }

    @ParameterizedTest
    @MethodSource("augmentations")
    void emptyInputGivesEmptyOutput(Augmentation augmentation) {
        assertEquals(0, augmentation.apply(new float[0], new SplittableRandom(1)).length);
    }

    @ParameterizedTest
    @MethodSource("augmentations")
    void shortInputIsHandled(Augmentation augmentation) {
        float[] out = augmentation.apply(harmonicTone(190, 0.005, 0.4), new SplittableRandom(1));
        for (float v : out) assertTrue(Float.isFinite(v));
    }
}
