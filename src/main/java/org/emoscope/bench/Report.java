package org.emoscope.bench;

import org.emoscope.bench.Benchmarks.ColdStart;
import org.emoscope.bench.Benchmarks.FileRow;
import org.emoscope.bench.Benchmarks.LatencyRow;
import org.emoscope.bench.Benchmarks.LiveResult;
import org.emoscope.bench.Benchmarks.MemoryPoint;
import org.emoscope.bench.Benchmarks.MfccResult;
import org.emoscope.bench.Benchmarks.MfccRow;
import org.emoscope.bench.VirtualMicLatency.BurstRow;
import org.emoscope.bench.VirtualMicLatency.Part;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders benchmark results as Markdown, with a target and a "met?" column per figure. */
public final class Report {

    public static final double MFCC_TARGET_X = 500;
    public static final double P50_TARGET_MS = 3;
    public static final double P99_TARGET_MS = 15;
    /** File analysis, x real time: files of a minute and more; a 10 s file ({@link #SHORT_FILE_TARGET_X}). */
    public static final double FILE_TARGET_X = 300;
    public static final double SHORT_FILE_TARGET_X = 150;
    /** Files up to this long are held to {@link #SHORT_FILE_TARGET_X}. */
    static final double SHORT_FILE_SECONDS = 10;
    public static final double COLD_START_TARGET_S = 2;
    public static final double LIVE_EXTRA_LATENCY_MS = 50;
    public static final double CADENCE_TOLERANCE = 0.10;
    public static final double LIVE_RSS_TARGET_MB = 600;
    /** Other processes' average CPU use (cores) above which the report says the machine was not idle. */
    public static final double OTHER_LOAD_NOTE_CORES = 0.15;

    /** Section headings, in order; the smoke test checks each is present. */
    public static final List<String> SECTIONS = List.of("## Machine", "## 1. MFCC extraction",
            "## 2. Inference latency", "## 3. File analysis", "### Many files", "## 4. Cold start",
            "## 5. Live pipeline",
            "## 6. Live latency through the virtual microphone", "## Memory over the run", "## Summary");

    /**
     * The network's arithmetic and the machine's: multiply-adds of a window run alone (the live path), of the trunk per
     * second of audio and of the head per window (the file path, windows every {@code fileHopSeconds}), and the
     * measured GEMM throughput.
     */
    public record Limit(org.emoscope.model.NetworkSpec spec, int windowFrames, int framesPerSecond,
                        double liveHopSeconds, double fileHopSeconds, List<Benchmarks.GemmRow> gemm) {
        long windowMacs() {
            return spec.multiplyAdds(windowFrames);
        }

        long trunkMacsPerSecond() {
            return spec.trunkMultiplyAdds(framesPerSecond);
        }

        long headMacsPerWindow() {
            return spec.headMultiplyAdds(windowFrames);
        }

        /** The best GEMM throughput measured, multiply-adds per second. */
        double gemmMacsPerSecond() {
            return gemm.stream().mapToDouble(Benchmarks.GemmRow::gmacPerSecond).max().orElse(Double.NaN) * 1e9;
        }

        /** Multiply-adds file analysis does per second of audio: the trunk once, the head per window. */
        double fileMacsPerAudioSecond() {
            return trunkMacsPerSecond() + headMacsPerWindow() / fileHopSeconds;
        }

        /** The same for windows run alone every live hop. */
        double liveMacsPerAudioSecond() {
            return windowMacs() / liveHopSeconds;
        }

        /** The share of the GEMM throughput that {@code macs} done in {@code seconds} reach, in percent. */
        String share(double macs, double seconds) {
            return f(100 * macs / seconds / gemmMacsPerSecond(), 1) + "%";
        }
    }

    /** Everything about the run that is not a measurement. */
    public record Context(String command, String date, String model, boolean quick, double loadAtStart,
                          double loadAtEnd, String nd4jThreads, double otherCores, double runSeconds) {
    }

    private final StringBuilder md = new StringBuilder();
    /** The arithmetic that the speed figures are set against; null for the live-microphone report alone. */
    private Limit limit;
    private final List<String> summary = new ArrayList<>();
    private int targets;
    private int met;

    public String render(Context c, MfccResult mfcc, List<LatencyRow> latency, List<Benchmarks.ExplainRow> explain,
                         List<FileRow> files, List<Benchmarks.FolderRow> folder, Limit limit, ColdStart cold,
                         LiveResult live, VirtualMicLatency.Result mic, List<MemoryPoint> memory) {
        this.limit = limit;
        line("# Benchmarks");
        line("");
        line("Written by `emoscope bench`; rerun it rather than editing this file. Every figure below was measured "
                + "in the run described here" + (c.quick() ? " (**--quick**: few iterations and short files, "
                + "for tests, not for quoting)" : "") + ".");
        line("");
        header(c);
        machine(c);
        mfcc(mfcc);
        latency(latency);
        explain(explain);
        files(files, mfcc);
        folder(folder);
        limit();
        cold(cold);
        live(live, latency);
        liveMic(mic);
        memory(memory);
        return summary();
    }

    /** Only section 6, for {@code bench --only live-mic}. */
    public String renderLiveMic(Context c, VirtualMicLatency.Result mic) {
        line("# Live latency through the virtual microphone");
        line("");
        line("Written by `emoscope bench --only live-mic`: section 6 of docs/benchmarks.md on its own.");
        line("");
        header(c);
        machine(c);
        liveMic(mic);
        return summary();
    }

