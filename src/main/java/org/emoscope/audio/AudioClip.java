package org.emoscope.audio;

import java.util.Objects;

/**
 * Decoded audio held in memory: mono float samples in [-1, 1] at {@code sampleRate}, plus what the original was.
 *
 * @param samples        mono samples (not copied: treat as read-only)
 * @param sampleRate     rate of {@code samples}, Hz
 * @param sourceName     file name or other description, for messages
 * @param originalFormat human-readable description of the original encoding (e.g. "FLAC 44100 Hz 16-bit stereo")
 * @param warning        what is wrong with the file although it was decoded (it is truncated), or null
 */
public record AudioClip(float[] samples, int sampleRate, String sourceName, String originalFormat, String warning) {

    public AudioClip(float[] samples, int sampleRate, String sourceName, String originalFormat) {
        this(samples, sampleRate, sourceName, originalFormat, null);
    }

    public AudioClip {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate <= 0) throw new IllegalArgumentException("sampleRate must be positive");
    }

    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }
}
