package org.emoscope.bench;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;
import be.tarsos.dsp.io.jvm.AudioDispatcherFactory;
import be.tarsos.dsp.mfcc.MFCC;
import org.emoscope.audio.WavWriter;
import org.emoscope.audio.ArrayAudioSource;
import org.emoscope.features.FeatureConfig;
import org.emoscope.features.FeatureDispatchers;
import org.emoscope.features.Mfcc;
import org.emoscope.features.MfccProcessor;
import org.emoscope.features.speech.SpeechDetector;
import org.emoscope.features.speech.VoicingProcessor;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.Nd4jRuntime;
import org.emoscope.pipeline.AnalysisListener;
import org.emoscope.pipeline.AnalysisSession;
import org.emoscope.pipeline.AnalysisStats;
import org.emoscope.pipeline.AnalyzerSettings;
import org.emoscope.pipeline.FileAnalysis;
import org.emoscope.pipeline.FileAnalyzer;
import org.emoscope.pipeline.FileBatch;
import org.emoscope.pipeline.WindowStatistics;
import org.emoscope.pipeline.StreamingAnalyzer;
import org.emoscope.pipeline.WindowResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The five measurements of {@code emoscope bench}; each returns what it measured and nothing else. */
public final class Benchmarks {

    private Benchmarks() {
    }

    // ---------------------------------------------------------------- 1. MFCC

    /** One MFCC implementation timed over the same audio. */
    public record MfccRow(String name, String settings, long frames, double medianSeconds) {
        public double realTime(double audioSeconds) {
            return audioSeconds / medianSeconds;
        }

        public double microsPerFrame() {
            return medianSeconds * 1e6 / frames;
        }
    }

    public record MfccResult(double audioSeconds, int warmUpRuns, int runs, List<MfccRow> rows) {
    }

