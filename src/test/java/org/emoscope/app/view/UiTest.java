package org.emoscope.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Long paths in messages are cut to their last folders, so a wrapping label never breaks them mid-word. */
class UiTest {

    @Test
    void longPathsKeepTheirEnd() {
        String message = "missing.wav: file not found (/tmp/junit-7843116492181403100/recordings/2024-field-trip/"
                + "session-one/missing.wav)";
        assertEquals("missing.wav: file not found (…/session-one/missing.wav)", Ui.shortPaths(message, 28));
        assertEquals("missing.wav: file not found (…/recordings/2024-field-trip/session-one/missing.wav)",
                Ui.shortPaths(message, 60));
        assertEquals(message, Ui.shortPaths(message, 200));
        assertEquals("a.wav: corrupt WAV header: sample rate 1936269427 Hz",
                Ui.shortPaths("a.wav: corrupt WAV header: sample rate 1936269427 Hz", 10), "no path, no change");
        assertEquals("see …\\b\\c.wav", Ui.shortPaths("see C:\\a\\b\\c.wav", 10));
        assertEquals(null, Ui.shortPaths(null, 10));
    }
}
