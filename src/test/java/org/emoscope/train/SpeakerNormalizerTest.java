package org.emoscope.train;

import org.emoscope.model.SpeakerStatistics;
import org.emoscope.train.corpus.Emotion;
import org.emoscope.train.corpus.Utterance;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SpeakerNormalizerTest {

    private static final double GATE = 240;

    /** 50 frames: c0 around 0 (all voiced), channels 1 and 2 around offset * (c + 1) with the given spread. */
    private static Item item(String speaker, String augmentation, int index, double offset, double scale, long seed) {
        Random r = new Random(seed);
        float[][] frames = new float[50][3];
        for (float[] f : frames) {
            f[0] = (float) r.nextGaussian();
            for (int c = 1; c < 3; c++) f[c] = (float) (offset * c + scale * r.nextGaussian());
        }
        Utterance u = new Utterance(Path.of(speaker + "-" + index + ".wav"), "synthetic", speaker, Emotion.ANGRY,
                "t" + index, Map.of());
        return new Item(u, augmentation, index % 2, frames);
    }

    private static double[] channelMean(List<float[][]> clips) {
        double[] m = new double[3];
        long n = 0;
        for (float[][] clip : clips)
            for (float[] f : clip) {
                for (int c = 0; c < 3; c++) m[c] += f[c];
                n++;
            }
        for (int c = 0; c < 3; c++) m[c] /= n;
        return m;
    }

    private static double[] channelStd(List<float[][]> clips) {
        double[] m = channelMean(clips);
        double[] v = new double[3];
        long n = 0;
        for (float[][] clip : clips)
            for (float[] f : clip) {
                for (int c = 0; c < 3; c++) v[c] += (f[c] - m[c]) * (f[c] - m[c]);
                n++;
            }
        for (int c = 0; c < 3; c++) v[c] = Math.sqrt(v[c] / n);
        return v;
    }

    @Test
    void everySpeakerEndsUpCentredAndScaledByItsOwnStatistics() {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) items.add(item("a", "orig", i, 10, 2, i));
        for (int i = 0; i < 4; i++) items.add(item("b", "orig", i, -30, 0.5, 100 + i));
        Map<String, SpeakerStatistics.Estimate> est = SpeakerNormalizer.estimates(items, GATE);
        assertEquals(List.of("synthetic:a", "synthetic:b"), List.copyOf(est.keySet()));
        List<SpeakerStatistics.Estimate> voices = SpeakerNormalizer.voices(items, est);
        assertSame(est.get("synthetic:b"), voices.get(5));
        List<float[][]> out = SpeakerNormalizer.normalizedFrames(items, voices);
        assertEquals(items.size(), out.size());
        for (List<float[][]> mine : List.of(out.subList(0, 4), out.subList(4, 8))) {
            assertArrayEquals(new double[]{0, 0, 0}, channelMean(mine), 1e-4);
            assertArrayEquals(new double[]{1, 1, 1}, channelStd(mine), 1e-3);
        }
        assertEquals(10f, items.get(0).frames()[0][1], 8f, "the items themselves are not modified");
    }

    @Test
    void augmentedCopiesAreNormalisedWithTheCleanRecordingsStatistics() {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) items.add(item("a", "orig", i, 10, 2, i));
        // a shifted augmented copy: it must stay shifted relative to the speaker, not be pulled back to 0
        items.add(item("a", "gain+6_seed1", 9, 20, 2, 9));
        var est = SpeakerNormalizer.estimates(items, GATE);
        assertEquals(4 * 50, est.get("synthetic:a").frames(), "only the original recordings count");
        double[] augmented = channelMean(List.<float[][]>of(SpeakerNormalizer.normalizedFrames(items,
                SpeakerNormalizer.voices(items, est)).get(4)));
        assertEquals(10.0 / 2, augmented[1], 0.5);
        assertEquals(20.0 / 2, augmented[2], 0.5);
    }

    @Test
    void aSpeakerWithOnlyAugmentedItemsUsesThose() {
        List<Item> items = List.of(item("z", "noise_seed1", 0, 5, 1, 1), item("z", "noise_seed1", 1, 5, 1, 2));
        var est = SpeakerNormalizer.estimates(items, GATE);
        assertEquals(100, est.get("synthetic:z").frames());
        assertArrayEquals(new double[]{0, 0, 0},
                channelMean(SpeakerNormalizer.normalizedFrames(items, SpeakerNormalizer.voices(items, est))), 1e-4);
    }

    @Test
    void anUnknownSpeakerIsAnError() {
        List<Item> items = List.of(item("a", "orig", 0, 1, 1, 1));
        var est = SpeakerNormalizer.estimates(items, GATE);
        assertThrows(IllegalArgumentException.class,
                () -> SpeakerNormalizer.voices(List.of(item("b", "orig", 0, 1, 1, 1)), est));
    }
}
