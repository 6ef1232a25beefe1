package org.emoscope.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trunk shared by a stream's windows ({@link StreamTrunk}) against the whole network run window by window. */
class StreamTrunkTest {

    @BeforeAll
    static void init() {
        TestNd4j.init();
    }

    /** ExplainerTest's bundle (random batch-norm statistics and frame scorer), without per-window mean removal. */
    private static EmotionModel model(NetworkSpec.Pooling pooling) {
        ModelBundle b = ExplainerTest.bundle(pooling, 5);
        return new EmotionModel(new ModelBundle(b.network(), b.spec(), b.labels(), b.featureConfig(),
                b.normalization().withWindowMean(false), java.util.Map.of(), false));
    }

    private static SpeakerStatistics.Estimate voice(EmotionModel m, float[][] frames) {
        SpeakerStatistics s = m.speakerPrior().newStatistics();
        for (float[] f : frames) s.add(f);
        return s.estimate(m.speakerPrior());
    }

    @Test
    void chunksGiveWhatTheWholeStreamGivesAtOnce() {
        EmotionModel m = model(NetworkSpec.Pooling.ATTENTIVE_MAX);
        float[][] stream = ExplainerTest.window(new Random(1), 2 * StreamTrunk.CHUNK_FRAMES * 4 + 301);
        SpeakerStatistics.Estimate v = voice(m, stream);
        StreamTrunk shared = m.shareTrunk(stream, v); // three chunks, the last one short
        ComputationGraph trunk = StreamTrunk.slice(m.bundle().network(),
                EmotionNetwork.trunkConfiguration(m.bundle().spec()));
        INDArray whole = trunk.outputSingle(false, ModelInput.batch(List.<float[][]>of(stream), m.bundle().normalization(), 4,
                List.of(v)));
        int length = stream.length / 4 * 4; // the whole stream's last attention frame is padded: not a window's
        INDArray ours = shared.windows(new int[]{0}, length);
        INDArray expected = whole.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, length / 4));
        float[] a = ours.dup().data().asFloat(), b = expected.dup('c').data().asFloat();
        assertEquals(b.length, a.length);
        double worst = 0, scale = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
            scale = Math.max(scale, Math.abs(b[i]));
        }
        assertTrue(scale > 0.1, "a trunk that outputs nothing tests nothing");
        assertTrue(worst <= 1e-4 * scale, "chunked trunk differs from the whole-stream trunk by " + worst);
    }

    @Test
    void aWindowThatIsTheWholeStreamIsClassifiedExactlyAsAlone() {
        for (NetworkSpec.Pooling pooling : NetworkSpec.Pooling.values()) {
            EmotionModel m = model(pooling);
            float[][] stream = ExplainerTest.window(new Random(2), 200);
            SpeakerStatistics.Estimate v = voice(m, stream);
            Prediction shared = m.predictBatch(m.shareTrunk(stream, v), new int[]{0}, List.<float[][]>of(stream), v, null,
                    null)[0];
            Prediction alone = m.predictBatch(List.<float[][]>of(stream), v)[0];
            assertArrayEquals(alone.probabilities(), shared.probabilities(), 2e-5f, pooling.name());
            assertArrayEquals(alone.frameAttention(), shared.frameAttention(), 2e-5f, pooling.name());
        }
    }

    @Test
    void overlappingWindowsOnTheGridShareTheTrunkAndTheTailRunsAlone() {
        EmotionModel m = model(NetworkSpec.Pooling.ATTENTIVE_MAX);
        float[][] stream = ExplainerTest.window(new Random(3), 1000);
        SpeakerStatistics.Estimate v = voice(m, stream);
        List<float[][]> windows = new ArrayList<>();
        // 198 frames, as a 2 s window is: not a whole number of attention frames
        int[] starts = {0, 24, 48, 400, 800, 801}; // the last is off the grid: it runs alone
        for (int s : starts) {
            float[][] w = new float[198][];
            System.arraycopy(stream, s, w, 0, 198);
            windows.add(w);
        }
        StreamTrunk shared = m.shareTrunk(stream, v);
        assertTrue(shared.covers(800, 198));
        assertFalse(shared.covers(801, 198));
        assertFalse(shared.covers(804, 198), "past the end");
        Prediction[] ours = m.predictBatch(shared, starts, windows, v, null, null);
        Prediction[] alone = m.predictBatch(windows, Collections.nCopies(windows.size(), v));
        assertArrayEquals(alone[5].probabilities(), ours[5].probabilities(), 1e-6f, "off-grid window runs alone");
        // the others differ only through their edges' few attention frames, which see real context instead of
        // zero padding (the real model's figures are in docs/benchmarks.md); a slice from the wrong place would
        // give another window's answer
        for (int i = 0; i < starts.length - 1; i++) {
            double probabilities = 0, attention = 0, other = 0;
            for (int c = 0; c < 4; c++)
                probabilities += Math.abs(ours[i].probabilities()[c] - alone[i].probabilities()[c]);
            float[] a = ours[i].frameAttention();
            for (int t = 0; t < a.length; t++) {
                attention += Math.abs(a[t] - alone[i].frameAttention()[t]);
                other += Math.abs(a[t] - alone[(i + 3) % 5].frameAttention()[t]);
            }
            assertTrue(probabilities < 0.1, "window " + i + " probabilities differ by " + probabilities);
            assertTrue(attention < 0.5 * other, "window " + i + " attention differs by " + attention
                    + ", from another window's by " + other);
        }
    }

    @Test
    void aWindowMeanModelSharesNothing() {
        EmotionModel m = new EmotionModel(ExplainerTest.bundle(NetworkSpec.Pooling.MEAN_MAX, 5));
        float[][] stream = ExplainerTest.window(new Random(4), 400);
        StreamTrunk shared = m.shareTrunk(stream, null);
        assertFalse(shared.covers(0, 200));
        assertThrows(IllegalArgumentException.class, () -> shared.windows(new int[]{0}, 200));
        Prediction p = m.predictBatch(shared, new int[]{0}, List.<float[][]>of(java.util.Arrays.copyOf(stream, 200)), null,
                null, null)[0];
        assertArrayEquals(m.predict(java.util.Arrays.copyOf(stream, 200)).probabilities(), p.probabilities(), 1e-6f);
    }

    @Test
    void theTrunkIsAlmostAllOfTheArithmetic() {
        NetworkSpec spec = NetworkSpec.defaults(7).withPooling(NetworkSpec.Pooling.ATTENTIVE_MAX);
        // 200 x 5 x 40 x 64 + 100 x 5 x 64 x 128 + 50 x 3 x 128 x 128
        assertEquals(9_113_600, spec.trunkMultiplyAdds(200));
        // channel attention 2 x (128 x 16 + 16 x 128), frame gate 50 x 7 x 2, scorer 50 x (128 x 16 + 16),
        // dense 256 x 64, output 64 x 7
        assertEquals(8_192 + 700 + 103_200 + 16_384 + 448, spec.headMultiplyAdds(200));
        assertEquals(spec.trunkMultiplyAdds(200) + spec.headMultiplyAdds(200), spec.multiplyAdds(200));
        assertTrue(spec.trunkMultiplyAdds(200) > 0.98 * spec.multiplyAdds(200));
    }

    @Test
    void theMarginCoversTheReceptiveField() {
        NetworkSpec spec = NetworkSpec.defaults(4);
        // conv 5 + pool 2 at stride 1, conv 5 + pool 2 at stride 2, conv 3 at stride 4: 7 + 14 + 16 = 37 -> 40
        assertEquals(40, StreamTrunk.margin(spec));
        assertTrue(StreamTrunk.margin(spec) % spec.timePoolingFactor() == 0);
    }
}
