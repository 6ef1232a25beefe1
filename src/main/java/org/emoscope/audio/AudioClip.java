package org.emoscope.audio;

import java.util.Objects;

/**
 * Decoded audio held in memory: mono float samples in [-1, 1] at {@code sampleRate}, plus what the original was.
 *
 * @param samples        mono samples (not copied: treat as read-only)
 * @param sampleRate     rate of {@code samples}, Hz
 * @param sourceName     file name or other description, for messages
 * @param originalFormat human-readable description of the original encoding (e.g. "FLAC 44100 Hz 16-bit stereo")
 */
public record AudioClip(float[] samples, int sampleRate, String sourceName, String originalFormat) {

    public AudioClip {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate <= 0) throw new IllegalArgumentException("sampleRate must be positive");
    }

    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }
}
