package org.emoscope.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.emoscope.features.FeatureConfig;
import org.emoscope.features.functionals.Functionals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The functionals classifier: arithmetic, voice centring, and its place in a bundle. */
class FunctionalsClassifierTest {

    private static final int D = Functionals.size();
    private static final List<String> LABELS = List.of("angry", "happy", "neutral");

    /** Logistic regression whose class c scores {@code weight * z[c]}. */
    static FunctionalsClassifier diagonal(float weight) {
        float[][] w = new float[LABELS.size()][D];
        for (int c = 0; c < LABELS.size(); c++) w[c][c] = weight;
        float[] mean = new float[D], scale = new float[D];
        java.util.Arrays.fill(scale, 2f);
        return new FunctionalsClassifier(Functionals.NAMES, mean, scale,
                List.of(new FunctionalsClassifier.Dense(w, new float[LABELS.size()])));
    }

    private static float[] window(float... first) {
        float[] x = new float[D];
        System.arraycopy(first, 0, x, 0, first.length);
        return x;
    }

    @Test
    void standardisesThenSoftmax() {
        float[] p = diagonal(1).probabilities(window(4, 0, 0));
        // z = (4 - 0) / 2 = 2 for class 0
        double e = Math.exp(2);
        assertEquals(e / (e + 2), p[0], 1e-6);
        assertEquals(1 / (e + 2), p[1], 1e-6);
        assertEquals(1, p[0] + p[1] + p[2], 1e-6);
    }

    @Test
    void aMissingStatisticCountsAsTheTrainingMean() {
        assertArrayEquals(diagonal(1).probabilities(window(0, 0, 0)),
                diagonal(1).probabilities(window(Float.NaN, 0, 0)), 1e-7f);
    }

    @Test
    void aHiddenLayerUsesReLU() {
        float[][] in = new float[1][D];
        in[0][0] = 1;
        float[][] out = {{1}, {-1}, {0}};
        FunctionalsClassifier mlp = new FunctionalsClassifier(Functionals.NAMES, new float[D], ones(),
                List.of(new FunctionalsClassifier.Dense(in, new float[]{0}),
                        new FunctionalsClassifier.Dense(out, new float[3])));
        float[] negative = mlp.probabilities(window(-5));
        assertEquals(1 / 3.0, negative[0], 1e-6, "ReLU cuts the negative hidden unit to 0: all logits 0");
        assertTrue(mlp.probabilities(window(5))[0] > 0.9);
    }

    private static float[] ones() {
        float[] s = new float[D];
        java.util.Arrays.fill(s, 1f);
        return s;
    }

    @Test
    void aVoiceCentredClassifierHearsHowAWindowDiffersFromItsVoice() {
        float[] average = new float[D];
        FunctionalsClassifier c = diagonal(1).withVoice(average, 2);
        FunctionalsVoice highVoice = c.newVoice();
        for (int i = 0; i < 98; i++) highVoice.add(window(6, 0, 0));
        // the window is as high as this voice usually is: nothing stands out
        float[] usual = c.probabilities(window(6, 0, 0), highVoice);
        assertEquals(1 / 3.0, usual[0], 0.02);
        // without the voice, the same window sounds far above the average voice
        assertTrue(c.probabilities(window(6, 0, 0))[0] > 0.8);
        // the estimate leans on the average voice until windows come: 98 windows at 6 and 2 at 0
        assertEquals(6 * 98 / 100.0, c.centreOf(highVoice)[0], 1e-5);
        assertArrayEquals(average, c.centreOf(null));
        assertEquals(null, diagonal(1).centreOf(highVoice));
    }

