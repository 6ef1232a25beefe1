package org.emoscope.pipeline;

import org.emoscope.features.FeatureFrameListener;

/**
 * Collects feature frames into a ring buffer and cuts a window every hop; runs on the capture thread.
 * A frame is active (speech-like) when its level is at least {@code marginDb} above the noise floor and above
 * {@code floorDb}. The noise floor is tracked by minimum statistics: it drops at once to any quieter frame and
 * otherwise rises slowly, so it follows a changing background without being pulled up by speech.
 * At the end of the stream it adds one last window aligned to the end (zero-padded when the whole stream is
 * shorter than a window), so every part of a file is covered.
 */
final class Windower implements FeatureFrameListener {

    /** Receives cut windows. */
    interface Sink {
        void frame(FeatureFrame frame);

        void window(WindowJob job);
    }

    /** A window ready for the model: frames [startFrame, startFrame + realFrames) plus padding. */
    record WindowJob(long index, long startFrame, int realFrames, float[][] frames, int activeFrames,
                     long producedNanos) {
    }

    private final int windowFrames;
    private final int hopFrames;
    private final double floorDb;
    private final double marginDb;
    private final double risePerFrame;
    private final float[] silentFrame;
    private final Sink sink;

    private final float[][] ring;
    private final boolean[] active;
    private long total;
    private long windows;
    private long lastWindowEnd;
    private double nextLevel = -120;
    private double noiseFloor = Double.NaN;

    Windower(int windowFrames, int hopFrames, double floorDb, double marginDb, double risePerFrame,
             float[] silentFrame, Sink sink) {
        this.windowFrames = windowFrames;
        this.hopFrames = hopFrames;
        this.floorDb = floorDb;
        this.marginDb = marginDb;
        this.risePerFrame = risePerFrame;
        this.silentFrame = silentFrame.clone();
        this.sink = sink;
        this.ring = new float[windowFrames][];
        this.active = new boolean[windowFrames];
    }

    void setNextLevel(double levelDb) {
        nextLevel = levelDb;
    }

    @Override
    public void onFrame(long frameIndex, double timeSeconds, float[] mfcc, float[] logMel) {
        int slot = (int) (total % windowFrames);
        ring[slot] = mfcc;
        noiseFloor = Double.isNaN(noiseFloor) || nextLevel < noiseFloor ? nextLevel : noiseFloor + risePerFrame;
        double gate = Math.max(floorDb, noiseFloor + marginDb);
        active[slot] = nextLevel >= gate;
        total++;
        sink.frame(new FeatureFrame(frameIndex, timeSeconds, nextLevel, gate, mfcc, logMel));
        if (total >= windowFrames && (total - windowFrames) % hopFrames == 0) emit(total - windowFrames, windowFrames);
    }

    /** Called once after the last frame: covers the tail the hop grid missed. */
    void finish() {
        if (total == 0) return;
        if (total < windowFrames) emit(0, (int) total);
        else if (lastWindowEnd < total) emit(total - windowFrames, windowFrames);
    }

    long frames() {
        return total;
    }

    private void emit(long start, int real) {
        float[][] frames = new float[windowFrames][];
        int activeCount = 0;
        for (int i = 0; i < real; i++) {
            int slot = (int) ((start + i) % windowFrames);
            frames[i] = ring[slot];
            if (active[slot]) activeCount++;
        }
        for (int i = real; i < windowFrames; i++) frames[i] = silentFrame;
        lastWindowEnd = start + real;
        sink.window(new WindowJob(windows++, start, real, frames, activeCount, System.nanoTime()));
    }
}
