package org.emoscope.cli;

import org.emoscope.model.EmotionModel;
import org.emoscope.train.SpeechDetection;
import org.emoscope.train.augment.Babble;
import org.emoscope.train.corpus.Corpus;
import org.emoscope.train.corpus.Utterance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code emoscope speech-detection}: how well the speech detector finds speech in noise and ignores noise. */
@Command(name = "speech-detection", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Measures the speech detector through the whole file-mode pipeline: corpus speech mixed with "
                + "pink, brown, babble, hum and music-like backgrounds at 20, 10, 5 and 0 dB SNR, reverberant "
                + "speech, 1.5 s files, and each background alone.",
                "Labels come from the clean speech's energy. Writes a table into --out (docs/robustness.md)."})
final class SpeechDetectionCommand implements Callable<Integer> {

    @Mixin
    ModelOption modelOption;

    @Option(names = "--corpus", split = ",", defaultValue = "emovo,emodb-2s,nemo",
            description = "Corpora whose files are the speech (default: ${DEFAULT-VALUE}; the detector was tuned on "
                    + "ravdess and tess).")
    List<String> corpora;

    @Option(names = "--files", defaultValue = "20", description = "Files per corpus, spread evenly over its sorted "
            + "list (default: ${DEFAULT-VALUE}).")
    int filesPerCorpus;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "../shared/corpora",
            description = "Folder holding one sub-folder per corpus (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--babble-corpus", defaultValue = "ravdess",
            description = "Corpus whose speakers (outside the test files) make the babble (default: ${DEFAULT-VALUE}).")
    String babbleCorpus;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "docs/robustness.md",
            description = "Page whose table for these corpora is written or replaced (default: ${DEFAULT-VALUE}).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        EmotionModel model = modelOption.loadOrReport(problem -> err.println("emoscope speech-detection: " + problem));
        if (model == null) return 1;
        String command = "bin/emoscope " + String.join(" ",
                spec.commandLine().getParseResult().originalArgs());
        List<Utterance> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String name : corpora) {
            Corpus c = TrainingOptions.corpus(name);
            names.add(c.displayName());
            List<Utterance> all = TrainingOptions.scan(c, data, err).utterances().stream()
                    .sorted(Comparator.comparing(u -> u.file().toString())).toList();
            int n = Math.min(filesPerCorpus, all.size());
            for (int i = 0; i < n; i++) files.add(all.get((int) ((long) i * all.size() / n)));
        }
        Set<String> speakers = new LinkedHashSet<>();
        files.forEach(u -> speakers.add(u.speakerKey()));
        RobustnessCommand.BabblePool babble = RobustnessCommand.babblePool(TrainingOptions.corpus(babbleCorpus),
                speakers, data, err);
        long t0 = System.nanoTime();
        SpeechDetection detection = new SpeechDetection(model);
        List<SpeechDetection.Counts> rows = detection.run(files,
                SpeechDetection.backgrounds(new Babble(babble.recordings(), babble.name(), 6, 0)), c -> err.printf(Locale.ROOT,
                        "%-28s speech windows found %s, other windows called speech %s%n", c.condition(),
                        SpeechDetection.Counts.rate(c.speechWindowsDetected(), c.speechWindows()),
                        SpeechDetection.Counts.rate(c.otherWindowsCalled(), c.otherWindows())));
        StringBuilder b = new StringBuilder();
        b.append("### Speech detector on ").append(String.join(", ", names)).append("\n\n");
        b.append(String.format(Locale.ROOT, "%d files (%d per corpus), %d speakers; babble from %s. "
                        + "Aims at 10 dB SNR: at least 95%% of speech windows found; at most 5%% of windows of a "
                        + "background alone called speech.%n%n", files.size(), filesPerCorpus, speakers.size(),
                babble.description()));
        b.append("| condition | speech windows found | speech frames found | other frames called speech | windows "
                + "without speech called speech |\n|---|---|---|---|---|\n");
        for (SpeechDetection.Counts c : rows)
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", c.condition(),
                    SpeechDetection.Counts.rate(c.speechWindowsDetected(), c.speechWindows()),
                    SpeechDetection.Counts.rate(c.speechFramesDetected(), c.speechFrames()),
                    SpeechDetection.Counts.rate(c.otherFramesCalled(), c.otherFrames()),
                    SpeechDetection.Counts.rate(c.otherWindowsCalled(), c.otherWindows())));
        b.append(String.format(Locale.ROOT, "%nReproduce: `%s` (%s, %.0f min)%n", command, LocalDate.now(),
                (System.nanoTime() - t0) / 6e10));
        RobustnessCommand.updatePage(out, "speech-detector-" + String.join("-", corpora), b.toString());
        err.println("table written to " + out);
        return 0;
    }
}
