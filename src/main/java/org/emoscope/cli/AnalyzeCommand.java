package org.emoscope.cli;

import org.emoscope.model.EmotionModel;
import org.emoscope.pipeline.AnalyzerSettings;
import org.emoscope.pipeline.FileAnalysis;
import org.emoscope.pipeline.FileAnalyzer;
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
            description = "Time between windows (default: ${DEFAULT-VALUE} s).")
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
        Progress progress = new Progress(err, quiet, files.size());
        int failed = 0;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            progress.start(i, file);
            try {
                FileAnalysis result = analyzer.analyze(file, progress::update, null);
                writer.result(result);
                progress.done(String.format(Locale.ROOT, "%s %.0f%%", result.label(), 100 * result.confidence()));
                // not progress: said even with -q (JSON also carries it as "warning"; CSV has only this line)
                if (result.warning() != null) err.println("emoscope analyze: warning: " + result.warning());
            } catch (IOException | RuntimeException e) {
                failed++;
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                writer.error(file.toString(), reason);
                progress.done("failed: " + reason);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("emoscope analyze: interrupted");
                return 130;
            }
        }
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}
