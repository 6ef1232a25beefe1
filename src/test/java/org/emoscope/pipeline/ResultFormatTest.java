package org.emoscope.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;

import org.junit.jupiter.api.Test;

/** One number style in the JSON, no probabilities where there is no speech, and the truncation warning. */
class ResultFormatTest {

    private static final List<String> LABELS = List.of("neutral", "happy", "sad");

    private static FileAnalysis analysis(String warning) {
        float[] p = {0.999138f, 8.62e-4f, 0f};
        float[] silent = {0.83f, 0.1f, 0.07f};
        return new FileAnalysis("a.wav", 4.0, LABELS, "neutral", 0.999138, p, 0.5,
                List.of(new Segment(0, 2, "neutral", p), new Segment(2, 4, WindowResult.NO_SPEECH, silent)), List.of(),
                warning);
    }

    @Test
    void numbersAreAlwaysPlainDecimals() throws Exception {
        String json = new ObjectMapper().writeValueAsString(ResultFormat.json(analysis(null), "m.emo"));
        assertFalse(json.matches("(?s).*\\d[eE][-+]?\\d.*"), json);
        assertTrue(json.contains("\"happy\":0.000862"), json);
        assertTrue(json.contains("\"sad\":0.0"), json);
        assertTrue(json.contains("\"duration_s\":4.0"), json);
        assertTrue(json.contains("\"confidence\":0.9991"), json);
        assertEquals("0.000001", ResultFormat.round(1e-6, 6).toString());
        assertEquals("0.0", ResultFormat.round(4e-7, 6).toString());
        assertEquals("12.346", ResultFormat.round(12.3456, 3).toString());
    }

    @Test
    void noSpeechHasNoProbabilities() throws Exception {
        String json = new ObjectMapper().writeValueAsString(ResultFormat.json(analysis(null), "m.emo"));
        assertFalse(json.contains("0.83"), "the model's output for silence is not an emotion: " + json);
        assertTrue(json.contains("{\"start_s\":2.0,\"end_s\":4.0,\"label\":\"no_speech\"}"), json);
        List<String> rows = ResultFormat.csvRows(analysis(null));
        assertTrue(rows.get(2).endsWith(",segment,2.000,4.000,no_speech,0.0000,,,,"), rows.get(2));
        FileAnalysis silence = new FileAnalysis("s.wav", 2, LABELS, WindowResult.NO_SPEECH, 0, new float[] {0.83f, 0.1f,
                0.07f}, 0, List.of(new Segment(0, 2, WindowResult.NO_SPEECH, new float[] {0.83f, 0.1f, 0.07f})),
                List.of());
        assertFalse(ResultFormat.json(silence, "m").containsKey("probabilities"));
        assertFalse(ResultFormat.csvRows(silence).get(0).contains("0.83"));
    }

    @Test
    void aWarningIsAField() throws Exception {
        assertFalse(ResultFormat.json(analysis(null), "m").containsKey("warning"));
        String json = new ObjectMapper().writeValueAsString(ResultFormat.json(analysis("a.wav: the file is truncated"),
                "m"));
        assertTrue(json.startsWith("{\"file\":\"a.wav\",\"model\":\"m\",\"warning\":\"a.wav: the file is truncated\","),
                json);
    }
}
