package org.emoscope.audio;

import java.io.IOException;

/**
 * A stream of mono float samples in [-1, 1] at {@link #sampleRate()}; a file and a microphone look the same to the
 * pipeline. Implementations convert and resample internally, so every source delivers the rate it was asked for.
 * Not thread-safe: one reader thread; {@link #close()} may be called from any thread and makes a blocked
 * {@link #read} return.
 */
public interface AudioSource extends AutoCloseable {

    /** Samples per second of what {@link #read} delivers. */
    int sampleRate();

    /**
     * Reads up to {@code length} samples into {@code buffer[offset..]}, blocking until at least one is available.
     *
     * @return the number of samples read, or -1 at the end of the stream (or after close)
     * @throws IOException when the underlying device or file fails (e.g. a microphone unplugged mid-stream)
     */
    int read(float[] buffer, int offset, int length) throws IOException;

    /** Human-readable name: a file name or a device name. */
    String description();

    /** Total length in samples if known (files), or -1 (live sources). */
    default long lengthSamples() {
        return -1;
    }

    /**
     * What is wrong with the audio although it can be read (e.g. "a.wav: the file is truncated: ..."), or null.
     * Known for certain once the source has been read to its end.
     */
    default String warning() {
        return null;
    }

    /** True for sources that deliver audio in real time (microphones). */
    default boolean isLive() {
        return false;
    }

    @Override
    void close();
}
