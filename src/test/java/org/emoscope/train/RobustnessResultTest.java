package org.emoscope.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class RobustnessResultTest {

    private static final List<String> LABELS = List.of("neutral", "angry", "disgust");

    private static Robustness.FileScore file(int truth, String label, float[] p, int windows, int speech) {
        return new Robustness.FileScore("f", truth, label, p, windows, speech);
    }

    @Test
    void noSpeechCountsAsWrongForTheAnalyzeLabelButNotForTheModelAlone() {
        Robustness.Result r = new Robustness.Result(new Robustness.Condition("pink-10db", "noise", null), LABELS,
                List.of("neutral", "angry"), List.of(
                file(0, "neutral", new float[]{0.6f, 0.3f, 0.1f}, 4, 4),
                file(0, "no_speech", new float[]{0.7f, 0.2f, 0.1f}, 4, 0),
                file(1, "no_speech", new float[]{0.1f, 0.3f, 0.6f}, 2, 0),
                file(1, "disgust", new float[]{0.1f, 0.3f, 0.6f}, 2, 1)));
        assertEquals((0.5 + 0) / 2, r.ua(), 1e-9);
        assertEquals(1.0, r.modelUa(), 1e-9, "disgust is not scored: angry beats neutral in both angry files");
        assertEquals(0.5, r.noSpeechFiles(), 1e-9);
        assertEquals(1 - 5 / 12.0, r.noSpeechWindows(), 1e-9);
    }

    @Test
    void seedsDependOnFileAndCondition() {
        assertEquals(Robustness.seed("a.wav", "pink-10db"), Robustness.seed("a.wav", "pink-10db"));
        assertNotEquals(Robustness.seed("a.wav", "pink-10db"), Robustness.seed("b.wav", "pink-10db"));
        assertNotEquals(Robustness.seed("a.wav", "pink-10db"), Robustness.seed("a.wav", "pink-5db"));
    }
}
