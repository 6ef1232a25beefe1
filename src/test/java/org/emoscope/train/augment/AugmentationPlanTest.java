package org.emoscope.train.augment;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.emoscope.train.augment.TestSignals.harmonicTone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentationPlanTest {

    @Test
    void paperRecipeIsOriginalNoiseAndPitchPointSeven() {
        assertEquals(List.of("orig", "noise-white-snr10..30_seed7", "pitch+0.7_seed7"), keys(AugmentationPlan.paper(7)));
    }

    @Test
    void trainingRecipeHasSixDistinctVariantsStartingWithThePapers() {
        List<String> keys = keys(AugmentationPlan.training(7));
        assertEquals(keys(AugmentationPlan.paper(7)), keys.subList(0, 3));
        assertEquals(List.of("pitch-2..+2_noise-pink-snr15..35_seed7", "stretch0.8..1.25_gain-6..+6db_seed7",
                "shift-250..+250ms-zero_noise-white-snr20..40_seed7"), keys.subList(3, 6));
    }

    @Test
    void everyTrainingVariantRunsOnAToneAndStaysInRange() {
        float[] tone = harmonicTone(160, 1, 0.5);
        for (AugmentationSpec variant : AugmentationPlan.training(1).variants()) {
            float[] out = variant.apply(tone, "tone");
            assertTrue(out.length > 0.75 * tone.length && out.length < 1.3 * tone.length, variant.key());
            for (float v : out) assertTrue(Float.isFinite(v) && Math.abs(v) <= 1, variant.key());
        }
    }

    @Test
    void rejectsRepeatedOrNoVariants() {
        assertThrows(IllegalArgumentException.class,
                () -> new AugmentationPlan("x", List.of(AugmentationSpec.original(), AugmentationSpec.original())));
        assertThrows(IllegalArgumentException.class, () -> new AugmentationPlan("x", List.of()));
        assertEquals(List.of("orig"), keys(AugmentationPlan.none()));
    }

    private static List<String> keys(AugmentationPlan plan) {
        return plan.variants().stream().map(AugmentationSpec::key).toList();
    }
}
