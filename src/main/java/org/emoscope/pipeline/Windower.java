package org.emoscope.pipeline;

import org.emoscope.features.functionals.Functionals;
import org.emoscope.features.speech.SpeechDetector;

import java.util.ArrayList;
import java.util.List;

import org.emoscope.features.FeatureConfig;
import org.emoscope.features.FeatureFrameListener;

/**
 * Collects feature frames into a ring buffer and cuts a window every hop; runs on the capture thread.
 * A frame is active when the {@link SpeechDetector} calls it speech, from its level, its mel spectrum and its voicing
 * (given just before the frame by the level meter and the {@link org.emoscope.features.speech.VoicingProcessor}).
 * With {@code primeFrames} &gt; 0 (a file, not a live source) the first frames wait until that many have come (or
 * the stream has ended) and prime the detector's noise estimate, so that a short file that starts with speech is not
 * judged before its pauses have shown the noise. At the end of the stream it adds one last window aligned to the end
 * (zero-padded when the whole stream is shorter than a window), so every part of a file is covered.
 */
final class Windower implements FeatureFrameListener {

    /** Receives cut windows. */
    interface Sink {
        void frame(FeatureFrame frame);

        void window(WindowJob job);
    }

    /**
     * A window ready for the model: frames [startFrame, startFrame + realFrames) plus padding, and the
     * {@link Functionals} of its real frames (null when the windower computes none).
     */
    record WindowJob(long index, long startFrame, int realFrames, float[][] frames, int activeFrames,
                     float[] functionals, long producedNanos) {

        /** When the window's first frame starts, in seconds from the start of the stream. */
        double startSeconds(FeatureConfig fc) {
            return startFrame * fc.hopSeconds();
        }

        /** When the window's last real frame ends, in seconds from the start of the stream. */
        double endSeconds(FeatureConfig fc) {
            return startSeconds(fc) + (realFrames - 1) * fc.hopSeconds() + fc.windowSamples()
                    / (double) fc.sampleRate();
        }
    }

    /** Number of feature frames in one analysis window of {@code settings}. */
    static int windowFrames(FeatureConfig fc, AnalyzerSettings settings) {
        return Math.max(1, fc.framesFor(settings.windowSeconds()));
    }

    /** Number of feature frames between two windows of {@code settings}. */
    static int hopFrames(FeatureConfig fc, AnalyzerSettings settings) {
        return Math.max(1, (int) Math.round(settings.hopSeconds() * fc.sampleRate() / fc.hopSamples()));
    }

    /** A frame waiting for the detector to be primed. */
    private record Pending(long index, double time, double level, double periodicity, double pitch, float[] mfcc,
                           float[] logMel) {
    }

    private final int windowFrames;
    private final int hopFrames;
    private final SpeechDetector detector;
    private final int primeFrames;
    private final float[] silentFrame;
    private final Functionals functionals;
    private final Sink sink;

    private final FeatureFrame[] ring;
    /** Each ring frame's {@link Functionals#spectralBalance}, computed once per frame (with functionals only). */
    private final double[][] balance;
    private final boolean[] active;
    private List<Pending> pending;
    private long total;
    private long windows;
    private long lastWindowEnd;
    private double nextLevel = -120;
    private double nextPeriodicity;
    private double nextPitch = -1;

    /** @param functionals computes each window's statistics, or null for none */
    Windower(int windowFrames, int hopFrames, SpeechDetector detector, int primeFrames, float[] silentFrame,
             Functionals functionals, Sink sink) {
        this.windowFrames = windowFrames;
        this.hopFrames = hopFrames;
        this.detector = detector;
        this.primeFrames = primeFrames;
        this.pending = primeFrames > 0 ? new ArrayList<>(primeFrames) : null;
        this.silentFrame = silentFrame.clone();
        this.functionals = functionals;
        this.sink = sink;
        this.ring = new FeatureFrame[windowFrames];
        this.balance = functionals == null ? null : new double[windowFrames][];
        this.active = new boolean[windowFrames];
    }

    void setNextLevel(double levelDb) {
        nextLevel = levelDb;
    }

    void setNextVoicing(double periodicity, double pitchHz) {
        nextPeriodicity = periodicity;
        nextPitch = pitchHz;
    }

    @Override
    public void onFrame(long frameIndex, double timeSeconds, float[] mfcc, float[] logMel) {
        if (pending != null) {
            pending.add(new Pending(frameIndex, timeSeconds, nextLevel, nextPeriodicity, nextPitch, mfcc, logMel));
            if (pending.size() >= primeFrames) release();
            return;
        }
        judge(frameIndex, timeSeconds, nextLevel, nextPeriodicity, nextPitch, mfcc, logMel);
    }

    /** Primes the detector with the frames held back and judges them. */
    private void release() {
        List<Pending> held = pending;
        pending = null;
        detector.prime(held.stream().map(Pending::logMel).toList(), held.stream().map(Pending::level).toList());
        for (Pending p : held) judge(p.index(), p.time(), p.level(), p.periodicity(), p.pitch(), p.mfcc(), p.logMel());
    }

    private void judge(long frameIndex, double timeSeconds, double level, double periodicity, double pitch,
                       float[] mfcc, float[] logMel) {
        int slot = (int) (total % windowFrames);
        SpeechDetector.Decision d = detector.next(level, logMel, periodicity, pitch);
        FeatureFrame frame = new FeatureFrame(frameIndex, timeSeconds, level, d.speech(), periodicity, pitch, mfcc,
                logMel);
        ring[slot] = frame;
        if (balance != null) balance[slot] = functionals.spectralBalance(logMel);
        active[slot] = d.speech();
        if (d.tonal()) { // a held tone: the frames that led up to it were the tone too
            for (int back = 1; back < Math.min(Math.min(d.toneFrames(), windowFrames), total + 1); back++)
                active[(int) ((total - back) % windowFrames)] = false;
        }
        total++;
        sink.frame(frame);
        if (total >= windowFrames && (total - windowFrames) % hopFrames == 0) emit(total - windowFrames, windowFrames);
    }

    /** Called once after the last frame: judges frames still held back and covers the tail the hop grid missed. */
    void finish() {
        if (pending != null && !pending.isEmpty()) release();
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
            frames[i] = ring[slot].mfcc();
            if (active[slot]) activeCount++;
        }
        for (int i = real; i < windowFrames; i++) frames[i] = silentFrame;
        lastWindowEnd = start + real;
        float[] stats = functionals == null ? null : functionals(start, real);
        sink.window(new WindowJob(windows++, start, real, frames, activeCount, stats, System.nanoTime()));
    }

    /** The functionals of {@code real} frames from {@code start}, with the speech verdicts the window counted. */
    private float[] functionals(long start, int real) {
        float[][] mfcc = new float[real][], logMel = new float[real][];
        double[][] frameBalance = new double[real][];
        double[] level = new double[real], periodicity = new double[real], pitch = new double[real];
        boolean[] speech = new boolean[real];
        for (int i = 0; i < real; i++) {
            int slot = (int) ((start + i) % windowFrames);
            FeatureFrame f = ring[slot];
            mfcc[i] = f.mfcc();
            logMel[i] = f.logMel();
            frameBalance[i] = balance[slot];
            level[i] = f.levelDb();
            periodicity[i] = f.periodicity();
            pitch[i] = f.pitchHz();
            speech[i] = active[slot];
        }
        return functionals.compute(mfcc, logMel, frameBalance, level, periodicity, pitch, speech, real);
    }
}
