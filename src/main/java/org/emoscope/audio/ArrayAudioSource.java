package org.emoscope.audio;

import java.util.Objects;

/**
 * Samples held in memory, delivered as an {@link AudioSource}. With real-time pacing on, {@link #read} blocks until
 * the requested samples would have been recorded by a microphone started at the first read, and the source reports
 * itself as live with unknown length: a stand-in for a microphone in tests and soak runs. A {@link #looping} source
 * starts again from the first sample after the last, for as long as it is read (soak runs of hours).
 */
public final class ArrayAudioSource implements AudioSource {

    private final float[] samples;
    private final int sampleRate;
    private final String description;
    private final boolean realTime;
    private final boolean loop;
    private final Object lock = new Object();
    private long position;
    private boolean started;
    private long startNanos;
    private boolean closed;

    /**
     * A source that delivers {@code samples} as fast as they are read.
     *
     * @param samples mono samples in [-1, 1]; not copied, delivered as given
     */
    public ArrayAudioSource(float[] samples, int sampleRate, String description) {
        this(samples, sampleRate, description, false);
    }

    /**
     * @param samples  mono samples in [-1, 1]; not copied, delivered as given
     * @param realTime true to deliver the samples no faster than real time, like a live source
     * @throws IllegalArgumentException if {@code sampleRate} is not positive
     */
    public ArrayAudioSource(float[] samples, int sampleRate, String description, boolean realTime) {
        this(samples, sampleRate, description, realTime, false);
    }

    private ArrayAudioSource(float[] samples, int sampleRate, String description, boolean realTime, boolean loop) {
        this.samples = Objects.requireNonNull(samples, "samples");
        this.description = Objects.requireNonNull(description, "description");
        if (sampleRate <= 0) throw new IllegalArgumentException("sampleRate must be positive: " + sampleRate);
        if (loop && samples.length == 0) throw new IllegalArgumentException("a looping source needs samples");
        this.sampleRate = sampleRate;
        this.realTime = realTime;
        this.loop = loop;
    }

    /**
     * A live source paced in real time that repeats {@code samples} without end until {@link #close()}.
     *
     * @param samples mono samples in [-1, 1], at least one; not copied
     */
    public static ArrayAudioSource looping(float[] samples, int sampleRate, String description) {
        return new ArrayAudioSource(samples, sampleRate, description, true, true);
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * {@inheritDoc} With real-time pacing, blocks until all {@code min(length, remaining)} samples are due; a
     * {@link #close()} from another thread makes it return -1 at once.
     */
    @Override
    public int read(float[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        synchronized (lock) {
            if (closed || (!loop && position == samples.length)) return -1;
            int at = (int) (position % samples.length);
            int n = Math.min(length, samples.length - at);
            if (realTime && !awaitRealTime(position + n)) return -1;
            System.arraycopy(samples, at, buffer, offset, n);
            position += n;
            return n;
        }
    }

    /** Waits until sample {@code end} is due; false if closed meanwhile. Must hold {@link #lock}. */
    private boolean awaitRealTime(long end) {
        long now = System.nanoTime();
        if (!started) {
            started = true;
            startNanos = now;
        }
        long due = startNanos + Math.round(end * 1e9 / sampleRate);
        try {
            while (!closed && now < due) {
                long waitNanos = due - now;
                lock.wait(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
                now = System.nanoTime();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !closed;
    }

    @Override
    public String description() {
        return description;
    }

    /** The number of samples, or -1 when pacing in real time (like a live source). */
    @Override
    public long lengthSamples() {
        return realTime ? -1 : samples.length;
    }

    /** True when pacing in real time. */
    @Override
    public boolean isLive() {
        return realTime;
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }
}
