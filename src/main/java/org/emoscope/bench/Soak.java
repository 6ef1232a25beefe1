package org.emoscope.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.emoscope.audio.ArrayAudioSource;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.JvmMemory;
import org.emoscope.pipeline.AnalysisListener;
import org.emoscope.pipeline.AnalysisSession;
import org.emoscope.pipeline.AnalysisStats;
import org.emoscope.pipeline.AnalyzerSettings;
import org.emoscope.pipeline.StreamingAnalyzer;
import org.emoscope.pipeline.WindowResult;

/**
 * An endurance run of the live pipeline: {@link StreamingAnalyzer} with the app's settings, fed by a looping
 * real-time source (50 s of {@link SpeechSignal} speech, then 10 s of near silence, repeated), sampled every few
 * seconds for resident memory, heap, collections, windows, dropped windows, update cadence and latency. Each sample
 * is appended to a CSV file as it is taken, so an interrupted run keeps what it measured.
 */
public final class Soak {

    /** Seconds of speech in the looped audio, followed by {@link #QUIET_SECONDS} of near silence. */
    static final double SPEECH_SECONDS = 50;
    static final double QUIET_SECONDS = 10;
    static final String CSV_HEADER = "elapsed_s,rss_mb,heap_used_mb,heap_after_gc_mb,heap_committed_mb,gc_count,gc_ms,windows,"
            + "dropped,updates,interval_mean_ms,interval_max_ms,latency_p50_ms,latency_p99_ms,latency_max_ms,"
            + "model_collections";

    private Soak() {
    }

    /**
     * One sample: the process now and the windows delivered since the previous sample. Interval and latency
     * figures are NaN when fewer than two (one) windows arrived in the period.
     */
    public record Sample(double elapsedSeconds, long rssKb, long heapUsedBytes, long heapAfterGcBytes,
                         long heapCommittedBytes,
                         long gcCount, long gcMillis, long windows, long dropped, int updates,
                         double intervalMeanMs, double intervalMaxMs, double latencyP50Ms, double latencyP99Ms,
                         double latencyMaxMs, long modelCollections) {

        String csv() {
            return String.format(Locale.ROOT, "%.1f,%.1f,%.1f,%.1f,%.1f,%d,%d,%d,%d,%d,%.2f,%.2f,%.2f,%.2f,%.2f,%d",
                    elapsedSeconds, rssKb / 1024.0, heapUsedBytes / 1048576.0, heapAfterGcBytes / 1048576.0,
                    heapCommittedBytes / 1048576.0,
                    gcCount, gcMillis, windows, dropped, updates, intervalMeanMs, intervalMaxMs, latencyP50Ms,
                    latencyP99Ms, latencyMaxMs, modelCollections);
        }
    }

    /** A finished (or failed) run: its samples and every update interval and latency over the whole run. */
    public record Result(double plannedSeconds, double hopSeconds, List<Sample> samples, double[] intervalsMs,
                         double[] latenciesMs, String failure) {

        public Sample last() {
            return samples.isEmpty() ? null : samples.get(samples.size() - 1);
        }
    }

    /** The looped audio: speech, then near silence (white noise about 66 dB below full scale). */
    public static float[] audio(int rate) {
        float[] speech = SpeechSignal.generate(SPEECH_SECONDS, rate, 11);
        int quiet = (int) Math.round(QUIET_SECONDS * rate);
        float[] x = new float[speech.length + quiet];
        System.arraycopy(speech, 0, x, 0, speech.length);
        java.util.SplittableRandom r = new java.util.SplittableRandom(12);
        for (int i = speech.length; i < x.length; i++) x[i] = (float) (0.0005 * (2 * r.nextDouble() - 1));
        return x;
    }

