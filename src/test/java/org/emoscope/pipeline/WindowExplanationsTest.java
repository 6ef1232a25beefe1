package org.emoscope.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.emoscope.model.EmotionModel;
import org.emoscope.model.Explainer;
import org.emoscope.model.Explanation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Explanations through the pipeline: an analysis with explanations explains every speech window; explaining a
 * window again from the log-mel frames a display keeps gives the same map; the compact JSON and the one-line
 * reading say what the map says.
 */
class WindowExplanationsTest {

    private static final int RATE = 16000;

    @Test
    void everySpeechWindowIsExplainedAndCanBeExplainedAgainFromTheDisplayedSpectrogram(@TempDir Path dir)
            throws Exception {
        EmotionModel model = StreamingAnalyzerTest.speakerNormalized();
        Path file = TestAudio.writeWav(dir.resolve("a.wav"), TestAudio.concat(TestAudio.silence(0.6, RATE),
                TestAudio.voiced(2.4, RATE, 5)), RATE);
        AnalyzerSettings settings = AnalyzerSettings.forModel(model).withExplanations(4);
        List<FeatureFrame> frames = Collections.synchronizedList(new ArrayList<>());
        FileAnalysis a = new FileAnalyzer(new StreamingAnalyzer(model, settings)).analyze(file, p -> { },
                new AnalysisListener() {
                    @Override
                    public void onFrame(FeatureFrame frame) {
                        frames.add(frame);
                    }
                });
        float[][] logMel = frames.stream().map(FeatureFrame::logMel).toArray(float[][]::new);
        int windowFrames = model.featureConfig().framesFor(settings.windowSeconds());
        Explainer explainer = new Explainer(model.bundle());
        int explained = 0;
        for (WindowResult w : a.windows()) {
            if (!w.speech()) {
                assertNull(w.explanation());
                continue;
            }
            explained++;
            Explanation e = w.explanation();
            assertNotNull(e);
            assertEquals(w.prediction().bestIndex(), e.target(), "an untrained bundle has no statistics to fuse");
            assertEquals(50, e.frames(), "2 s in cells of 40 ms");
            assertEquals(16, e.bands());
            Explanation again = WindowExplanations.explain(explainer, logMel, 0, w, windowFrames,
                    model.featureConfig(), e.target(), 4).pooled(4, 4);
            assertEquals(e.total(), again.total(), 1e-4 + 1e-3 * Math.abs(e.total()));
            assertEquals(e.probability(), again.probability(), 1e-4);
            Map<String, Object> json = WindowExplanations.json(e, w.startSeconds());
            assertEquals(e.label(), json.get("class"));
            @SuppressWarnings("unchecked")
            List<List<Integer>> cells = (List<List<Integer>>) json.get("cells");
            assertEquals(50, cells.size());
            assertTrue(cells.stream().flatMap(List::stream).anyMatch(v -> Math.abs(v) == WindowExplanations.LEVELS),
                    "the largest cell is at full scale");
            String reading = (String) json.get("reading");
            assertTrue(reading.startsWith("for " + e.label() + ": "), reading);
        }
        assertTrue(explained > 0);
        FileAnalysis again = WindowExplanations.explainAll(explainer, logMel,
                FileAnalyzer.forModel(model).analyze(file),
                windowFrames, model.featureConfig(), 4);
        assertEquals(explained, again.windows().stream().filter(w -> w.explanation() != null).count());
        assertTrue(ResultFormat.json(again, "m").containsKey("windows"));
        assertTrue(!ResultFormat.json(a.withWarning(null), "m").isEmpty());
    }

    @Test
    void theReadingNamesTheStretchAndBandsWhereTheEvidenceLies() {
        float[][] cells = new float[50][16];
        for (int t = 20; t < 30; t++) for (int b = 2; b < 6; b++) cells[t][b] = 1f;
        cells[5][12] = -0.5f;
        double[] centres = new double[16];
        for (int b = 0; b < 16; b++) centres[b] = 100 + 400 * b;
        Explanation e = new Explanation(List.of("a", "angry"), 1, 0.6, 0.1, cells, 0.04, centres, new float[50],
                0.04, true, new float[] {0.4f, 0.6f}, List.of(), 1);
        String r = WindowExplanations.reading(e, 1.0);
        assertTrue(r.startsWith("for angry: mostly 1.80-2.20 s at 700 Hz-2.3 kHz (100% of the evidence for)"), r);
        assertTrue(r.contains("against: 1.00-1.40 s"), r);
        WindowExplanations.Region pro = WindowExplanations.strongestRegion(e, 1);
        assertEquals(0.8, pro.fromSeconds(), 1e-9, "the box the reading names, from the window's start");
        assertEquals(1.2, pro.toSeconds(), 1e-9);
        assertEquals(700, pro.lowHz(), 1e-9);
        assertEquals(2300, pro.highHz(), 1e-9);
        assertEquals(1.0, pro.share(), 1e-9);
        assertEquals(0.0, WindowExplanations.strongestRegion(e, -1).fromSeconds(), 1e-9);
    }
}
