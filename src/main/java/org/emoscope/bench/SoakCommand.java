package org.emoscope.bench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.emoscope.cli.Main;
import org.emoscope.cli.ModelOption;
import org.emoscope.model.EmotionModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code emoscope soak}: runs the live pipeline on a simulated real-time source for a long time and reports whether
 * memory, cadence or latency drift. Samples go to a CSV file as they are taken; the Markdown report is written at
 * the end (exit code 1 if a target was missed or the run failed).
 */
@Command(name = "soak", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Endurance run: the live pipeline on a simulated real-time source for --minutes, recording "
                + "resident memory, heap, dropped windows, update cadence and latency.",
                "Writes the samples to --csv as it goes and a Markdown report to --out at the end."})
final class SoakCommand implements Callable<Integer> {

    @Mixin
    ModelOption modelOption;

    @Option(names = "--minutes", defaultValue = "60", description = "How long to run (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--sample-seconds", defaultValue = "10",
            description = "Seconds between samples (default: ${DEFAULT-VALUE}).")
    double sampleSeconds;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "docs/soak.md",
            description = "Markdown report (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--csv", paramLabel = "FILE", defaultValue = "docs/soak.csv",
            description = "Samples, written as they are taken (default: ${DEFAULT-VALUE}).")
    Path csv;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (!(minutes > 0) || !(sampleSeconds > 0)) {
            err.println("emoscope soak: --minutes and --sample-seconds must be positive");
            return 2;
        }
        EmotionModel model = modelOption.loadOrReport(problem -> err.println("emoscope soak: " + problem));
        if (model == null) return 1;
        Path bundle = modelOption.loaded();
        for (Path p : List.of(out, csv)) {
            Path parent = p.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        }
        String date = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        double loadBefore = Machine.loadAverage();
        long[] cpuBefore = Machine.cpuTicks();
        long startNanos = System.nanoTime();
        model.warmUp(model.featureConfig().framesFor(2.0), 5); // as the app does
        err.printf(Locale.ROOT, "soak: %.0f min, a sample every %.0f s, samples in %s%n", minutes, sampleSeconds, csv);
        err.flush();
        Soak.Result result = Soak.run(model, minutes * 60, sampleSeconds, csv, s -> {
            err.printf(Locale.ROOT,
                    "[%s] RSS %.0f MB, heap %.0f/%.0f MB, %d windows, %d dropped, interval %.1f ms, p99 %.1f ms%n",
                    durationOf(s.elapsedSeconds()), s.rssKb() / 1024.0, s.heapUsedBytes() / 1048576.0,
                    s.heapCommittedBytes() / 1048576.0, s.windows(), s.dropped(), s.intervalMeanMs(),
                    s.latencyP99Ms());
            err.flush();
        });
        double runSeconds = (System.nanoTime() - startNanos) / 1e9;
        SoakReport report = new SoakReport();
        String md = report.render(new SoakReport.Context(command(), date,
                "`" + bundle + "`" + (model.untrained() ? " (untrained)" : ""), csv.toString(), loadBefore,
                Machine.loadAverage(), Machine.otherProcessesCores(cpuBefore, Machine.cpuTicks(), runSeconds)), result);
        Files.writeString(out, md, StandardCharsets.UTF_8);
        boolean ok = result.failure() == null;
        for (String line : report.summaryLines()) {
            err.println("  " + line);
            if (line.endsWith("(MISSED)") || line.startsWith("too few")) ok = false;
        }
        err.println("written to " + out);
        err.flush();
        return ok ? 0 : 1;
    }

    private static String durationOf(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }

    private String command() {
        List<String> args = spec.root().commandLine().getParseResult().originalArgs();
        return "bin/emoscope " + String.join(" ", args);
    }
}
