package org.emoscope.bench;

import org.emoscope.bench.Benchmarks.ColdStart;
import org.emoscope.bench.Benchmarks.FileRow;
import org.emoscope.bench.Benchmarks.LatencyRow;
import org.emoscope.bench.Benchmarks.LiveResult;
import org.emoscope.bench.Benchmarks.MemoryPoint;
import org.emoscope.bench.Benchmarks.MfccResult;
import org.emoscope.cli.Main;
import org.emoscope.cli.ModelOption;
import org.emoscope.features.FeatureConfig;
import org.emoscope.model.Nd4jRuntime;
import org.emoscope.model.EmotionModel;
import org.emoscope.pipeline.AnalyzerSettings;
import org.emoscope.pipeline.StreamingAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code emoscope bench}: measures MFCC speed, inference latency, file analysis speed and memory, cold start, a
 * simulated live run and, when a virtual microphone is reachable, live latency through it; writes them as Markdown
 * with the machine and the command (default {@code docs/benchmarks.md}); a summary goes to stderr.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Measures speed and memory (MFCC, inference latency, file analysis, cold start, simulated "
                + "live run, live latency through the virtual microphone) and writes the results as Markdown with "
                + "the machine and the command.",
                "Takes a few minutes; --quick takes seconds (for tests, not for quoting).",
                "The virtual-microphone part runs when PULSE_SERVER points at the PulseAudio of "
                        + "scripts/virtual-mic.sh and it answers (not with --quick), or with --virtual-mic."})