    /**
     * Times, over the same {@code audio}: our {@link Mfcc#computeAll}; our {@link MfccProcessor} in a TarsosDSP
     * dispatcher (the pipeline's path); TarsosDSP's own {@link MFCC} in a dispatcher from
     * {@link AudioDispatcherFactory#fromFloatArray} (which quantises to 16 bit). Each after {@code warmUp} untimed
     * runs; the median of {@code runs} timed runs.
     */
    public static MfccResult mfcc(float[] audio, FeatureConfig fc, int warmUp, int runs) throws Exception {
        double seconds = audio.length / (double) fc.sampleRate();
        List<MfccRow> rows = new ArrayList<>();
        Mfcc mfcc = new Mfcc(fc);
        rows.add(timeRuns("EmoScope `Mfcc.computeAll` (array, no dispatcher)",
                settings(fc), warmUp, runs, () -> mfcc.computeAll(audio).length));
        rows.add(timeRuns("EmoScope `MfccProcessor` in a TarsosDSP `AudioDispatcher` (the pipeline's path)",
                settings(fc), warmUp, runs, () -> {
                    AtomicLong frames = new AtomicLong();
                    AudioDispatcher d = FeatureDispatchers.create(
                            new ArrayAudioSource(audio, fc.sampleRate(), "bench"), fc);
                    d.addAudioProcessor(new MfccProcessor(fc, (i, t, c, m) -> frames.incrementAndGet()));
                    d.run();
                    return frames.get();
                }));
        rows.add(timeRuns("EmoScope `VoicingProcessor` (TarsosDSP YIN) in the same dispatcher, alone",
                "YIN on every " + fc.windowSamples() + "-sample frame, threshold " + VoicingProcessor.YIN_THRESHOLD,
                warmUp, runs, () -> {
                    AtomicLong frames = new AtomicLong();
                    AudioDispatcher d = FeatureDispatchers.create(
                            new ArrayAudioSource(audio, fc.sampleRate(), "bench"), fc);
                    d.addAudioProcessor(new VoicingProcessor(fc.sampleRate(), fc.windowSamples(),
                            (p, hz) -> frames.incrementAndGet()));
                    d.run();
                    return frames.get();
                }));
        rows.add(timeRuns("EmoScope `VoicingProcessor` + `MfccProcessor` + `SpeechDetector` in one dispatcher "
                        + "(the pipeline's speech chain)", settings(fc) + "; YIN and the speech detector on every frame",
                warmUp, runs, () -> {
                    AtomicLong speech = new AtomicLong();
                    AtomicLong frames = new AtomicLong();
                    double[] voicing = new double[2];
                    SpeechDetector detector = SpeechDetector.defaults(fc.melFilters(), fc.hopSeconds());
                    AudioDispatcher d = FeatureDispatchers.create(
                            new ArrayAudioSource(audio, fc.sampleRate(), "bench"), fc);
                    d.addAudioProcessor(new VoicingProcessor(fc.sampleRate(), fc.windowSamples(), (p, hz) -> {
                        voicing[0] = p;
                        voicing[1] = hz;
                    }));
                    d.addAudioProcessor(new MfccProcessor(fc, (i, t, c, m) -> {
                        frames.incrementAndGet();
                        if (detector.next(-30, m, voicing[0], voicing[1]).speech()) speech.incrementAndGet();
                    }));
                    d.run();
                    return frames.get();
                }));
        String tarsosSettings = String.format(Locale.ROOT,
                "`new MFCC(%d, %d, %d, %d, %.0f, %.0f)`: %d-sample frames every %d, FFT of %d (no zero padding), "
                        + "Hamming window, magnitude spectrum; `fromFloatArray` quantises to 16 bit",
                fc.windowSamples(), fc.sampleRate(), fc.coefficients(), fc.melFilters(), fc.minFrequency(),
                fc.maxFrequency(), fc.windowSamples(), fc.hopSamples(), fc.windowSamples());
        rows.add(timeRuns("TarsosDSP 2.4.1 `be.tarsos.dsp.mfcc.MFCC` in an `AudioDispatcher` (`fromFloatArray`)",
                tarsosSettings, warmUp, runs, () -> {
                    AudioDispatcher d = AudioDispatcherFactory.fromFloatArray(audio, fc.sampleRate(),
                            fc.windowSamples(), fc.windowSamples() - fc.hopSamples());
                    MFCC tarsos = new MFCC(fc.windowSamples(), fc.sampleRate(), fc.coefficients(), fc.melFilters(),
                            (float) fc.minFrequency(), (float) fc.maxFrequency());
                    AtomicLong frames = new AtomicLong();
                    float[] sink = new float[1];
                    d.addAudioProcessor(tarsos);
                    d.addAudioProcessor(new AudioProcessor() {
                        @Override
                        public boolean process(AudioEvent event) {
                            sink[0] += tarsos.getMFCC()[0];
                            frames.incrementAndGet();
                            return true;
                        }

                        @Override
                        public void processingFinished() {
                        }
                    });
                    d.run();
                    return frames.get();
                }));
        return new MfccResult(seconds, warmUp, runs, rows);
    }

    private static String settings(FeatureConfig fc) {
        return String.format(Locale.ROOT,
                "%d-sample frames every %d, FFT %d, %d mel bands %.0f-%.0f Hz, %d coefficients",
                fc.windowSamples(), fc.hopSamples(), fc.fftSize(), fc.melFilters(), fc.minFrequency(),
                fc.maxFrequency(), fc.coefficients());
    }

    @FunctionalInterface
    interface Run {
        long frames() throws Exception;
    }

