package org.emoscope.app.viewmodel;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The plain parts of the view-models (no JavaFX thread needed). */
class ViewModelUnitTest {

    @Test
    void figuresListKnownKeysAndSayNotRecorded() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("validation_ua", 0.5);
        meta.put("corpora", List.of("ravdess", "emodb-2s"));
        meta.put("custom", 3);
        List<ModelViewModel.Figure> f = ModelViewModel.figures(meta, 3.0);
        assertEquals(ModelViewModel.KNOWN.size() + 1, f.size());
        Map<String, String> byKey = new LinkedHashMap<>();
        for (ModelViewModel.Figure x : f) byKey.put(x.key(), x.value());
        assertEquals("not recorded", byKey.get("validation_wa"));
        assertEquals("50.0 %", byKey.get("validation_ua"));
        assertEquals("not recorded", byKey.get("validation_one_file_ua"), "older bundles have no one-file figure");
        assertEquals("ravdess, emodb-2s", byKey.get("corpora"));
        assertEquals("3 s", byKey.get(ModelViewModel.WINDOW_KEY), "the window the model was trained on");
        List<ModelViewModel.Figure> all = ModelViewModel.metadata(meta);
        assertEquals(List.of("validation_ua", "corpora", "custom"), all.stream().map(ModelViewModel.Figure::key).toList());
        // a record written as its toString: its settings, each held together, not "TrainingSettings[maxEpochs=40, ...]"
        assertEquals("maxEpochs\u00A040 · patience\u00A08 · windowSeconds\u00A02.0 · corpora\u00A0a,\u00A0b",
                ModelViewModel.format("settings", "TrainingSettings[maxEpochs=40, patience=8, windowSeconds=2.0, "
                        + "corpora=a, b]"));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("a", 1);
        nested.put("b", "x");
        assertEquals("a: 1\nb: x", ModelViewModel.format("m", nested));
        assertEquals("speaker-normalised [see docs]", ModelViewModel.format("k", "speaker-normalised [see docs]"));
    }

    @Test
    void theLivePageSaysHowMuchAudioEachUpdateHears() {
        assertEquals("Updated every 250 ms from the last 2 s of audio, smoothed over recent speech.",
                LiveViewModel.cadence(org.emoscope.pipeline.AnalyzerSettings.defaults()));
        assertEquals("Updated every 250 ms from the last 3.5 s of audio, smoothed over recent speech.",
                LiveViewModel.cadence(org.emoscope.pipeline.AnalyzerSettings.defaults().withWindow(3.5, 0.25)));
    }

    @Test
    void spectrogramRingKeepsTheNewestFrames() {
        SpectrogramRing r = new SpectrogramRing(3);
        for (int i = 0; i < 5; i++) r.append(new float[]{i}, 1.0 + i * 0.01, 0.01);
        assertEquals(5, r.total());
        assertNull(r.frame(1));
        assertArrayEquals(new float[]{4}, r.frame(4));
        assertEquals(2, r.oldest());
        assertEquals(3, r.held().length);
        assertEquals(1.02, r.timeOf(2), 1e-9);
    }

    @Test
    void historyForgetsWhatIsOlderThanItsSpan() {
        ProbabilityHistory h = new ProbabilityHistory(10);
        for (int t = 0; t <= 30; t++) h.add(new ProbabilityHistory.Point(t, t % 2 == 0 ? new float[]{1} : null));
        assertEquals(19, h.points().get(0).seconds(), 1e-9);
    }
}
