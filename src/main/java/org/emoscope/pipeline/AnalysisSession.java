package org.emoscope.pipeline;

import be.tarsos.dsp.AudioDispatcher;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.Explainer;
import org.emoscope.model.Explanation;
import org.emoscope.model.Nd4jRuntime;
import org.emoscope.model.Prediction;
import org.emoscope.model.SpeakerPrior;
import org.emoscope.model.FunctionalsClassifier;
import org.emoscope.model.FunctionalsVoice;
import org.emoscope.model.SpeakerStatistics;
import org.emoscope.model.StreamTrunk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One running analysis of one source: a capture thread and an inference thread. Stop it with {@link #stop()}
 * (from any thread); {@link AnalysisListener#onFinished} is called exactly once when it has ended.
 */
public final class AnalysisSession implements AutoCloseable {

    /**
     * A window waiting for inference, with the voice as it stood when it was cut: the network's frame statistics
     * and the functionals classifier's centre (each null when the model does not use it).
     */
    private record Queued(Windower.WindowJob job, SpeakerStatistics.Estimate voice, float[] centre) {
    }

    private static final Queued END = new Queued(new Windower.WindowJob(-1, -1, 0, new float[0][], 0, null, 0), null,
            null);
    /**
     * Most windows one network call takes. A live source that keeps up queues one window at a time, so it runs at
     * batch 1; a file, or a live source catching up, shares calls.
     */
    private static final int MAX_BATCH = 16;
    /**
     * Windows a file needs for its windows to share the network's trunk: a file of one or two windows (2.24 s at
     * most) would gain nothing and pay for building the trunk's network the first time.
     */
    private static final int SHARED_FROM = 3;
    /** Windows of a file to one call of the network's head on the shared trunk. */
    private static final int FILE_BATCH = 64;

    private final EmotionModel model;
    private final AnalyzerSettings settings;
    private final FailureMemory source;
    private final AudioDispatcher dispatcher;
    private final AnalysisListener listener;
    private final BlockingQueue<Queued> queue;
    private final SpeakerPrior prior;
    /** The voice given when the session started, used for every window; null when it is learnt while listening. */
    private final SpeakerStatistics.Estimate knownVoice;
    /** The voice heard so far, for a speaker-normalised model learning it (capture thread only); null otherwise. */
    private final SpeakerStatistics voice;
    /** The functionals classifier, or null when the model has none. */
    private final FunctionalsClassifier functionals;
    /** The centre given when the session started, used for every window; null when learnt while listening. */
    private final float[] knownCentre;
    /** The speech windows heard so far, for a voice-centred classifier learning them (capture thread); or null. */
    private final FunctionalsVoice windowVoice;
    /** A file's frames so far, for the trunk its windows share (capture thread until the end); null when live. */
    private final List<float[]> stream;
    private final Windower windower;
    /** The last speech window's smoothed probabilities (inference thread); null after a window without speech. */
    private float[] smoothed;
    /** Explains speech windows when the settings ask for it, made on first use (inference thread). */
    private Explainer explainer;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicLong windowsDone = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread captureThread;
    private final Thread inferenceThread;

    AnalysisSession(SessionSetup setup, AnalysisListener listener, Voice knownVoice) {
        this.model = setup.model();
        this.settings = setup.settings();
        this.source = setup.source();
        this.dispatcher = setup.dispatcher();
        this.listener = listener;
        AnalyzerSettings s = settings;
        // a live source drops windows beyond its capacity; a file may run ahead far enough to fill whole batches
        int capacity = source.isLive() ? s.queueCapacity() : Math.max(s.queueCapacity(), 2 * MAX_BATCH);
        this.queue = new ArrayBlockingQueue<>(capacity + 1);
        this.prior = model.speakerPrior();
        this.knownVoice = prior == null || knownVoice == null ? null : knownVoice.frames();
        this.voice = prior == null || this.knownVoice != null ? null : prior.newStatistics();
        FunctionalsClassifier head = model.bundle().functionals();
        this.functionals = head;
        boolean centred = head != null && head.voiceCentred();
        this.knownCentre = centred && knownVoice != null ? knownVoice.windows() : null;
        this.windowVoice = centred && knownCentre == null ? head.newVoice() : null;
        this.stream = source.isLive() ? null : new ArrayList<>();
        this.windower = setup.windowers().apply(new Windower.Sink() {
            @Override
            public void frame(FeatureFrame frame) {
                // the voice is learnt from speech only: noise and silence say nothing about it
                if (voice != null && frame.speech()) voice.add(frame.mfcc());
                if (stream != null) stream.add(frame.mfcc());
                listener.onFrame(frame);
            }

            @Override
            public void window(Windower.WindowJob job) {
                enqueue(job);
            }
        });
        String name = "emoscope-" + source.description();
        this.captureThread = new Thread(this::capture, name + "-capture");
        this.inferenceThread = new Thread(this::infer, name + "-inference");
        captureThread.setDaemon(true);
        inferenceThread.setDaemon(true);
    }

    void begin() {
        inferenceThread.start();
        captureThread.start();
    }

    /** Asks the session to end: closes the source, discards pending windows. Returns at once. */
    public void stop() {
        if (stopRequested.compareAndSet(false, true)) {
            dispatcher.stop();
            source.close();
            queue.clear();
            queue.offer(END);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Waits until the session has ended. */
    public void awaitCompletion() throws InterruptedException {
        finished.await();
    }

    /** Waits up to {@code timeout}; returns true when the session has ended. */
    public boolean awaitCompletion(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    public boolean isRunning() {
        return finished.getCount() > 0;
    }

    /** The error that ended the session, or null. */
    public Exception failure() {
        return failure.get();
    }

    public AnalysisStats stats() {
        return new AnalysisStats(windower.frames(), windowsDone.get(), dropped.get(), dispatcher.secondsProcessed(),
                stopRequested.get(), failure.get() != null);
    }

    private void enqueue(Windower.WindowJob windowJob) {
        if (stopRequested.get()) return;
        float[] centre = knownCentre;
        if (windowVoice != null) {
            // like the network's voice, learnt from speech only; this window counts towards its own centre
            if (windowJob.functionals() != null && isSpeech(windowJob)) windowVoice.add(windowJob.functionals());
            if (stream == null) centre = functionals.centreOf(windowVoice); // a file's is known at its end
        }
        SpeakerStatistics.Estimate v = stream == null && voice != null ? voice.estimate(prior) : knownVoice;
        Queued job = new Queued(windowJob, v, centre);
        try {
            if (source.isLive()) {
                while (!queue.offer(job)) {
                    if (queue.poll() != null) dropped.incrementAndGet();
                }
            } else {
                queue.put(job);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void capture() {
        try {
            dispatcher.run();
            if (!stopRequested.get()) windower.finish();
        } catch (Throwable t) {
            if (!stopRequested.get()) {
                IOException original = source.failure();
                fail(original != null ? original : asException(t));
            }
        } finally {
            source.close();
            signalEnd();
        }
    }

    /** Queues the end marker behind the pending windows; a stopped or live session may drop windows for it. */
    private void signalEnd() {
        try {
            if (stopRequested.get() || source.isLive()) {
                while (!queue.offer(END)) queue.poll();
            } else {
                queue.put(END);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queue.clear();
            queue.offer(END);
        }
    }

    private void infer() {
        Nd4jRuntime.applyToCurrentThread();
        try {
            if (stream == null) inferAsWindowsCome();
            else inferWholeFile();
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            fail(new IOException("the model failed on " + source.description() + ": " + e.getMessage(), e));
            stop();
        } finally {
            try {
                captureThread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                listener.onFinished(stats());
            } finally {
                finished.countDown();
            }
        }
    }

    /**
     * A live source: classifies windows as they are cut, each in the voice as it stood then, several to a network
     * call when they have queued up.
     */
    private void inferAsWindowsCome() throws InterruptedException {
        List<Queued> batch = new ArrayList<>(MAX_BATCH);
        boolean ended = false;
        while (!ended) {
            batch.clear();
            batch.add(queue.take());
            queue.drainTo(batch, MAX_BATCH - 1); // windows already waiting share one network call
            int endAt = batch.indexOf(END); // END is always the last thing queued
            if (endAt >= 0) {
                ended = true;
                batch.subList(endAt, batch.size()).clear();
            }
            if (batch.isEmpty() || stopRequested.get()) continue;
            List<float[][]> windows = new ArrayList<>(batch.size());
            List<SpeakerStatistics.Estimate> voices = prior == null ? null : new ArrayList<>(batch.size());
            List<float[]> stats = new ArrayList<>(batch.size());
            List<float[]> centres = new ArrayList<>(batch.size());
            for (Queued q : batch) {
                windows.add(q.job().frames());
                stats.add(q.job().functionals());
                centres.add(q.centre());
                if (voices != null) voices.add(q.voice());
            }
            Prediction[] predictions;
            synchronized (model) {
                predictions = model.predictBatch(windows, voices, stats, centres);
            }
            for (int i = 0; i < batch.size(); i++)
                deliver(batch.get(i).job(), predictions[i], batch.get(i).voice(), batch.get(i).centre());
        }
    }

    /**
     * A file: waits for its end, so that every window is heard in the voice of the whole file (the statistics of all
     * its speech, unless a voice was given), then runs the network's trunk once over the file and the head on each
     * window's span of it ({@link EmotionModel#shareTrunk}), {@value #FILE_BATCH} windows to a call.
     */
    private void inferWholeFile() throws InterruptedException {
        List<Windower.WindowJob> jobs = new ArrayList<>();
        for (Queued q = queue.take(); q != END; q = queue.take()) jobs.add(q.job());
        if (stopRequested.get() || jobs.isEmpty()) return;
        SpeakerStatistics.Estimate v = voice != null ? voice.estimate(prior) : knownVoice;
        float[] centre = windowVoice != null ? functionals.centreOf(windowVoice) : knownCentre;
        StreamTrunk trunk = null;
        if (jobs.size() >= SHARED_FROM) {
            float[][] frames = stream.toArray(new float[0][]);
            synchronized (model) {
                trunk = model.shareTrunk(frames, v);
            }
        }
        for (int from = 0; from < jobs.size(); from += FILE_BATCH) {
            if (stopRequested.get()) return;
            List<Windower.WindowJob> batch = jobs.subList(from, Math.min(jobs.size(), from + FILE_BATCH));
            int[] starts = new int[batch.size()];
            List<float[][]> windows = new ArrayList<>(batch.size());
            List<float[]> stats = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                starts[i] = Math.toIntExact(batch.get(i).startFrame());
                windows.add(batch.get(i).frames());
                stats.add(batch.get(i).functionals());
            }
            Prediction[] predictions;
            synchronized (model) {
                predictions = trunk != null ? model.predictBatch(trunk, starts, windows, v, stats, centre)
                        : model.predictBatch(windows, Collections.nCopies(windows.size(), v), stats,
                        Collections.nCopies(windows.size(), centre));
            }
            for (int i = 0; i < batch.size(); i++) deliver(batch.get(i), predictions[i], v, centre);
        }
    }

    /** Smooths, explains when asked, and hands one classified window to the listener. */
    private void deliver(Windower.WindowJob job, Prediction p, SpeakerStatistics.Estimate v, float[] centre) {
        AnalyzerSettings s = settings;
        double fraction = job.activeFrames() / (double) job.frames().length;
        boolean speech = isSpeech(job);
        if (speech) smoothed = smooth(smoothed, p.probabilities(), s.smoothing());
        else smoothed = null;
        double hop = model.featureConfig().hopSeconds();
        double start = job.startSeconds(model.featureConfig());
        double end = job.endSeconds(model.featureConfig());
        WindowResult.Context context = new WindowResult.Context(v, job.functionals(), centre);
        Explanation explanation = null;
        if (speech && s.explainSteps() > 0) {
            if (explainer == null) explainer = new Explainer(model.bundle());
            explanation = explainer.explain(job.frames(), v, job.functionals(), centre, -1, s.explainSteps())
                    .pooled(WindowExplanations.FRAMES_PER_CELL, WindowExplanations.BANDS_PER_CELL);
        }
        WindowResult r = new WindowResult(job.index(), start, end, fraction, speech, p,
                speech ? smoothed.clone() : null, job.producedNanos(), System.nanoTime(),
                v == null ? Double.NaN : v.frames() * hop, context, explanation);
        windowsDone.incrementAndGet();
        listener.onWindow(r);
    }

    /** Whether a window holds enough speech to be classified ({@link AnalyzerSettings#speechWindow}). */
    private boolean isSpeech(Windower.WindowJob job) {
        return settings.speechWindow(job.activeFrames(), job.frames().length);
    }

    private void fail(Exception e) {
        if (failure.compareAndSet(null, e)) listener.onError(e);
    }

    private static float[] smooth(float[] previous, float[] current, double weight) {
        if (previous == null) return current.clone();
        float[] out = new float[current.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) (weight * current[i] + (1 - weight) * previous[i]);
        return out;
    }

    private static Exception asException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) if (c instanceof IOException io) return io;
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return new IOException(msg, t);
    }
}