    /**
     * Runs the live pipeline for {@code seconds}, sampling every {@code sampleSeconds}.
     *
     * @param csv      file to write the samples to as they are taken (header first), or null
     * @param progress called with each sample, on the calling thread
     */
    public static Result run(EmotionModel model, double seconds, double sampleSeconds, Path csv,
                             Consumer<Sample> progress) throws IOException, InterruptedException {
        AnalyzerSettings settings = AnalyzerSettings.forModel(model);
        int rate = model.featureConfig().sampleRate();
        ConcurrentLinkedQueue<long[]> delivered = new ConcurrentLinkedQueue<>();
        AtomicReference<Exception> error = new AtomicReference<>();
        AnalysisListener listener = new AnalysisListener() {
            @Override
            public void onWindow(WindowResult r) {
                delivered.add(new long[]{r.producedNanos(), r.deliveredNanos()});
            }

            @Override
            public void onError(Exception e) {
                error.compareAndSet(null, e);
            }

            @Override
            public void onFinished(AnalysisStats s) {
                // the final counters are read from the session
            }
        };
        List<Sample> samples = new ArrayList<>();
        List<Double> allIntervals = new ArrayList<>();
        List<Double> allLatencies = new ArrayList<>();
        StreamingAnalyzer analyzer = new StreamingAnalyzer(model, settings);
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long lastDelivered = -1;
        try (BufferedWriter out = csv == null ? null : Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            if (out != null) {
                out.write(CSV_HEADER);
                out.newLine();
                out.flush();
            }
            AnalysisSession session = analyzer.start(ArrayAudioSource.looping(audio(rate), rate, "soak"), listener);
            try {
                long next = start;
                while (error.get() == null) {
                    next += (long) (sampleSeconds * 1e9);
                    long wait = Math.min(next, end) - System.nanoTime();
                    if (wait > 0 && session.awaitCompletion(wait, TimeUnit.NANOSECONDS)) {
                        error.compareAndSet(null, new IOException("the live session ended by itself"
                                + (session.failure() == null ? "" : ": " + session.failure().getMessage())));
                        break;
                    }
                    List<Double> intervals = new ArrayList<>();
                    List<Double> latencies = new ArrayList<>();
                    long[] t;
                    while ((t = delivered.poll()) != null) {
                        if (lastDelivered >= 0) intervals.add((t[1] - lastDelivered) / 1e6);
                        lastDelivered = t[1];
                        latencies.add((t[1] - t[0]) / 1e6);
                    }
                    allIntervals.addAll(intervals);
                    allLatencies.addAll(latencies);
                    AnalysisStats stats = session.stats();
                    long[] gc = Machine.gc();
                    double[] iv = toArray(intervals);
                    double[] lat = toArray(latencies);
                    Sample s = new Sample((System.nanoTime() - start) / 1e9, Machine.rssKb(), Machine.heapUsedBytes(),
                            JvmMemory.heapAfterLastCollection(), Machine.heapCommittedBytes(), gc[0], gc[1], stats.windows(), stats.droppedWindows(),
                            latencies.size(), iv.length == 0 ? Double.NaN : Stats.mean(iv),
                            iv.length == 0 ? Double.NaN : Stats.max(iv),
                            lat.length == 0 ? Double.NaN : Stats.percentile(lat, 50),
                            lat.length == 0 ? Double.NaN : Stats.percentile(lat, 99),
                            lat.length == 0 ? Double.NaN : Stats.max(lat), model.collections());
                    samples.add(s);
                    if (out != null) {
                        out.write(s.csv());
                        out.newLine();
                        out.flush();
                    }
                    if (progress != null) progress.accept(s);
                    if (System.nanoTime() >= end) break;
                }
            } finally {
                session.stop();
                session.awaitCompletion(10, TimeUnit.SECONDS);
            }
        }
        String failure = error.get() == null ? null : error.get().getMessage();
        return new Result(seconds, settings.hopSeconds(), samples, toArray(allIntervals), toArray(allLatencies),
                failure);
    }

    private static double[] toArray(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) a[i] = values.get(i);
        return a;
    }

    /**
     * Whether a quantity grew during the run, judged on the part after the warm-up (the first fifth, at most 10
     * minutes): the least-squares slope of {@code values} over {@code seconds}, per hour, and the change from the
     * first to the last quarter of that part, comparing each quarter's median so that single spikes (a collection
     * about to happen) do not decide it.
     */
    public record Growth(double slopePerHour, double firstQuarterMedian, double lastQuarterMedian, int points) {

        /** Relative change between the first and the last quarter's medians. */
        public double relativeChange() {
            return firstQuarterMedian == 0 ? 0 : (lastQuarterMedian - firstQuarterMedian) / firstQuarterMedian;
        }

        /** True when the last quarter sits more than {@code tolerance} (relative) above the first. */
        public boolean grew(double tolerance) {
            return relativeChange() > tolerance;
        }
    }

    /** Growth of {@code values} sampled at {@code seconds} (same length, at least 8 points after the warm-up). */
    public static Growth growth(double[] seconds, double[] values) {
        if (seconds.length != values.length) throw new IllegalArgumentException("lengths differ");
        double total = seconds.length == 0 ? 0 : seconds[seconds.length - 1];
        double warmUp = Math.min(total / 5, 600);
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < seconds.length; i++)
            if (seconds[i] >= warmUp && Double.isFinite(values[i])) points.add(new double[]{seconds[i], values[i]});
        int n = points.size();
        if (n < 8) throw new IllegalArgumentException("too few samples after the warm-up: " + n);
        double mx = 0;
        double my = 0;
        for (double[] p : points) {
            mx += p[0];
            my += p[1];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx * 3600;
        int q = n / 4;
        double[] first = new double[q];
        double[] last = new double[q];
        for (int i = 0; i < q; i++) {
            first[i] = points.get(i)[1];
            last[i] = points.get(n - q + i)[1];
        }
        return new Growth(slope, Stats.median(first), Stats.median(last), n);
    }
}