final class BenchCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    ModelOption modelOption;

    @Option(names = "--quick", description = "Few iterations and short files: seconds instead of minutes.")
    boolean quick;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "docs/benchmarks.md",
            description = "Markdown file to write (default: ${DEFAULT-VALUE}; with --only, only when given).")
    Path out;

    @Option(names = "--virtual-mic", description = "Measure live latency through the virtual microphone, starting "
            + "it with scripts/virtual-mic.sh if nothing answers at PULSE_SERVER (which must be set).")
    boolean virtualMic;

    @Option(names = "--only", paramLabel = "PART", description = "Run one part only: live-mic (the virtual "
            + "microphone; implies --virtual-mic). Prints its section to stdout.")
    String only;

    @Option(names = "--bursts", defaultValue = "30", description = "Bursts played into the virtual microphone "
            + "(default: ${DEFAULT-VALUE}; 5 with --quick).")
    int bursts;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        if (only != null && !only.equals("live-mic")) {
            err.println("emoscope bench: --only takes live-mic, not " + only);
            return 2;
        }
        if (bursts < 1) {
            err.println("emoscope bench: --bursts must be at least 1");
            return 2;
        }
        double loadAtStart = Machine.loadAverage();
        long[] cpuAtStart = Machine.cpuTicks();
        long startNanos = System.nanoTime();
        String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        EmotionModel model = modelOption.loadOrReport(problem -> err.println("emoscope bench: " + problem));
        if (model == null) return 1;
        Path bundle = modelOption.loaded();
        FeatureConfig fc = model.featureConfig();
        if (only != null) return onlyLiveMic(err, model, bundle, date, loadAtStart, cpuAtStart, startNanos);
        Path tmp = Files.createTempDirectory("emoscope-bench");
        try {
            // live first: its RSS should be that of a process holding just the model and the pipeline
            List<MemoryPoint> memory = new ArrayList<>();
            long calls = 0;
            memory.add(MemoryPoint.now("loading the model", calls));
            progress(err, startNanos, "bench 1/6: live pipeline (simulated real-time source)");
            model.warmUp(fc.framesFor(2.0), 5); // as the app does
            LiveResult live = Benchmarks.live(model, quick ? 2.5 : 20);
            calls += 5 + live.windows();
            memory.add(MemoryPoint.now("live pipeline", calls));

            // right after the simulated run, in the same lean process, so the two live figures compare
            VirtualMicLatency.Result mic = liveMic(err, startNanos, model, "bench 2/6");
            calls += mic.windows();
            if (mic.measured()) memory.add(MemoryPoint.now("live, virtual microphone", calls));

            progress(err, startNanos, "bench 3/6: MFCC extraction");
            float[] audio = SpeechSignal.generate(quick ? 5 : 60, fc.sampleRate(), 1);
            MfccResult mfcc = Benchmarks.mfcc(audio, fc, quick ? 1 : 3, quick ? 3 : 9);
            memory.add(MemoryPoint.now("MFCC", calls));

            progress(err, startNanos, "bench 4/6: inference latency");
            List<LatencyRow> latency = new ArrayList<>();
            for (double w : new double[]{1, 2, 4})
                latency.add(Benchmarks.latency(model, w, quick ? 5 : 50, quick ? 20 : 5000));
            for (LatencyRow r : latency) calls += r.warmUp() + r.calls();
            List<Benchmarks.ExplainRow> explain = new ArrayList<>();
            for (int steps : new int[]{1, org.emoscope.model.Explainer.DEFAULT_STEPS, 16})
                explain.add(Benchmarks.explain(model, 2, steps, quick ? 2 : 5, quick ? 5 : 50));
            memory.add(MemoryPoint.now("inference latency", calls));

            progress(err, startNanos, "bench 5/6: file analysis");
            List<FileRow> files = Benchmarks.files(model, tmp, quick ? new double[]{2, 5} : new double[]{10, 60, 600});
            calls += 1; // the 2 s warm-up file: one window
            for (FileRow r : files) calls += r.windows();
            List<Benchmarks.FolderRow> folder = Benchmarks.folder(model, tmp, quick ? 6 : 100, new int[]{1, 2});
            memory.add(MemoryPoint.now("file analysis", calls));
            List<Benchmarks.GemmRow> gemm = Benchmarks.gemm(model.bundle().spec(), quick ? 1 : 3, quick ? 2 : 5);
            StreamingAnalyzer analyzer = new StreamingAnalyzer(model, AnalyzerSettings.forModel(model));
            Report.Limit limit = new Report.Limit(model.bundle().spec(), analyzer.windowFrames(),
                    (int) Math.round(1 / fc.hopSeconds()), analyzer.hopFrames(true) * fc.hopSeconds(),
                    analyzer.hopFrames(false) * fc.hopSeconds(), gemm);
            System.gc();
            Thread.sleep(500);
            memory.add(MemoryPoint.now("file analysis, then `System.gc()` and 0.5 s", calls));

            progress(err, startNanos, "bench 6/6: cold start");
            ColdStart cold = Benchmarks.coldStart(bundle, tmp, fc.sampleRate(), quick ? 1 : 3);

            double runSeconds = (System.nanoTime() - startNanos) / 1e9;
            Report.Context context = new Report.Context(command(), date, describe(bundle, model), quick, loadAtStart,
                    Machine.loadAverage(), Nd4jRuntime.describeThreads(),
                    Machine.otherProcessesCores(cpuAtStart, Machine.cpuTicks(), runSeconds), runSeconds);
            Report report = new Report();
            String md = report.render(context, mfcc, latency, explain, files, folder, limit, cold, live, mic, memory);
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(out, md, StandardCharsets.UTF_8);
            progress(err, startNanos, "done");
            for (String s : report.summaryLines()) err.println("  " + s);
            err.println("written to " + out);
            return 0;
        } finally {
            deleteTree(tmp);
        }
    }

    /**
     * The virtual-microphone part: with --virtual-mic (or --only live-mic) it may start the daemon; otherwise it runs
     * only when one already answers, and never with --quick.
     */
    private VirtualMicLatency.Result liveMic(PrintStream err, long startNanos, EmotionModel model, String step)
            throws InterruptedException {
        boolean asked = virtualMic || only != null;
        if (quick && !asked) {
            progress(err, startNanos, step + ": live latency through the virtual microphone: skipped (--quick)");
            return VirtualMicLatency.Result.notMeasured("--quick skips it; pass --virtual-mic to measure it");
        }
        Path script = VirtualMicLatency.script();
        VirtualMicLatency.Availability a = VirtualMicLatency.prepare(asked, script);
        if (a.notMeasured() != null) {
            progress(err, startNanos, step + ": live latency through the virtual microphone: not measured: "
                    + a.notMeasured());
            return VirtualMicLatency.Result.notMeasured(a.notMeasured());
        }
        int n = quick && bursts == 30 ? 5 : bursts;
        progress(err, startNanos, step + ": live latency through the virtual microphone (" + n + " bursts, about "
                + Math.round(n * 3.25 + 5) + " s)");
        try {
            return VirtualMicLatency.measure(model, n, 17, a);
        } finally {
            VirtualMicLatency.release(a, script);
        }
    }

    /** {@code --only live-mic}: section 6 alone, to stdout (and to --out when given). */
    private int onlyLiveMic(PrintStream err, EmotionModel model, Path bundle, String date, double loadAtStart,
                            long[] cpuAtStart, long startNanos) throws Exception {
        model.warmUp(model.featureConfig().framesFor(2.0), 5); // as the app does
        VirtualMicLatency.Result mic = liveMic(err, startNanos, model, "bench --only live-mic");
        double runSeconds = (System.nanoTime() - startNanos) / 1e9;
        Report.Context context = new Report.Context(command(), date, describe(bundle, model), quick, loadAtStart,
                Machine.loadAverage(), Nd4jRuntime.describeThreads(),
                Machine.otherProcessesCores(cpuAtStart, Machine.cpuTicks(), runSeconds), runSeconds);
        Report report = new Report();
        String md = report.renderLiveMic(context, mic);
        System.out.print(md);
        if (spec.commandLine().getParseResult().hasMatchedOption("--out")) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Files.writeString(out, md, StandardCharsets.UTF_8);
            err.println("written to " + out);
        }
        for (String s : report.summaryLines()) err.println("  " + s);
        return mic.measured() && mic.failure() == null ? 0 : 1;
    }

    private static void progress(PrintStream err, long startNanos, String what) {
        err.printf(java.util.Locale.ROOT, "[%5.1f s] %s%n", (System.nanoTime() - startNanos) / 1e9, what);
    }

    private String command() {
        List<String> args = spec.root().commandLine().getParseResult().originalArgs();
        String cp = System.getProperty("java.class.path", "");
        String launcher = cp.endsWith("emoscope.jar") && !cp.contains(java.io.File.pathSeparator)
                ? "java -cp " + cp + " " + BenchMain.class.getName() : "emoscope";
        String omp = System.getenv("OMP_NUM_THREADS");
        return (omp != null ? "OMP_NUM_THREADS=" + omp + " " : "") + launcher + " " + String.join(" ", args);
    }

    private static String describe(Path bundle, EmotionModel model) {
        return "`" + shown(bundle) + "`" + (model.untrained() ? " (untrained)" : "") + ", " + model.labels().size()
                + " classes, " + model.parameters() + " parameters";
    }

    /**
     * The bundle as the report names it: relative to the working directory when it is inside (models/default.emo),
     * else its file name. The report is committed: a machine's paths do not belong in it.
     */
    static String shown(Path bundle) {
        Path abs = bundle.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath().normalize();
        return abs.startsWith(here) ? here.relativize(abs).toString() : String.valueOf(abs.getFileName());
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp dir
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
