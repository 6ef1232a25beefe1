package org.emoscope.cli;

import org.emoscope.model.EmotionModel;
import org.emoscope.pipeline.AnalyzerSettings;
import org.emoscope.pipeline.FileAnalyzer;
import org.emoscope.pipeline.FileBatch;
import org.emoscope.pipeline.StreamingAnalyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code emoscope analyze FILE...}: one result per file on stdout, progress on stderr. */
@Command(name = "analyze", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Analyses audio files (WAV, AIFF, AU, FLAC, MP3, OGG) and prints, per file, the emotion "
                + "over the whole file and a timeline of segments.",
                "Exit code 0 when every file was analysed, 1 when any failed (the others are still reported)."})
final class AnalyzeCommand implements Callable<Integer> {

    enum Format { jsonl, csv }

    @Mixin
    ModelOption modelOption;

    @Option(names = {"-f", "--format"}, defaultValue = "jsonl",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--window", paramLabel = "SECONDS",
            description = "Analysis window length (default: the length the model was trained on).")
    Double window;

    @Option(names = "--hop", paramLabel = "SECONDS", defaultValue = "0.25",
            description = "Time between windows (default: ${DEFAULT-VALUE} s), rounded down to the network's "
                    + "attention frames (40 ms) so that windows share its trunk: 0.24 s for 0.25.")
    double hop;

    @Option(names = "--one-speaker", description = "All files are one speaker: a speaker-normalised model first "
            + "learns the voice from all of them, then analyses each with it (more accurate for many short files).")
    boolean oneSpeaker;

    @Option(names = "--explain", description = "Explain every speech window (JSON only): which time-frequency cells "
            + "pushed its predicted class up or down (integrated gradients on the log-mel spectrogram, 40 ms x 4 mel "
            + "bands per cell), the frame attention, and the window statistics that moved it most. Slower: several "
            + "network passes per window. See README, 'Explanations'.")
    boolean explain;

    @Option(names = "--explain-steps", paramLabel = "N", defaultValue = "" + org.emoscope.model.Explainer.DEFAULT_STEPS,
            description = "Integration steps of --explain (default: ${DEFAULT-VALUE}; more is slower and closer to "
                    + "exact).")
    int explainSteps;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Files analysed at once (default: the "
            + "processors available, " + "here ${DEFAULT-VALUE}); results are still printed in the order given.")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files to analyse.")
    List<Path> files;

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        EmotionModel model = modelOption.loadOrReport(problem -> err.println("emoscope analyze: " + problem));
        if (model == null) return 1;
        Path bundle = modelOption.loaded;
        AnalyzerSettings settings;
        try {
            settings = AnalyzerSettings.forModel(model);
            if (window != null || hop != settings.hopSeconds())
                settings = settings.withWindow(window == null ? settings.windowSeconds() : window, hop);
            if (jobs < 1) throw new IllegalArgumentException("--jobs must be at least 1");
            if (explain) {
                if (format == Format.csv) throw new IllegalArgumentException("--explain needs JSON output (-f jsonl)");
                if (explainSteps < 1) throw new IllegalArgumentException("--explain-steps must be at least 1");
                settings = settings.withExplanations(explainSteps);
            }
        } catch (IllegalArgumentException e) {
            err.println("emoscope analyze: " + e.getMessage());
            return 2;
        }
        FileAnalyzer analyzer = new FileAnalyzer(new StreamingAnalyzer(model, settings));
        String modelName = model.untrained() ? "untrained" : bundle.getFileName().toString();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        ResultWriter writer = format == Format.csv ? new CsvResultWriter(out, model.labels())
                : new JsonResultWriter(out, modelName);
        if (oneSpeaker) {
            try {
                double seconds = analyzer.learnVoice(files);
                if (!quiet)
                    err.println(model.adaptsToVoices()
                            ? String.format(Locale.ROOT, "learnt the voice from %.0f s of speech in %d file(s)",
                                    seconds, files.size())
                            : "--one-speaker: this model does not adapt to voices; each file is analysed alone");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("emoscope analyze: interrupted");
                return 130;
            }
        }
        Progress progress = new Progress(err, quiet, files.size(), Math.min(jobs, files.size()) == 1);
        int[] failed = {0};
        try {
            FileBatch.run(analyzer, files, jobs, new FileBatch.Listener() {
                @Override
                public void started(int index, Path file) {
                    progress.start(index, file);
                }

                @Override
                public void progress(int index, double fraction) {
                    progress.update(fraction);
                }

                @Override
                public void finished(int index, FileBatch.Outcome o) {
                    progress.done(index, o.file(), o.failed() ? "failed: " + o.failure()
                            : String.format(Locale.ROOT, "%s %.0f%%", o.analysis().label(),
                            100 * o.analysis().confidence()));
                }

                @Override
                public void inOrder(int index, FileBatch.Outcome o) {
                    if (o.failed()) {
                        failed[0]++;
                        writer.error(o.file().toString(), o.failure());
                        return;
                    }
                    writer.result(o.analysis());
                    // not progress: said even with -q (JSON also carries it as "warning"; CSV has only this line)
                    if (o.analysis().warning() != null)
                        err.println("emoscope analyze: warning: " + o.analysis().warning());
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("emoscope analyze: interrupted");
            return 130;
        }
        out.flush();
        return failed[0] == 0 ? 0 : 1;
    }
}