    @Test
    void refusesWhatDoesNotFit() {
        float[][] w = new float[3][D];
        assertThrows(IllegalArgumentException.class, () -> new FunctionalsClassifier(Functionals.NAMES,
                new float[D], new float[D], List.of(new FunctionalsClassifier.Dense(w, new float[3]))),
                "zero scale");
        assertThrows(IllegalArgumentException.class, () -> new FunctionalsClassifier(Functionals.NAMES,
                new float[D], ones(), List.of(new FunctionalsClassifier.Dense(new float[3][D - 1], new float[3]))));
        float[][] nan = new float[3][D];
        nan[1][2] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> new FunctionalsClassifier(Functionals.NAMES,
                new float[D], ones(), List.of(new FunctionalsClassifier.Dense(nan, new float[3]))));
        assertThrows(IllegalArgumentException.class, () -> diagonal(1).probabilities(new float[D + 1]));
    }

    @Test
    void aBundleKeepsItsHeadAndFusesIt(@TempDir Path dir) throws Exception {
        TestNd4j.init();
        ModelBundle plain = ModelBundle.untrained(LABELS, FeatureConfig.defaults());
        FunctionalsClassifier head = diagonal(3).withVoice(new float[D], 10);
        ModelBundle fused = plain.withFunctionals(head, 1.0);
        Path file = dir.resolve("fused.emo");
        fused.save(file);
        ModelBundle loaded = ModelBundle.load(file);
        assertEquals(head, loaded.functionals());
        assertEquals(1.0, loaded.functionalsWeight());
        assertEquals(2, formatVersion(file));

        EmotionModel model = new EmotionModel(loaded);
        assertTrue(model.usesFunctionals());
        assertTrue(model.adaptsToVoices());
        float[][] frames = new float[200][40];
        float[] stats = window(8, 0, 0);
        Prediction p = model.predictBatch(java.util.Collections.singletonList(frames), null, List.of(stats), null)[0];
        assertArrayEquals(head.probabilities(stats), p.probabilities(), 1e-6f, "weight 1: the head alone");
        assertTrue(p.frameAttention().length > 0, "attention still comes from the network");
        Prediction networkOnly = model.predict(frames);
        assertNotEquals(p.probabilities()[0], networkOnly.probabilities()[0]);

        ModelBundle half = plain.withFunctionals(head, 0.5);
        EmotionModel m2 = new EmotionModel(half);
        float[] n = m2.predict(frames).probabilities();
        float[] q = m2.predictBatch(java.util.Collections.singletonList(frames), null, List.of(stats), null)[0].probabilities();
        float[] h = head.probabilities(stats);
        for (int c = 0; c < 3; c++) assertEquals(0.5 * n[c] + 0.5 * h[c], q[c], 1e-5);
    }

    private static int formatVersion(Path bundle) throws Exception {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(bundle.toFile())) {
            byte[] manifest = zip.getInputStream(zip.getEntry(ModelBundle.MANIFEST_ENTRY)).readAllBytes();
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest).get("formatVersion").asInt();
        }
    }

    @Test
    void aBundleWithoutAHeadIsStillVersionOne(@TempDir Path dir) throws Exception {
        TestNd4j.init();
        Path file = dir.resolve("plain.emo");
        ModelBundle.untrained(LABELS, FeatureConfig.defaults()).save(file);
        assertEquals(1, formatVersion(file), "older EmoScope reads it");
        ModelBundle loaded = ModelBundle.load(file);
        assertEquals(null, loaded.functionals());
        assertEquals(0, loaded.functionalsWeight());
    }

    @Test
    void aHeadMustMatchTheLabelsAndWeight() {
        TestNd4j.init();
        ModelBundle plain = ModelBundle.untrained(List.of("a", "b"), FeatureConfig.defaults());
        assertThrows(IllegalArgumentException.class, () -> plain.withFunctionals(diagonal(1), 0.5));
        ModelBundle three = ModelBundle.untrained(LABELS, FeatureConfig.defaults());
        assertThrows(IllegalArgumentException.class, () -> three.withFunctionals(diagonal(1), 1.5));
        List<String> renamed = new ArrayList<>(Functionals.NAMES);
        renamed.set(0, "something_else");
        FunctionalsClassifier other = new FunctionalsClassifier(renamed, new float[D], ones(),
                diagonal(1).layers());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> three.withFunctionals(other, 0.5));
        assertTrue(e.getMessage().contains("statistics"), e.getMessage());
    }
}
