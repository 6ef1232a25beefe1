package org.emoscope.pipeline;

import org.emoscope.model.Prediction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimelineTest {

    private static final List<String> LABELS = List.of("a", "b");

    private static WindowResult w(int i, boolean speech, float pa) {
        float[] p = {pa, 1 - pa};
        Prediction pred = new Prediction(LABELS, p, new float[1], 0.04);
        return new WindowResult(i, i * 0.25, i * 0.25 + 2.0, speech ? 1 : 0, speech, pred, speech ? p : null, 0, 0, Double.NaN);
    }

    @Test
    void mergesEqualLabelsAndCoversTheFile() {
        List<WindowResult> ws = List.of(w(0, true, 0.9f), w(1, true, 0.8f), w(2, false, 0.5f), w(3, true, 0.1f));
        List<Segment> segs = Timeline.segments(ws, 2.75);
        assertEquals(3, segs.size());
        assertEquals("a", segs.get(0).label());
        assertEquals(0.0, segs.get(0).startSeconds());
        assertEquals(WindowResult.NO_SPEECH, segs.get(1).label());
        assertEquals("b", segs.get(2).label());
        assertEquals(2.75, segs.get(2).endSeconds());
        for (int i = 1; i < segs.size(); i++)
            assertEquals(segs.get(i - 1).endSeconds(), segs.get(i).startSeconds(), 1e-12);
        assertEquals(0.85, segs.get(0).probabilities()[0], 1e-6);
    }

    @Test
    void utteranceIsTheMeanOfSpeechWindows() {
        FileAnalysis a = Timeline.analysis("f", 3, LABELS, List.of(w(0, true, 0.9f), w(1, false, 0.0f),
                w(2, true, 0.5f)));
        assertEquals("a", a.label());
        assertEquals(0.7, a.confidence(), 1e-6);
        assertEquals(2 / 3.0, a.speechFraction(), 1e-9);
        assertEquals(1.0, a.probabilities()[0] + a.probabilities()[1], 1e-6);
    }

    @Test
    void noSpeechAnywhereSaysSo() {
        FileAnalysis a = Timeline.analysis("f", 3, LABELS, List.of(w(0, false, 0.9f), w(1, false, 0.7f)));
        assertEquals(WindowResult.NO_SPEECH, a.label());
        assertEquals(0.0, a.confidence());
        assertEquals(1.0, a.probabilities()[0] + a.probabilities()[1], 1e-6);
    }
}