    /** The closing summary section; returns the whole report. */
    private String summary() {
        line("## Summary");
        line("");
        line(String.format(Locale.ROOT, "%d of %d targets met.", met, targets));
        line("");
        for (String s : summary) line("- " + s);
        return md.toString();
    }

    private void header(Context c) {
        line("- command: `" + c.command() + "` (run from the repository root)");
        line("- date: " + c.date());
        line("- model: " + c.model());
        if (c.otherCores() >= OTHER_LOAD_NOTE_CORES)
            line(String.format(Locale.ROOT, "- **note: other processes were running** during this run: they kept "
                    + "%.2f of the %d cores busy on average (from `/proc/stat`), so these figures are slower than "
                    + "on an idle machine.", c.otherCores(), Machine.cores()));
        line("");
    }

    /** One line per measurement, for the console. */
    public List<String> summaryLines() {
        List<String> out = new ArrayList<>(summary);
        out.add(String.format(Locale.ROOT, "%d of %d targets met", met, targets));
        return out;
    }

    private void machine(Context c) {
        line("## Machine");
        line("");
        line("| | |");
        line("|---|---|");
        line("| CPU | " + Machine.cpuModel() + " |");
        line("| cores available to the JVM | " + Machine.cores() + " |");
        long mem = Machine.memTotalKb();
        line("| RAM | " + (mem < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f GiB", mem / 1024.0 / 1024.0)) + " |");
        line("| JVM | " + Machine.jvm() + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB |");
        line("| OS | " + Machine.os() + " |");
        line("| ND4J threads | " + c.nd4jThreads() + " |");
        line("| load average (1 min) at start / end | " + f(c.loadAtStart(), 2) + " / " + f(c.loadAtEnd(), 2) + " |");
        line("| cores kept busy by other processes, run average | " + f(c.otherCores(), 2) + " (over "
                + f(c.runSeconds(), 0) + " s) |");
        line("");
    }

    private void mfcc(MfccResult r) {
        line("## 1. MFCC extraction");
        line("");
        line(String.format(Locale.ROOT, "%.0f s of synthetic speech-like audio (harmonic tone with a wandering pitch, "
                + "4 Hz syllables, pauses, white noise 40 dB down) at 16 kHz, one thread. %d warm-up run(s), then the "
                + "median of %d timed runs. x real time = audio seconds / wall seconds.", r.audioSeconds(),
                r.warmUpRuns(), r.runs()));
        line("");
        line("| implementation | settings | frames | median time (ms) | µs per frame | x real time | target | met? |");
        line("|---|---|---|---|---|---|---|---|");
        boolean first = true;
        double processorSeconds = r.rows().stream().filter(row -> row.name().contains("`MfccProcessor` in"))
                .mapToDouble(MfccRow::medianSeconds).findFirst().orElse(Double.NaN);
        for (MfccRow row : r.rows()) {
            double x = row.realTime(r.audioSeconds());
            boolean mfcc = row.name().startsWith("EmoScope `Mfcc") || row.name().contains("`MfccProcessor` in");
            boolean voicing = row.name().contains("`VoicingProcessor`") && !row.name().contains("+");
            String target = mfcc ? ">= " + f(MFCC_TARGET_X, 0) : voicing ? "<= the `MfccProcessor` row's time"
                    : "n/a (reference)";
            String ok = mfcc ? check(x >= MFCC_TARGET_X) : voicing ? check(row.medianSeconds() <= processorSeconds)
                    : "n/a";
            line("| " + row.name() + " | " + row.settings() + " | " + row.frames() + " | "
                    + f(row.medianSeconds() * 1000, 1) + " | " + f(row.microsPerFrame(), 2) + " | " + f(x, 0)
                    + " | " + target + " | " + ok + " |");
            if (first) summary.add("MFCC (`Mfcc.computeAll`): " + f(x, 0) + "x real time (target >= "
                    + f(MFCC_TARGET_X, 0) + ")");
            first = false;
        }
        line("");
        line("TarsosDSP's `MFCC` is not the same computation (see `docs/features.md`): it has no zero padding to 512, "
                + "uses a magnitude spectrum and its own filter placement, so its row is a speed reference only. The "
                + "`VoicingProcessor` row is what the speech detector adds to the capture thread's work (the aim: no "
                + "more than the `MfccProcessor` row); the speech-chain row is the capture thread's whole work per "
                + "frame bar the level meter.");
        line("");
        List<String> limits = new ArrayList<>();
        for (MfccRow row : r.rows()) {
            if (!row.name().startsWith("EmoScope `Mfcc") && !row.name().contains("`MfccProcessor` in")) continue;
            double x = row.realTime(r.audioSeconds());
            if (x < MFCC_TARGET_X)
                limits.add(String.format(Locale.ROOT, "%s takes %.1f µs per 10 ms frame; %.0fx needs %.1f µs or "
                        + "less.", row.name(), row.microsPerFrame(), MFCC_TARGET_X, 10_000 / MFCC_TARGET_X));
        }
        limitsParagraph(limits);
    }

    private void latency(List<LatencyRow> rows) {
        line("## 2. Inference latency");
        line("");
        if (!rows.isEmpty()) line(String.format(Locale.ROOT, "`EmotionModel.predict` at batch 1 on real MFCCs of "
                + "speech-like audio, on the calling thread. %d warm-up calls, then %d timed calls per window length.",
                rows.get(0).warmUp(), rows.get(0).calls()));
        line("");
        line("| window (s) | frames | p50 (ms) | p90 (ms) | p99 (ms) | mean (ms) | max (ms) | GCs during (count / ms) "
                + "| share of GEMM throughput at p50 | target | met? |");
        line("|---|---|---|---|---|---|---|---|---|---|---|");
        List<String> limits = new ArrayList<>();
        for (LatencyRow r : rows) {
            boolean ok = r.p50() <= P50_TARGET_MS && r.p99() <= P99_TARGET_MS;
            line("| " + f(r.windowSeconds(), 0) + " | " + r.frames() + " | " + f(r.p50(), 2) + " | " + f(r.p90(), 2)
                    + " | " + f(r.p99(), 2) + " | " + f(r.mean(), 2) + " | " + f(r.max(), 2) + " | " + r.gcCount()
                    + " / " + r.gcMillis() + " | " + limit.share(macs(r.frames()), r.p50() / 1000) + " | p50 <= "
                    + f(P50_TARGET_MS, 0) + ", p99 <= " + f(P99_TARGET_MS, 0) + " | " + check(ok) + " |");
            summary.add(String.format(Locale.ROOT, "inference, %.0f s window: p50 %.2f ms, p99 %.2f ms (targets %.0f / "
                    + "%.0f ms)", r.windowSeconds(), r.p50(), r.p99(), P50_TARGET_MS, P99_TARGET_MS));
        }
        line("");
        boolean missed = rows.stream().anyMatch(r -> r.p50() > P50_TARGET_MS || r.p99() > P99_TARGET_MS);
        if (missed && rows.size() >= 2) {
            LatencyRow a = rows.get(0);
            LatencyRow b = rows.get(rows.size() - 1);
            double perFrame = (b.p50() - a.p50()) / (b.frames() - a.frames());
            double fixed = a.p50() - perFrame * a.frames();
            if (perFrame > 0) {
                limits.add(String.format(Locale.ROOT, "A straight line through the p50s gives %.1f ms per call plus "
                        + "%.4f ms per frame (%.2f ms per second of window), on one ND4J thread.", fixed, perFrame,
                        perFrame * 100)
                        + (fixed > perFrame * a.frames() ? " For a 1 s window most of the time is the fixed part, "
                        + "which does not depend on the amount of audio." : " The cost grows with the window."));
            } else {
                limits.add(String.format(Locale.ROOT, "The p50 does not grow with the window (%.2f ms at %d frames, "
                        + "%.2f ms at %d), which points to a fixed cost per DL4J call or to waiting for a core, not to "
                        + "the convolutions' arithmetic.",
                        a.p50(), a.frames(), b.p50(), b.frames()));
            }
            List<String> tails = new ArrayList<>();
            for (LatencyRow r : rows)
                if (r.p99() > P99_TARGET_MS)
                    tails.add(String.format(Locale.ROOT, "%.0f s: p99 %.2f ms = %.1fx p50", r.windowSeconds(),
                            r.p99(), r.p99() / r.p50()));
            long gcs = rows.stream().mapToLong(LatencyRow::gcCount).sum();
            long gcMs = rows.stream().mapToLong(LatencyRow::gcMillis).sum();
            if (!tails.isEmpty())
                limits.add("Tails (" + String.join("; ", tails) + ") are a few slow calls among fast ones; the JVM "
                        + "ran " + gcs + " garbage collection(s) taking " + gcMs + " ms in "
                        + "all during the timed calls, and any other process on the 2 cores also shows up here.");
        }
        limitsParagraph(limits);
    }

    /** Explaining one 2 s window: integrated gradients at a few step counts. */
    private void explain(List<Benchmarks.ExplainRow> rows) {
        if (rows.isEmpty()) return;
        line("### Explaining one window");
        line("");
        line(String.format(Locale.ROOT, "`Explainer.explain` of the predicted class of a %.0f s window (integrated "
                + "gradients on the log-mel cells, the window's statistics too for a fused bundle), on the calling "
                + "thread; %d warm-up calls, then %d timed calls per step count. The gap is how far the cells' sum is "
                + "from the change in probability they explain (smaller with more steps).", rows.get(0).windowSeconds(),
                rows.get(0).warmUp(), rows.get(0).calls()));
        line("");
        line("| steps | frames | p50 (ms) | p90 (ms) | max (ms) | completeness gap / change | target | met? |");
        line("|---|---|---|---|---|---|---|---|");
        for (Benchmarks.ExplainRow r : rows) {
            boolean shipped = r.steps() == org.emoscope.model.Explainer.DEFAULT_STEPS;
            line("| " + r.steps() + (shipped ? " (default)" : "") + " | " + r.frames() + " | " + f(r.p50(), 1) + " | "
                    + f(r.p90(), 1) + " | " + f(r.max(), 1) + " | " + f(r.completenessGap(), 4) + " / "
                    + f(r.change(), 4) + " | " + (shipped ? "p50 <= " + f(EXPLAIN_TARGET_MS, 0) + " | "
                    + check(r.p50() <= EXPLAIN_TARGET_MS) : "- | -") + " |");
            if (shipped) summary.add(String.format(Locale.ROOT, "explaining a 2 s window (%d steps): p50 %.1f ms "
                    + "(target <= %.0f)", r.steps(), r.p50(), EXPLAIN_TARGET_MS));
        }
        line("");
    }

    /** Explaining one 2 s window in the app or for analyze --explain. */
    static final double EXPLAIN_TARGET_MS = 100;

    private void files(List<FileRow> rows, MfccResult mfcc) {
        line("## 3. File analysis");
        line("");
        line(String.format(Locale.ROOT, "`FileAnalyzer` (decoding a 16-bit 16 kHz WAV, MFCC and speech detection, "
                + "then 2 s windows every %.0f ms classified on the network's trunk run once over the file, timeline) "
                + "on generated speech-like files; one 2 s file analysed first to warm up, and a garbage collection "
                + "before each file. Memory is read right after each file: RSS and peak RSS (VmRSS / VmHWM from "
                + "`/proc/self/status`, for the whole benchmark process so far) and heap in use (no collection in "
                + "between: it includes garbage). The share of GEMM throughput sets the network's multiply-adds per "
                + "second of audio (%.1f M: the trunk once, %.2f M, and the head per window, %.3f M) against the "
                + "best GEMM of the limit section below.", 1000 * limit.fileHopSeconds(),
                limit.fileMacsPerAudioSecond() / 1e6, limit.trunkMacsPerSecond() / 1e6,
                limit.headMacsPerWindow() / 1e6));
        line("");
        line("| file (s) | windows | time (s) | x real time | share of GEMM throughput | RSS after (MB) | peak RSS (MB) "
                + "| heap used after (MB) | heap committed (MB) | GCs during (count / ms) | target | met? |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|");
        List<String> limits = new ArrayList<>();
        MfccRow chain = mfcc.rows().stream().filter(r -> r.name().contains("speech chain")).findFirst()
                .orElse(mfcc.rows().get(0));
        for (FileRow r : rows) {
            double target = r.audioSeconds() <= SHORT_FILE_SECONDS ? SHORT_FILE_TARGET_X : FILE_TARGET_X;
            boolean ok = r.realTime() >= target;
            line("| " + f(r.audioSeconds(), 0) + " | " + r.windows() + " | " + f(r.elapsedSeconds(), 2) + " | "
                    + f(r.realTime(), 0) + " | "
                    + limit.share(limit.fileMacsPerAudioSecond() * r.audioSeconds(), r.elapsedSeconds()) + " | "
                    + Machine.mb(r.rssKb()) + " | " + Machine.mb(r.peakRssKb()) + " | "
                    + mb(r.heapUsedBytes()) + " | " + mb(r.heapCommittedBytes()) + " | " + r.gcCount() + " / "
                    + r.gcMillis() + " | >= " + f(target, 0) + " | " + check(ok) + " |");
            summary.add(String.format(Locale.ROOT, "file analysis, %.0f s file: %.0fx real time (target >= %.0f)",
                    r.audioSeconds(), r.realTime(), target));
            if (!ok) {
                double features = r.audioSeconds() / chain.realTime(mfcc.audioSeconds());
                double network = limit.fileMacsPerAudioSecond() * r.audioSeconds() / limit.gemmMacsPerSecond();
                limits.add(String.format(Locale.ROOT, "%.0f s file: %.2f s taken; the feature chain alone (section 1, "
                        + "its speech-chain row) takes about %.2f s of it, and the network's arithmetic at the GEMM "
                        + "rate would take %.2f s; the rest is DL4J's per-call and per-layer overhead, decoding and "
                        + "the pipeline.", r.audioSeconds(), r.elapsedSeconds(), features, network));
            }
        }
        line("");
        if (rows.size() >= 2) {
            FileRow a = rows.get(0);
            FileRow b = rows.get(rows.size() - 1);
            line(String.format(Locale.ROOT, "Growth: from %.0f s to %.0f s of audio (%.0fx longer) the time grew "
                    + "%.1fx, heap in use after the file %s -> %s MB, committed heap %s -> %s MB, RSS %s -> %s MB. "
                    + "A file's MFCC frames (160 bytes per 10 ms) and its windows wait in memory until the file has "
                    + "been read, so that every window is heard in the voice of the whole file; the per-window "
                    + "results (probabilities and attention maps) stay in the `FileAnalysis`.", a.audioSeconds(),
                    b.audioSeconds(), b.audioSeconds() / a.audioSeconds(), b.elapsedSeconds() / a.elapsedSeconds(),
                    mb(a.heapUsedBytes()), mb(b.heapUsedBytes()), mb(a.heapCommittedBytes()),
                    mb(b.heapCommittedBytes()), Machine.mb(a.rssKb()), Machine.mb(b.rssKb())));
            line("");
        }
        limitsParagraph(limits);
    }

    /** A folder of short files, one job and several. */
    private void folder(List<Benchmarks.FolderRow> rows) {
        if (rows.isEmpty()) return;
        line("### Many files");
        line("");
        line(String.format(Locale.ROOT, "`FileBatch` (what `emoscope analyze --jobs N` runs) on %d generated "
                + "speech-like WAVs of 2.5-4.5 s (the length of an acted corpus utterance), each job on its own "
                + "copy of the network, after an untimed pass over the first 8.", rows.get(0).files()));
        line("");
        line("| jobs | files | audio (s) | time (s) | files per second | x real time | failed |");
        line("|---|---|---|---|---|---|---|");
        for (Benchmarks.FolderRow r : rows) {
            line("| " + r.jobs() + " | " + r.files() + " | " + f(r.audioSeconds(), 0) + " | "
                    + f(r.elapsedSeconds(), 2) + " | " + f(r.filesPerSecond(), 1) + " | " + f(r.realTime(), 0)
                    + " | " + r.failed() + " |");
            summary.add(String.format(Locale.ROOT, "many files, %d job(s): %.1f files/s (%.0fx real time)", r.jobs(),
                    r.filesPerSecond(), r.realTime()));
        }
        line("");
        if (rows.size() >= 2)
            line(String.format(Locale.ROOT, "%d jobs against 1: %.2fx the files per second.",
                    rows.get(rows.size() - 1).jobs(), rows.get(rows.size() - 1).filesPerSecond()
                            / rows.get(0).filesPerSecond()));
        line("");
    }

    /** The network's multiply-adds and the machine's GEMM throughput, which the speed figures are set against. */
    private void limit() {
        line("### The distance to the machine's limit");
        line("");
        line(String.format(Locale.ROOT, "The network does %.2f M multiply-adds on a %d-frame window (%.1f%% of them in "
                + "the convolutional trunk; element-wise work such as batch normalisation and the attention gates is "
                + "not counted). Run window by window every %.0f ms (live) that is %.1f M per second of audio; a file "
                + "runs the trunk once and the head per window every %.0f ms: %.1f M per second of audio, %.1fx less. "
                + "ND4J's float32 GEMM on this thread's OpenMP threads, median of timed runs:",
                limit.windowMacs() / 1e6, limit.windowFrames(),
                100.0 * (limit.windowMacs() - limit.headMacsPerWindow()) / limit.windowMacs(),
                1000 * limit.liveHopSeconds(), limit.liveMacsPerAudioSecond() / 1e6, 1000 * limit.fileHopSeconds(),
                limit.fileMacsPerAudioSecond() / 1e6, limit.liveMacsPerAudioSecond()
                        / limit.fileMacsPerAudioSecond()));
        line("");
        line("| product | m x k x n | runs | time per product (ms) | G multiply-adds per second |");
        line("|---|---|---|---|---|");
        for (Benchmarks.GemmRow g : limit.gemm())
            line("| " + g.what() + " | " + g.m() + " x " + g.k() + " x " + g.n() + " | " + g.runs() + " | "
                    + f(g.medianSeconds() * 1000, 3) + " | " + f(g.gmacPerSecond(), 2) + " |");
        line("");
        line(String.format(Locale.ROOT, "The best, %.2f G multiply-adds per second, is the floor the \"share of GEMM "
                + "throughput\" columns of sections 2 and 3 divide by: at 100%% the network would run as fast as "
                + "the machine multiplies matrices.", limit.gemmMacsPerSecond() / 1e9));
        line("");
        summary.add(String.format(Locale.ROOT, "GEMM on one core: %.2f G multiply-adds/s; network %.2f M per 2 s "
                + "window", limit.gemmMacsPerSecond() / 1e9, limit.windowMacs() / 1e6));
    }

    /** Multiply-adds of one window of {@code frames} frames run alone. */
    private double macs(int frames) {
        return limit.spec().multiplyAdds(frames);
    }

    private void cold(ColdStart c) {
        line("## 4. Cold start");
        line("");
        line("Wall clock from spawning a child JVM (same `java`, same class path, default JVM options) to its exit; "
                + "median of " + c.runs() + " run(s). `emoscope analyze` on a 2 s WAV is the figure with the target; "
                + "`java -version` and `emoscope --version` (which starts ND4J first thing in `main`) split it up.");
        line("");
        line("| child | median (s) | runs (s) | target | met? |");
        line("|---|---|---|---|---|");
        List<String> limits = new ArrayList<>();
        if (c.failure() != null) {
            line("| `emoscope analyze` (2 s file) | failed | " + c.failure().replace('|', '/').replace('\n', ' ')
                    + " | <= " + f(COLD_START_TARGET_S, 0) + " | " + check(false) + " |");
            summary.add("cold start: failed (" + c.failure() + ")");
        } else {
            double jvm = Stats.median(c.jvmOnly());
            double nd4j = Stats.median(c.withNd4j());
            double an = Stats.median(c.analyze());
            line("| `java -version` | " + f(jvm, 2) + " | " + list(c.jvmOnly()) + " | | |");
            line("| `emoscope --version` | " + f(nd4j, 2) + " | " + list(c.withNd4j()) + " | | |");
            line("| `emoscope analyze` (2 s file) | " + f(an, 2) + " | " + list(c.analyze()) + " | <= "
                    + f(COLD_START_TARGET_S, 0) + " | " + check(an <= COLD_START_TARGET_S) + " |");
            summary.add(String.format(Locale.ROOT, "cold start to first prediction: %.2f s (target <= %.0f s)", an,
                    COLD_START_TARGET_S));
            if (an > COLD_START_TARGET_S)
                limits.add(String.format(Locale.ROOT, "Of the %.2f s: JVM start %.2f s; loading the CLI and "
                        + "starting ND4J (native libraries, OpenBLAS) %.2f s; loading the model bundle, decoding, "
                        + "the first (unwarmed) predictions and exit %.2f s.", an, jvm, nd4j - jvm, an - nd4j));
        }
        line("");
        limitsParagraph(limits);
    }

    private void live(LiveResult r, List<LatencyRow> latency) {
        line("## 5. Live pipeline (simulated real-time source)");
        line("");
        line(String.format(Locale.ROOT, "**Simulated**: `StreamingAnalyzer` over an `ArrayAudioSource` paced in real "
                + "time (%.1f s of speech-like audio, default settings: 2 s window, %.0f ms hop), not the virtual "
                + "microphone (that is section 6). Added latency is "
                + "`deliveredNanos - producedNanos` of each `WindowResult` (from the window's last frame leaving "
                + "the feature extractor to the listener call). This runs first, right after loading the model and "
                + "warming it up as the app does (5 calls), so the process holds only the model and the pipeline "
                + "(no JavaFX); RSS is sampled every 100 ms.", r.audioSeconds(), r.hopSeconds() * 1000));
        line("");
        line("| figure | value | target | met? |");
        line("|---|---|---|---|");
        double hopMs = r.hopSeconds() * 1000;
        double latTarget = hopMs + LIVE_EXTRA_LATENCY_MS;
        if (r.failure() != null)
            line("| run | failed: " + r.failure().replace('|', '/') + " | | " + check(false) + " |");
        boolean cadence = Math.abs(r.meanInterval() - hopMs) <= CADENCE_TOLERANCE * hopMs;
        boolean lat = r.p50Latency() <= latTarget && r.p99Latency() <= latTarget;
        boolean dropped = r.dropped() == 0;
        double rssMb = r.maxRssKb() / 1024.0;
        boolean rss = r.maxRssKb() >= 0 && rssMb <= LIVE_RSS_TARGET_MB;
        line("| windows delivered | " + r.windows() + " | | |");
        line("| update interval, mean (ms) | " + f(r.meanInterval(), 1) + " | " + f(hopMs, 0) + " ± "
                + f(CADENCE_TOLERANCE * 100, 0) + " % | " + check(cadence) + " |");
        line("| update interval, max (ms) | " + f(r.maxInterval(), 1) + " | | |");
        line("| added latency, p50 (ms) | " + f(r.p50Latency(), 2) + " | <= " + f(latTarget, 0) + " | "
                + check(r.p50Latency() <= latTarget) + " |");
        line("| added latency, p99 (ms) | " + f(r.p99Latency(), 2) + " | <= " + f(latTarget, 0) + " | "
                + check(r.p99Latency() <= latTarget) + " |");
        line("| added latency, max (ms) | " + f(r.maxLatency(), 2) + " | | |");
        line("| dropped windows | " + r.dropped() + " | 0 | " + check(dropped) + " |");
        line("| RSS before the run (MB) | " + Machine.mb(r.rssBeforeKb()) + " | | |");
        line("| peak RSS during the run (MB) | " + Machine.mb(r.maxRssKb()) + " | <= " + f(LIVE_RSS_TARGET_MB, 0)
                + " | " + check(rss) + " |");
        line("| peak heap in use during the run (MB) | " + mb(r.heapUsedBytes()) + " | | |");
        line("| peak heap committed during the run (MB) | " + mb(r.heapCommittedBytes()) + " | | |");
        line("");
        summary.add(String.format(Locale.ROOT, "live (simulated): interval mean %.1f ms / max %.1f ms, latency p50 "
                        + "%.2f ms / p99 %.2f ms, %d dropped, peak RSS %s MB", r.meanInterval(), r.maxInterval(),
                r.p50Latency(), r.p99Latency(), r.dropped(), Machine.mb(r.maxRssKb())));
        List<String> limits = new ArrayList<>();
        LatencyRow two = latency.stream().filter(l -> l.windowSeconds() == 2).findFirst().orElse(null);
        if ((!lat || !dropped || !cadence) && two != null)
            limits.add(String.format(Locale.ROOT, "The inference thread needs %.2f ms (p50) / %.2f ms (p99) per "
                    + "window against a %.0f ms hop; latency beyond that is queueing behind earlier windows or "
                    + "waiting for a core.", two.p50(), two.p99(), hopMs));
        if (!rss && r.maxRssKb() >= 0)
            limits.add(String.format(Locale.ROOT, "Of the %.0f MB resident (%s MB before the run started), the JVM "
                    + "had committed %s MB of heap (at most %s MB in use); the rest is outside the Java heap (ND4J "
                    + "and OpenBLAS native code and buffers, JIT code, thread stacks), not split further here.",
                    rssMb, Machine.mb(r.rssBeforeKb()), mb(r.heapCommittedBytes()), mb(r.heapUsedBytes())));
        limitsParagraph(limits);
    }

    private void liveMic(VirtualMicLatency.Result r) {
        line("## 6. Live latency through the virtual microphone");
        line("");
        if (!r.measured()) {
            line("**Not measured**: " + r.notMeasured() + ". Section 5 is the simulated stand-in.");
            line("");
            summary.add("live (virtual microphone): not measured: " + r.notMeasured());
            return;
        }
        double hopMs = r.hopSeconds() * 1000;
        double e2eTarget = hopMs + LIVE_EXTRA_LATENCY_MS;
        line(String.format(Locale.ROOT, "**Real capture**: the PulseAudio null sink `%s` of `scripts/virtual-mic.sh` "
                + "(server `%s`), whose monitor `%s` is the default capture source, stands in for a microphone. The "
                + "bench plays into the sink through a Java Sound `SourceDataLine` (16 kHz mono 16-bit, %d ms buffer, "
                + "written %d ms at a time): digital silence and %d bursts of %.0f s of the speech-like signal of "
                + "section 1 (about -20 dBFS, cut to start on a loud sample, so a burst's first sample is its onset), "
                + "each after %.1f to %.1f s of silence (random, so onsets fall anywhere on the %.0f ms window grid; "
                + "no window holds two bursts). The app's capture path records it: `MicrophoneAudioSource` on the "
                + "default device (\"%s\", opened as %s, 40 ms line buffer), `StreamingAnalyzer` with the default "
                + "settings (2 s window, %.0f ms hop), the model warmed up as the app does. The run took %.0f s; "
                + "other processes (the PulseAudio daemon among them) kept %s cores busy on average meanwhile.",
                VirtualMicLatency.SINK, r.server(),
                VirtualMicLatency.SOURCE, VirtualMicLatency.PLAYBACK_BUFFER_MS, VirtualMicLatency.CHUNK_MS,
                r.bursts(), VirtualMicLatency.BURST_SECONDS, VirtualMicLatency.GAP_SECONDS,
                VirtualMicLatency.GAP_SECONDS + VirtualMicLatency.GAP_JITTER_SECONDS, hopMs, r.device(),
                r.captureFormat(), hopMs, r.runSeconds(), f(r.otherCores(), 2)));
        line("");
        Part lag = r.reportedLag();
        line(String.format(Locale.ROOT, "**The reference: when a burst's first sample entered the sink** (and so "
                + "the monitor the app records). A thread polls `SourceDataLine.getLongFramePosition()` (every %s ms, "
                + "median). PulseAudio tells the line what it has played in steps (%s ms, median) and late: the first "
                + "poll showing a burst's onset as played came %s ms (p50; max %s) after the reference below, so that "
                + "poll, or an interpolation between polls, would understate the latency. The null sink instead "
                + "consumes exactly 16,000 frames per second on the monotonic clock that `System.nanoTime()` reads, so "
                + "each poll (t, frames played) bounds the time frame 0 was played: t0 <= t - frames / 16000. The "
                + "reference is t0 + onset frame / 16000, with the tightest t0 over the polls within 1 s of the onset: "
                + "the earliest time the onset can have been played. It is early by up to one block of the sink "
                + "(its configured latency during the run: %s ms, from `pactl`) and late by no more than the quickest "
                + "report (about a poll interval), so part 1 may overstate the capture line's delay by up to a sink "
                + "block and does not understate it. A one-off check when this benchmark was written (same machine, "
                + "2026-11-24, busy): a second capture line with a 12 ms buffer, read 1 ms at a time, saw 30 onsets "
                + "0.4 to 17.6 ms (median 3.2) after the reference and none before it. It is not part of this run: it "
                + "lowers the sink's latency, which would change what is measured.", f(r.pollMedianMs(), 1), f(r.stepMedianMs(), 1), f(lag.p50(), 1), f(lag.max(), 1),
                f(r.sinkLatencyMs(), 1)));
        line("");
        if (r.failure() != null) {
            line("**The run failed**: " + r.failure().replace('|', '/') + ". The figures below cover what was "
                    + "measured before.");
            line("");
        }
        List<BurstRow> matched = r.matched();
        Part capture = r.capture();
        Part frame = r.frame();
        Part wait = r.hopWait();
        Part inference = r.inference();
        Part e2e = r.delivered();
        Part added = r.added();
        Part speech = r.speech();
        line(String.format(Locale.ROOT, "Per burst, milliseconds after the reference; p50 / p90 / max over the %d of "
                + "%d bursts found on the capture side.", matched.size(), r.bursts()));
        line("");
        line("| part | from → to | p50 (ms) | p90 (ms) | max (ms) | target | met? |");
        line("|---|---|---|---|---|---|---|");
        partRow("1. capture line", "onset in the sink → the capture read holding it returns (PulseAudio's monitor "
                + "and fragments, ALSA, the Java Sound line buffer)", capture, "", "");
        partRow("2. onset frame", "onset in the sink → the first frame whose level rose leaves the feature "
                + "extractor (part 1, the rest of the 25 ms frame, MFCC; capture thread)", frame, "", "");
        partRow("3. hop wait", "onset frame → the first window holding it is cut (waiting for the " + f(hopMs, 0)
                + " ms window grid: 0 to " + f(hopMs - 10, 0) + " ms of audio by construction, plus the capture "
                + "thread's timing)", wait, "", "");
        partRow("4. inference", "window cut → window delivered to listeners (queue, model, gating, smoothing; "
                + "inference thread)", inference, "", "");
        boolean e2eOk = e2e.n() > 0 && e2e.max() <= e2eTarget;
        partRow("**5. end to end**", "onset in the sink → the first window holding it reaches the listeners "
                + "(2 + 3 + 4)", e2e, "max <= " + f(e2eTarget, 0), check(e2eOk));
        boolean addedOk = added.n() > 0 && added.max() <= LIVE_EXTRA_LATENCY_MS;
        partRow("6. added beyond the hop wait", "5 minus 3: capture, features, queue, model. The worst grid phase "
                + "adds up to a hop (" + f(hopMs, 0) + " ms) of waiting to this", added, "max <= "
                + f(LIVE_EXTRA_LATENCY_MS, 0), check(addedOk));
        partRow("7. speech label", "onset in the sink → the first window labelled speech reaches the listeners "
                + "(20 % of a window's frames, 0.4 s, must be sound first)", speech, "", "");
        line("");
        boolean cadence = Math.abs(r.meanInterval() - hopMs) <= CADENCE_TOLERANCE * hopMs;
        line("| figure | value | target | met? |");
        line("|---|---|---|---|");
        line("| bursts played / found on the capture side | " + r.bursts() + " / " + matched.size() + " | | |");
        line("| windows delivered | " + r.windows() + " | | |");
        line("| update interval, mean (ms) | " + f(r.meanInterval(), 1) + " | " + f(hopMs, 0) + " ± "
                + f(CADENCE_TOLERANCE * 100, 0) + " % | " + check(cadence) + " |");
        line("| update interval, max (ms) | " + f(r.maxInterval(), 1) + " | | |");
        line("| dropped windows | " + r.dropped() + " | 0 | " + check(r.dropped() == 0) + " |");
        line("| onset frame = first frame holding the onset sample | " + r.framesAsExpected() + " of "
                + matched.size() + " | | |");
        line("| changes of the capture-to-playback sample offset (0: no sample lost or added) | " + r.offsetChanges()
                + " | | |");
        line("| sounds heard that were not bursts | " + r.extraOnsets() + " | | |");
        line("");
        summary.add(String.format(Locale.ROOT, "live (virtual microphone, %d bursts): end to end p50 %s / p90 %s / "
                        + "max %s ms (target <= %.0f), of which hop wait p50 %s ms and added p50 %s / max %s ms "
                        + "(<= %.0f); interval mean %s ms, %d dropped", matched.size(), f(e2e.p50(), 1),
                f(e2e.p90(), 1), f(e2e.max(), 1), e2eTarget, f(wait.p50(), 1), f(added.p50(), 1),
                f(added.max(), 1), LIVE_EXTRA_LATENCY_MS, f(r.meanInterval(), 1), r.dropped()));
        if (e2e.n() > 0) {
            line(String.format(Locale.ROOT, "**Where the time goes**: of the %s ms end to end (p50), %s ms is the hop "
                    + "wait, which is the window grid, not a delay in the code: a sound that starts just after a "
                    + "window was cut waits for the next one. The remaining %s ms (p50; max %s) is what the pipeline "
                    + "adds: %s ms until the capture read returns, %s ms more to the onset frame, and %s ms from "
                    + "window to listeners. The capture line's share is PulseAudio's and Java Sound's buffering; "
                    + "MicrophoneAudioSource asks for a 40 ms line buffer and reads at most half of it at a time.",
                    f(e2e.p50(), 1), f(wait.p50(), 1), f(added.p50(), 1), f(added.max(), 1), f(capture.p50(), 1),
                    f(frame.p50() - capture.p50(), 1), f(inference.p50(), 1)));
            line("");
        }
        line("<details><summary>Every burst (ms after the reference)</summary>");
        line("");
        line("| burst | onset (playback frame) | line reported it played | 1. capture read | 2. onset frame | "
                + "3. hop wait | 4. inference | 5. end to end | 6. added | 7. speech label |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        for (BurstRow b : r.rows())
            line("| " + (b.burst() + 1) + " | " + b.playbackFrame() + " | " + f(b.reportedLagMs(), 1) + " | "
                    + f(b.captureMs(), 1) + " | " + f(b.frameMs(), 1) + " | " + f(b.hopWaitMs(), 1) + " | "
                    + f(b.inferenceMs(), 1) + " | " + f(b.deliveredMs(), 1) + " | " + f(b.addedMs(), 1) + " | "
                    + f(b.speechMs(), 1) + " |");
        line("");
        line("</details>");
        line("");
    }

    private void partRow(String name, String what, Part p, String target, String met) {
        line("| " + name + " | " + what + " | " + f(p.p50(), 1) + " | " + f(p.p90(), 1) + " | " + f(p.max(), 1)
                + " | " + target + " | " + met + " |");
    }

    private void memory(List<MemoryPoint> points) {
        line("## Memory over the run");
        line("");
        line("The benchmark process's memory after each phase (phases in the order run), with the model calls made so "
                + "far; the last row follows an explicit `System.gc()`.");
        line("");
        line("| after | model calls so far | RSS (MB) | heap used (MB) | heap committed (MB) | RSS outside the "
                + "committed heap (MB) |");
        line("|---|---|---|---|---|---|");
        for (MemoryPoint p : points) {
            line("| " + p.after() + " | " + p.modelCalls() + " | " + Machine.mb(p.rssKb()) + " | "
                    + mb(p.heapUsedBytes()) + " | " + mb(p.heapCommittedBytes()) + " | "
                    + (p.rssKb() < 0 ? "n/a" : f(p.rssKb() / 1024.0 - p.heapCommittedBytes() / 1048576.0, 0)) + " |");
        }
        line("");
    }

    private void limitsParagraph(List<String> limits) {
        if (limits.isEmpty()) return;
        line("**What limits the rest**: " + String.join(" ", limits));
        line("");
    }

    private String check(boolean ok) {
        targets++;
        if (ok) met++;
        return ok ? "yes" : "**no**";
    }

    private static String list(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) b.append(b.length() == 0 ? "" : ", ").append(f(x, 2));
        return b.toString();
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "n/a" : f(bytes / 1048576.0, 0);
    }

    static String f(double v, int decimals) {
        if (Double.isNaN(v)) return "n/a";
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private void line(String s) {
        md.append(s).append('\n');
    }
}