    private static MfccRow timeRuns(String name, String settings, int warmUp, int runs, Run run) throws Exception {
        for (int i = 0; i < warmUp; i++) run.frames();
        double[] times = new double[runs];
        long frames = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            frames = run.frames();
            times[i] = (System.nanoTime() - t0) / 1e9;
        }
        return new MfccRow(name, settings, frames, Stats.median(times));
    }

    // ---------------------------------------------------------------- 2. inference latency

    /** Batch-1 latency of {@link EmotionModel#predictBatch} (network and any functionals classifier) on one window length, milliseconds. */
    public record LatencyRow(double windowSeconds, int frames, int warmUp, int calls, double p50, double p90,
                             double p99, double mean, double max, long gcCount, long gcMillis) {
    }

    /** Times {@code calls} batch-1 predictions on a window of real MFCCs of speech-like audio, after warm-up. */
    public static LatencyRow latency(EmotionModel model, double windowSeconds, int warmUp, int calls) {
        FeatureConfig fc = model.featureConfig();
        float[] audio = SpeechSignal.generate(windowSeconds, fc.sampleRate(), 7);
        float[][] window = new Mfcc(fc).computeAll(audio);
        // a model with a functionals classifier runs it in the same call, on the window's statistics
        List<float[]> stats = model.usesFunctionals() ? List.of(functionals(audio, fc, windowSeconds)) : null;
        List<float[][]> batch = java.util.Collections.singletonList(window);
        for (int i = 0; i < warmUp; i++) model.predictBatch(batch, null, stats, null);
        double[] ms = new double[calls];
        long[] gc0 = Machine.gc();
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            model.predictBatch(batch, null, stats, null);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        long[] gc1 = Machine.gc();
        return new LatencyRow(windowSeconds, window.length, warmUp, calls, Stats.percentile(ms, 50),
                Stats.percentile(ms, 90), Stats.percentile(ms, 99), Stats.mean(ms), Stats.max(ms), gc1[0] - gc0[0],
                gc1[1] - gc0[1]);
    }

    /** Latency of explaining one window ({@link org.emoscope.model.Explainer}), milliseconds. */
    public record ExplainRow(double windowSeconds, int frames, int steps, int warmUp, int calls, double p50,
                             double p90, double max, double completenessGap, double change) {
    }

    /**
     * Times {@code calls} explanations of the predicted class of one window of real MFCCs of speech-like audio with
     * {@code steps} integration steps (its statistics too, for a bundle that fuses them), after warm-up.
     */
    public static ExplainRow explain(EmotionModel model, double windowSeconds, int steps, int warmUp, int calls) {
        FeatureConfig fc = model.featureConfig();
        float[] audio = SpeechSignal.generate(windowSeconds, fc.sampleRate(), 7);
        float[][] window = new Mfcc(fc).computeAll(audio);
        float[] stats = model.usesFunctionals() ? functionals(audio, fc, windowSeconds) : null;
        org.emoscope.model.Explainer explainer = new org.emoscope.model.Explainer(model.bundle());
        for (int i = 0; i < warmUp; i++) explainer.explain(window, null, stats, null, -1, steps);
        double[] ms = new double[calls];
        org.emoscope.model.Explanation last = null;
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            last = explainer.explain(window, null, stats, null, -1, steps);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return new ExplainRow(windowSeconds, window.length, steps, warmUp, calls, Stats.percentile(ms, 50),
                Stats.percentile(ms, 90), Stats.max(ms), last.completenessGap(),
                last.probability() - last.baselineProbability());
    }

    /** The statistics of the first analysis window of {@code audio}, as the pipeline computes them. */
    private static float[] functionals(float[] audio, FeatureConfig fc, double windowSeconds) {
        try {
            return WindowStatistics.of(new org.emoscope.audio.ArrayAudioSource(audio, fc.sampleRate(), "bench"), fc,
                    AnalyzerSettings.forWindow(windowSeconds)).get(0).functionals();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- 3. file analysis

    /** One file through {@link FileAnalyzer}; memory read right after it finished (no collection in between). */
    public record FileRow(double audioSeconds, double elapsedSeconds, int windows, long rssKb, long peakRssKb,
                          long heapUsedBytes, long heapCommittedBytes, long gcCount, long gcMillis) {
        public double realTime() {
            return audioSeconds / elapsedSeconds;
        }
    }

    /**
     * Writes a 16-bit WAV of each length into {@code dir} (not timed), then times {@link FileAnalyzer#analyze(Path)}
     * on it, decoding included. A 2 s file is analysed first, untimed, to warm up. A garbage collection runs before
     * each timed file, so each starts from the same heap.
     */
    public static List<FileRow> files(EmotionModel model, Path dir, double[] lengths) throws Exception {
        int rate = model.featureConfig().sampleRate();
        FileAnalyzer analyzer = FileAnalyzer.forModel(model);
        double longest = 2;
        for (double l : lengths) longest = Math.max(longest, l);
        float[] base = SpeechSignal.generate(Math.min(60, longest), rate, 11);
        Path warm = WavWriter.write16(dir.resolve("warm-up.wav"), SpeechSignal.tile(base, 2, rate), rate);
        analyzer.analyze(warm);
        Files.deleteIfExists(warm);
        List<FileRow> rows = new ArrayList<>();
        for (double seconds : lengths) {
            Path wav = WavWriter.write16(dir.resolve(String.format(Locale.ROOT, "speech-%.0fs.wav", seconds)),
                    SpeechSignal.tile(base, seconds, rate), rate);
            System.gc();
            long[] gc0 = Machine.gc();
            long t0 = System.nanoTime();
            FileAnalysis result = analyzer.analyze(wav);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long[] gc1 = Machine.gc();
            rows.add(new FileRow(seconds, elapsed, result.windows().size(), Machine.rssKb(), Machine.peakRssKb(),
                    Machine.heapUsedBytes(), Machine.heapCommittedBytes(), gc1[0] - gc0[0], gc1[1] - gc0[1]));
            Files.deleteIfExists(wav);
        }
        return rows;
    }

    /** Many short files through {@link FileBatch} with {@code jobs} jobs. */
    public record FolderRow(int jobs, int files, double audioSeconds, double elapsedSeconds, int failed) {
        public double filesPerSecond() {
            return files / elapsedSeconds;
        }

        public double realTime() {
            return audioSeconds / elapsedSeconds;
        }
    }

    /**
     * Writes {@code count} speech-like WAVs of 2.5-4.5 s into {@code dir} (not timed; the length of an acted corpus
     * utterance) and times analysing them all with each number of jobs in {@code jobs}, after an untimed warm-up
     * pass over the first few.
     */
    public static List<FolderRow> folder(EmotionModel model, Path dir, int count, int[] jobs) throws Exception {
        int rate = model.featureConfig().sampleRate();
        float[] base = SpeechSignal.generate(10, rate, 13);
        List<Path> files = new ArrayList<>();
        double audio = 0;
        for (int i = 0; i < count; i++) {
            double seconds = 2.5 + (i % 5) * 0.5;
            audio += seconds;
            files.add(WavWriter.write16(dir.resolve(String.format(Locale.ROOT, "utterance-%03d.wav", i)),
                    SpeechSignal.tile(base, seconds, rate), rate));
        }
        FileAnalyzer analyzer = FileAnalyzer.forModel(model);
        FileBatch.Listener quiet = (index, outcome) -> { };
        FileBatch.run(analyzer, files.subList(0, Math.min(8, count)), 2, quiet);
        List<FolderRow> rows = new ArrayList<>();
        for (int j : jobs) {
            int[] failed = {0};
            System.gc();
            long t0 = System.nanoTime();
            FileBatch.run(analyzer, files, j, (index, outcome) -> {
                if (outcome.failed()) failed[0]++;
            });
            rows.add(new FolderRow(j, count, audio, (System.nanoTime() - t0) / 1e9, failed[0]));
        }
        for (Path f : files) Files.deleteIfExists(f);
        return rows;
    }

    // ---------------------------------------------------------------- the machine's limit

    /** ND4J single-precision matrix multiplication {@code [m x k] x [k x n]}: median time and its throughput. */
    public record GemmRow(String what, int m, int k, int n, int runs, double medianSeconds) {
        public long multiplyAdds() {
            return (long) m * k * n;
        }

        /** Billions of multiply-adds per second (half the usual GFLOP/s, which counts the add apart). */
        public double gmacPerSecond() {
            return multiplyAdds() / medianSeconds / 1e9;
        }
    }

    /**
     * Times ND4J's GEMM (float32, on the calling thread's OpenMP threads) on a square product and on the shapes of the
     * network's convolutions over a shared trunk's chunk (filters x kernel-times-channels x positions, as im2col lays
     * them out): what one core of this machine does at best, to set the inference figures against.
     */
    public static List<GemmRow> gemm(org.emoscope.model.NetworkSpec spec, int warmUp, int runs) {
        List<GemmRow> rows = new ArrayList<>();
        rows.add(gemmRow("square", 512, 512, 512, warmUp, runs));
        int positions = 2048;
        int in = spec.inputChannels();
        int stride = 1;
        for (int i = 0; i < spec.convFilters().size(); i++) {
            rows.add(gemmRow("conv" + (i + 1) + " over 2048 frames", spec.convFilters().get(i),
                    spec.convKernels().get(i) * in, positions / stride, warmUp, runs));
            in = spec.convFilters().get(i);
            stride *= spec.poolSizes().get(i);
        }
        return rows;
    }

    private static GemmRow gemmRow(String what, int m, int k, int n, int warmUp, int runs) {
        return new GemmRow(what, m, k, n, runs, Stats.percentile(Nd4jRuntime.timeGemm(m, k, n, warmUp, runs), 50));
    }

    // ---------------------------------------------------------------- memory over the run

    /** The process's memory after a phase of the benchmark, with the number of model calls made so far. */
    public record MemoryPoint(String after, long modelCalls, long rssKb, long heapUsedBytes,
                              long heapCommittedBytes) {
        public static MemoryPoint now(String after, long modelCalls) {
            return new MemoryPoint(after, modelCalls, Machine.rssKb(), Machine.heapUsedBytes(),
                    Machine.heapCommittedBytes());
        }
    }

    // ---------------------------------------------------------------- 4. cold start

    /**
     * Wall-clock seconds from spawning each child JVM to its exit: {@code java -version} (JVM start alone),
     * {@code emoscope --version} (adds ND4J start-up, which {@code main} does first), and
     * {@code emoscope analyze} on a 2 s file (adds model load, decoding and the first predictions).
     */
    public record ColdStart(int runs, double[] jvmOnly, double[] withNd4j, double[] analyze, String failure) {
    }

    public static ColdStart coldStart(Path model, Path dir, int rate, int runs) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String cp = System.getProperty("java.class.path");
        Path wav = WavWriter.write16(dir.resolve("cold-2s.wav"), SpeechSignal.generate(2, rate, 5), rate);
        Path log = dir.resolve("cold-start.log");
        List<String> base = List.of(java, "-cp", cp, org.emoscope.cli.Main.class.getName());
        double[] jvm = new double[runs];
        double[] nd4j = new double[runs];
        double[] analyze = new double[runs];
        try {
            for (int i = 0; i < runs; i++) {
                jvm[i] = spawn(List.of(java, "-version"), log);
                List<String> version = new ArrayList<>(base);
                version.add("--version");
                nd4j[i] = spawn(version, log);
                List<String> an = new ArrayList<>(base);
                an.addAll(List.of("analyze", "-q", "--model", model.toAbsolutePath().toString(), wav.toString()));
                analyze[i] = spawn(an, log);
            }
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            return new ColdStart(runs, jvm, nd4j, analyze, e.getMessage());
        } finally {
            Files.deleteIfExists(wav);
        }
        Files.deleteIfExists(log);
        return new ColdStart(runs, jvm, nd4j, analyze, null);
    }

    private static double spawn(List<String> command, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("child did not finish in 120 s: " + String.join(" ", command.subList(3,
                    command.size())));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0) {
            String err = Files.readString(log).strip();
            throw new IOException("child exited with " + p.exitValue() + ": " + (err.length() > 300
                    ? err.substring(0, 300) : err));
        }
        return seconds;
    }

    // ---------------------------------------------------------------- 5. live pipeline

    /**
     * A simulated live run: {@link StreamingAnalyzer} over an {@link ArrayAudioSource} paced in real time.
     * Intervals and latencies in milliseconds; RSS sampled every 100 ms during the run.
     */
    public record LiveResult(double audioSeconds, double hopSeconds, int windows, long dropped, double meanInterval,
                             double maxInterval, double p50Latency, double p99Latency, double maxLatency,
                             long rssBeforeKb, long maxRssKb, long heapUsedBytes, long heapCommittedBytes,
                             String failure) {
    }

    public static LiveResult live(EmotionModel model, double seconds) throws InterruptedException {
        AnalyzerSettings settings = AnalyzerSettings.forModel(model);
        int rate = model.featureConfig().sampleRate();
        float[] audio = SpeechSignal.generate(seconds, rate, 3);
        List<long[]> times = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicReference<AnalysisStats> stats = new AtomicReference<>();
        AtomicReference<Exception> error = new AtomicReference<>();
        long rssBefore = Machine.rssKb();
        AtomicLong maxRss = new AtomicLong(rssBefore);
        AnalysisListener listener = new AnalysisListener() {
            @Override
            public void onWindow(WindowResult r) {
                times.add(new long[]{r.producedNanos(), r.deliveredNanos()});
            }

            @Override
            public void onError(Exception e) {
                error.compareAndSet(null, e);
            }

            @Override
            public void onFinished(AnalysisStats s) {
                stats.set(s);
            }
        };
        StreamingAnalyzer analyzer = new StreamingAnalyzer(model, settings);
        AnalysisSession session = analyzer.start(new ArrayAudioSource(audio, rate, "bench-live", true), listener);
        long heap = 0;
        long committed = 0;
        long deadline = System.nanoTime() + (long) ((seconds + 30) * 1e9);
        while (!session.awaitCompletion(100, TimeUnit.MILLISECONDS)) {
            maxRss.accumulateAndGet(Machine.rssKb(), Math::max);
            heap = Math.max(heap, Machine.heapUsedBytes());
            committed = Math.max(committed, Machine.heapCommittedBytes());
            if (System.nanoTime() > deadline) {
                session.stop();
                session.awaitCompletion(5, TimeUnit.SECONDS);
                error.compareAndSet(null, new IOException("live run did not end in time"));
                break;
            }
        }
        List<long[]> t;
        synchronized (times) {
            t = new ArrayList<>(times);
        }
        double[] delivered = new double[t.size()];
        double[] latency = new double[t.size()];
        for (int i = 0; i < t.size(); i++) {
            delivered[i] = t.get(i)[1] / 1e6;
            latency[i] = (t.get(i)[1] - t.get(i)[0]) / 1e6;
        }
        double[] intervals = Stats.intervals(delivered);
        AnalysisStats s = stats.get();
        String failure = error.get() == null ? null : error.get().getMessage();
        if (t.size() < 2 && failure == null) failure = "fewer than two windows were delivered";
        return new LiveResult(seconds, settings.hopSeconds(), t.size(), s == null ? -1 : s.droppedWindows(),
                intervals.length == 0 ? Double.NaN : Stats.mean(intervals),
                intervals.length == 0 ? Double.NaN : Stats.max(intervals),
                latency.length == 0 ? Double.NaN : Stats.percentile(latency, 50),
                latency.length == 0 ? Double.NaN : Stats.percentile(latency, 99),
                latency.length == 0 ? Double.NaN : Stats.max(latency), rssBefore, maxRss.get(), heap, committed,
                failure);
    }
}
