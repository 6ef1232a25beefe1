package org.emoscope.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;

import org.emoscope.model.EmotionModel;
import org.emoscope.train.ExplanationCheck;
import org.emoscope.train.corpus.Utterance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code emoscope explain-check}: are a model's explanations faithful? Writes a table into docs/explain.md. */
@Command(name = "explain-check", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Measures whether a model's explanations are faithful, on files it never trained on: deleting "
                + "the 10%% most-attributed log-mel cells (or the 10%% frames of most attention) against 10%% at random, "
                + "the rank correlation with a randomly initialised network's maps, and the share of frame "
                + "attention on frames the speech detector calls non-speech.",
                "Writes a table for the model into --out (docs/explain.md)."})
final class ExplainCheckCommand implements Callable<Integer> {

    @Mixin
    ModelOption modelOption;

    @Mixin
    TestSet.Options testSet;

    @Option(names = "--files", paramLabel = "N", defaultValue = "300",
            description = "Files drawn (seeded) from the test set, spread evenly over its corpora (default: "
                    + "${DEFAULT-VALUE}).")
    int maxFiles;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "" + org.emoscope.model.Explainer.DEFAULT_STEPS,
            description = "Integration steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the file draw, the random deletions and "
            + "the randomised network (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "docs/explain.md",
            description = "Page whose table for this model is written or replaced (default: ${DEFAULT-VALUE}).")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        if (maxFiles < 1 || steps < 1) throw new ParameterException(spec.commandLine(), "--files and --steps must be >= 1");
        EmotionModel model = modelOption.loadOrReport(problem -> err.println("emoscope explain-check: " + problem));
        if (model == null) return 1;
        String command = "bin/emoscope " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        List<Utterance> test = testSet.select(model, modelOption.loaded, err, spec).utterances();
        // spread the draw evenly over corpora, seeded
        Map<String, List<Utterance>> byCorpus = new LinkedHashMap<>();
        test.stream().sorted(Comparator.comparing(u -> u.file().toString()))
                .forEach(u -> byCorpus.computeIfAbsent(u.corpus(), k -> new ArrayList<>()).add(u));
        Random rnd = new Random(seed);
        for (List<Utterance> l : byCorpus.values()) Collections.shuffle(l, rnd);
        List<Path> files = new ArrayList<>();
        for (int i = 0; files.size() < Math.min(maxFiles, test.size()); i++)
            for (List<Utterance> l : byCorpus.values())
                if (i < l.size() && files.size() < maxFiles) files.add(l.get(i).file());
        err.printf("checking %d files of %s%n", files.size(), byCorpus.keySet());
        long t0 = System.nanoTime();
        List<ExplanationCheck.FileCheck> checks = new ExplanationCheck(model, steps, seed).run(files, seed,
                err::println);
        double minutes = (System.nanoTime() - t0) / 6e10;
        String modelName = modelOption.loaded.getFileName().toString();
        String table = table(checks, model, modelName, byCorpus.keySet(), command, minutes, steps);
        err.print(table);
        RobustnessCommand.updatePage(out, "explain", "# Explanations", RobustnessCommand.tag(modelName,
                testSet.tag()), table);
        err.println("table written to " + out);
        return 0;
    }

    static String table(List<ExplanationCheck.FileCheck> c, EmotionModel model, String modelName,
                        Set<String> corpora, String command, double minutes, int steps) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s (%s frame attention), %d files with speech from %s, %d integration "
                        + "steps; network probability of its predicted class, mean over files.%n%n", modelName,
                model.attentivePooling() ? "attentive pooling: weights that sum to 1" : "sigmoid frame gate",
                c.size(), corpora, steps));
        b.append("| measure | value |\n|---|---|\n");
        row(b, "probability before deletion", mean(c, ExplanationCheck.FileCheck::probability));
        row(b, "drop, 10% most-attributed cells deleted", mean(c, ExplanationCheck.FileCheck::topCellDrop));
        row(b, "drop, 10% random cells deleted", mean(c, ExplanationCheck.FileCheck::randomCellDrop));
        b.append(String.format(Locale.ROOT, "| files where the top cells drop it more than random ones | %.1f%% |%n",
                100 * share(c, f -> f.topCellDrop() > f.randomCellDrop())));
        row(b, "drop, 10% frames of most attention deleted", mean(c, ExplanationCheck.FileCheck::topFrameDrop));
        row(b, "drop, 10% random frames deleted", mean(c, ExplanationCheck.FileCheck::randomFrameDrop));
        b.append(String.format(Locale.ROOT, "| files where the top frames drop it more than random ones | %.1f%% |%n",
                100 * share(c, f -> f.topFrameDrop() > f.randomFrameDrop())));
        row(b, "rank correlation with a randomly initialised network's map", mean(c,
                ExplanationCheck.FileCheck::rankCorrelation));
        row(b, "completeness: cells' sum minus the change explained, mean absolute",
                mean(c, ExplanationCheck.FileCheck::completenessGap));
        row(b, "change explained (probability minus neutral window's), mean absolute",
                mean(c, f -> Math.abs(f.change())));
        b.append(String.format(Locale.ROOT, "| frame attention on non-speech frames (file between %.2f s pauses of %.0f dBFS pink noise, all windows) | %.1f%% |%n",
                ExplanationCheck.PAUSE_SECONDS, ExplanationCheck.PAUSE_DBFS,
                100 * mean(c, ExplanationCheck.FileCheck::nonSpeechAttention)));
        b.append(String.format(Locale.ROOT, "| non-speech frames there (all windows) | %.1f%% |%n",
                100 * mean(c, ExplanationCheck.FileCheck::nonSpeechFrames)));
        b.append(String.format(Locale.ROOT, "%nReproduce: `%s` (%s, %.0f min).%n", command, LocalDate.now(), minutes));
        return b.toString();
    }

    private static void row(StringBuilder b, String name, double v) {
        b.append(String.format(Locale.ROOT, "| %s | %.4f |%n", name, v));
    }

    private static double mean(List<ExplanationCheck.FileCheck> c, ToDoubleFunction<ExplanationCheck.FileCheck> f) {
        return c.stream().mapToDouble(f).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    private static double share(List<ExplanationCheck.FileCheck> c,
                                java.util.function.Predicate<ExplanationCheck.FileCheck> p) {
        return c.isEmpty() ? Double.NaN : c.stream().filter(p).count() / (double) c.size();
    }

}
