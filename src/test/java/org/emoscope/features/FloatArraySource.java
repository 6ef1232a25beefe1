package org.emoscope.features;

import org.emoscope.audio.AudioSource;

/** Test {@link AudioSource} over a float[], delivering at most {@code maxChunk} samples per read. */
final class FloatArraySource implements AudioSource {

    private final float[] samples;
    private final int sampleRate;
    private final int maxChunk;
    private final boolean live;
    private int position;
    private boolean closed;

    FloatArraySource(float[] samples, int sampleRate, int maxChunk, boolean live) {
        this.samples = samples;
        this.sampleRate = sampleRate;
        this.maxChunk = maxChunk;
        this.live = live;
    }

    FloatArraySource(float[] samples, int sampleRate) {
        this(samples, sampleRate, Integer.MAX_VALUE, false);
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public int read(float[] buffer, int offset, int length) {
        if (closed || position == samples.length) return -1;
        int n = Math.min(Math.min(length, maxChunk), samples.length - position);
        System.arraycopy(samples, position, buffer, offset, n);
        position += n;
        return n;
    }

    @Override
    public String description() {
        return "test array";
    }

    @Override
    public long lengthSamples() {
        return live ? -1 : samples.length;
    }

    @Override
    public boolean isLive() {
        return live;
    }

    @Override
    public void close() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }
}
