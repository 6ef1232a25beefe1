package org.emoscope.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.emoscope.features.FeatureConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Inference wrapper: normalisation, output sizes, time mapping, padding, batching. */
class EmotionModelTest {

    private static final List<String> LABELS = List.of("angry", "happy", "neutral", "sad");

    private static EmotionModel model;
    private static Normalization norm;

    @BeforeAll
    static void build() {
        TestNd4j.init();
        float[] mean = new float[40];
        float[] std = new float[40];
        for (int c = 0; c < 40; c++) {
            mean[c] = 5 - c * 0.25f;
            std[c] = 0.5f + c * 0.05f;
        }
        norm = new Normalization(mean, std);
        NetworkSpec spec = NetworkSpec.defaults(LABELS.size());
        model = new EmotionModel(new ModelBundle(EmotionNetwork.build(spec), spec, LABELS, FeatureConfig.defaults(),
                norm, Map.of("note", "test"), false));
    }

    private static float[][] window(Random rng, int frames) {
        float[][] w = new float[frames][40];
        for (float[] frame : w) for (int c = 0; c < 40; c++) frame[c] = (float) (rng.nextGaussian() * 3 + 5 - c * 0.25);
        return w;
    }

    @Test
    void predictsProbabilitiesAndAttentionMappedToTime() {
        Prediction p = model.predict(window(new Random(1), 198));
        assertEquals(LABELS, p.labels());
        assertEquals(4, p.probabilities().length);
        float sum = 0;
        for (float v : p.probabilities()) sum += v;
        assertEquals(1f, sum, 1e-5f);
        assertEquals(50, p.frameAttention().length); // ceil(198 / 4)
        assertEquals(0.04, p.frameSeconds(), 1e-12); // 10 ms hop x pooling 4
        assertEquals(0.04, model.frameSeconds(), 1e-12);
        assertEquals(49 * 0.04, p.frameTime(49), 1e-12);
    }

    @Test
    void appliesTheBundleNormalisation() {
        float[][] raw = window(new Random(2), 60);
        float[][] normalised = norm.apply(raw);
        float[] data = new float[40 * 60];
        for (int t = 0; t < 60; t++) for (int c = 0; c < 40; c++) data[c * 60 + t] = normalised[t][c];
        INDArray x = Nd4j.create(data, new long[] {1, 40, 1, 60}, DataType.FLOAT);
        float[] direct = model.bundle().network().outputSingle(false, x).toFloatVector();
        assertArrayEquals(direct, model.predict(raw).probabilities(), 1e-6f);
    }

    @Test
    void shortWindowsArePaddedWithMeanFrames() {
        assertEquals(4, model.minFrames());
        float[][] two = window(new Random(3), 2);
        float[][] padded = {two[0], two[1], norm.mean(), norm.mean()};
        Prediction p = model.predict(two);
        assertEquals(1, p.frameAttention().length);
        assertArrayEquals(model.predict(padded).probabilities(), p.probabilities(), 1e-6f);
        assertEquals(1, model.predict(window(new Random(4), 1)).frameAttention().length);
    }

    @Test
    void batchGivesTheSameAnswersAsSingleCalls() {
        Random rng = new Random(5);
        List<float[][]> windows = List.of(window(rng, 100), window(rng, 100), window(rng, 100));
        Prediction[] batch = model.predictBatch(windows);
        assertEquals(3, batch.length);
        for (int i = 0; i < 3; i++) {
            Prediction single = model.predict(windows.get(i));
            assertArrayEquals(single.probabilities(), batch[i].probabilities(), 1e-5f);
            assertArrayEquals(single.frameAttention(), batch[i].frameAttention(), 1e-5f);
        }
        assertEquals(0, model.predictBatch(List.of()).length);
    }

    @Test
    void rejectsMalformedWindows() {
        Random rng = new Random(6);
        assertThrows(IllegalArgumentException.class, () -> model.predict(new float[0][]));
        assertThrows(IllegalArgumentException.class, () -> model.predict(new float[10][39]));
        assertThrows(IllegalArgumentException.class,
                () -> model.predictBatch(List.of(window(rng, 10), window(rng, 11))));
        float[][] withNaN = window(rng, 10);
        withNaN[3][7] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> model.predict(withNaN));
    }

    @Test
    void warmUpAndAccessors() {
        model.warmUp();
        model.warmUp(3, 2);
        assertEquals(LABELS, model.labels());
        assertEquals(FeatureConfig.defaults(), model.featureConfig());
        assertEquals("test", model.metadata().get("note"));
        assertFalse(model.untrained());
    }

    @Test
    void collectsGarbageOnceTheCallsLeftEnoughNativeMemory() {
        NetworkSpec spec = NetworkSpec.defaults(LABELS.size());
        EmotionModel fresh = new EmotionModel(new ModelBundle(EmotionNetwork.build(spec), spec, LABELS,
                FeatureConfig.defaults(), norm, Map.of(), false));
        Random rng = new Random(7);
        List<float[][]> batch = new ArrayList<>();
        for (int i = 0; i < 16; i++) batch.add(window(rng, 400));
        fresh.predictBatch(batch);
        assertEquals(0, fresh.collections(), "one call must not trigger a collection");
        int calls = 1;
        while (fresh.collections() == 0 && calls < 500) {
            fresh.predictBatch(batch);
            calls++;
        }
        assertEquals(1, fresh.collections(), "a collection after " + calls + " calls");
        assertTrue(calls > 2, "the budget must cover more than a couple of calls, was " + calls);
    }
}
