package org.emoscope.app.viewmodel;

/** The most recent log-mel frames of a live stream, oldest overwritten first. JavaFX thread only. */
public final class SpectrogramRing {

    private final float[][] frames;
    private long total;
    private double firstSeconds;
    private double hopSeconds = 0.01;

    public SpectrogramRing(int capacity) {
        frames = new float[capacity][];
    }

    public void clear() {
        total = 0;
        java.util.Arrays.fill(frames, null);
    }

    /** Adds frame number {@link #total()} starting at {@code timeSeconds}. */
    public void append(float[] logMel, double timeSeconds, double hop) {
        if (total == 0) firstSeconds = timeSeconds;
        hopSeconds = hop;
        frames[(int) (total % frames.length)] = logMel;
        total++;
    }

    /** Frames appended so far. */
    public long total() {
        return total;
    }

    public int capacity() {
        return frames.length;
    }

    /** Frame {@code index} (0 = first appended) if still held, else null. */
    public float[] frame(long index) {
        if (index < 0 || index >= total || index < total - frames.length) return null;
        return frames[(int) (index % frames.length)];
    }

    /** Stream time of frame {@code index}. */
    public double timeOf(long index) {
        return firstSeconds + index * hopSeconds;
    }

    public double hopSeconds() {
        return hopSeconds;
    }

    /** The frames still held, oldest first. */
    public float[][] held() {
        long from = Math.max(0, total - frames.length);
        float[][] out = new float[(int) (total - from)][];
        for (long i = from; i < total; i++) out[(int) (i - from)] = frame(i);
        return out;
    }

    /** Index of the oldest frame still held. */
    public long oldest() {
        return Math.max(0, total - frames.length);
    }
}
