package org.emoscope.audio;

import java.io.IOException;

/**
 * An audio device could not be used: no microphone at all, the named one is missing or busy, or it stopped delivering
 * audio. The message is written for a person and names the device (e.g. "No microphone found: ...").
 */
public class AudioDeviceException extends IOException {

    public AudioDeviceException(String message) {
        super(message);
    }

    public AudioDeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
