package org.emoscope.audio;

import java.util.Objects;

/**
 * A sound input that can record: a Java Sound mixer with at least one capture line.
 *
 * @param name        the mixer's name, as passed to {@link MicrophoneAudioSource#open(String, int)}
 * @param description the mixer's description (may be empty)
 */
public record CaptureDevice(String name, String description) {

    public CaptureDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }
}
