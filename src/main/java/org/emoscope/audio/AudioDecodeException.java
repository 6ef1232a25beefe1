package org.emoscope.audio;

import java.io.IOException;

/**
 * Audio could not be read. The message is written for a person: it names the file and the reason
 * (e.g. "song.wav: not an audio file (starts with '%PDF')"), and is shown as-is by the CLI and the app.
 */
public class AudioDecodeException extends IOException {
    public AudioDecodeException(String message) {
        super(message);
    }

    public AudioDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
