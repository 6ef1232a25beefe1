package org.emoscope.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.emoscope.train.corpus.Corpora;
import org.emoscope.train.eval.ConfusionMatrix;
import org.emoscope.train.eval.ConfusionMatrixImage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The leave-one-corpus-out report ({@code docs/results/loco.{md,json}} and a confusion matrix per held-out corpus)
 * and its table at the top of {@code docs/results.md}. Every figure is a mean over the run's seeds, with the standard
 * deviation across seeds beside it when there is more than one; per-class recall and confusion matrices pool the
 * seeds.
 */
public final class CrossCorpusReport {

    /** The recipe name of the network alone. */
    public static final String NETWORK = "network";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One leave-one-corpus-out run.
     *
     * @param corpora    the corpora, each held out in turn
     * @param recipe     what was evaluated ({@link #NETWORK}, or another recipe's name)
     * @param seeds      the seeds run
     * @param folds      every fold of every seed
     * @param seconds    wall time of the whole run
     * @param date       ISO date
     * @param command    the command that reproduces it
     * @param details    settings worth recording
     */
    public record Run(String recipe, List<String> corpora, List<Long> seeds, List<CorpusFoldResult> folds,
                      double seconds, String date, String command, Map<String, Object> details) {

        /** The network recipe's run, whose report is {@code loco.*}. */
        public Run(List<String> corpora, List<Long> seeds, List<CorpusFoldResult> folds, double seconds,
                   String date, String command, Map<String, Object> details) {
            this(NETWORK, corpora, seeds, folds, seconds, date, command, details);
        }

        /** The report's base name: {@code loco} for the network, {@code loco-<recipe>} otherwise. */
        public String base() {
            return recipe.equals(NETWORK) ? "loco" : "loco-" + recipe;
        }

        public Run {
            corpora = List.copyOf(corpora);
            seeds = List.copyOf(seeds);
            folds = List.copyOf(folds);
        }

        /** The folds that held out {@code corpus}, one per seed. */
        public List<CorpusFoldResult> heldOut(String corpus) {
            return folds.stream().filter(f -> f.heldOut().equals(corpus)).toList();
        }
    }

    private CrossCorpusReport() {
    }

    /** {@code metric} of each seed's fold for {@code corpus}, over {@code subset}. */
    public static Spread spread(Run run, String corpus, List<String> subset, boolean oneFile,
                                ToDoubleFunction<ConfusionMatrix> metric) {
        List<Double> values = new ArrayList<>();
        for (CorpusFoldResult f : run.heldOut(corpus))
            values.add(metric.applyAsDouble(CrossCorpusScores.confusion(f, subset, oneFile)));
        return Spread.of(values);
    }

    /** The confusion over {@code subset} pooled over seeds. */
    public static ConfusionMatrix pooled(Run run, String corpus, List<String> subset, boolean oneFile) {
        ConfusionMatrix cm = new ConfusionMatrix(subset);
        for (CorpusFoldResult f : run.heldOut(corpus)) cm.addAll(CrossCorpusScores.confusion(f, subset, oneFile));
        return cm;
    }

    private static List<String> own(Run run, String corpus) {
        return CrossCorpusScores.ownClasses(run.heldOut(corpus).get(0));
    }

    /** Writes {@code <dir>/loco.{json,md}} and per corpus {@code loco-<corpus>-confusion.{csv,png}}; returns the md. */
    public static String write(Run run, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("protocol", "corpus");
        json.put("protocol_label", Protocol.CORPUS.description());
        json.put("seeds", run.seeds());
        Map<String, Object> perCorpus = new LinkedHashMap<>();
        for (String c : run.corpora()) {
            List<String> own = own(run, c);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("own_classes", own);
            m.put("one_file", scores(run, c, own, true));
            m.put("voice_learnt", scores(run, c, own, false));
            m.put("shared4_one_file", scores(run, c, CrossCorpusScores.SHARED, true));
            m.put("shared4_voice_learnt", scores(run, c, CrossCorpusScores.SHARED, false));
            ConfusionMatrix cm = pooled(run, c, own, true);
            Map<String, Object> recall = new LinkedHashMap<>();
            for (int i = 0; i < own.size(); i++) recall.put(own.get(i), cm.recall(i));
            m.put("recall_one_file", recall);
            m.put("files", run.heldOut(c).get(0).truth().length);
            perCorpus.put(c, m);
            String base = run.base() + "-" + c;
            Files.writeString(dir.resolve(base + "-confusion.csv"), cm.toCsv(), StandardCharsets.UTF_8);
            ConfusionMatrixImage.write(cm, Corpora.get(c).displayName() + ", never heard (one file at a time)",
                    dir.resolve(base + "-confusion.png"));
        }
        json.put("held_out", perCorpus);
        Map<String, Object> mean = new LinkedHashMap<>();
        mean.put("ua_one_file", meanOverCorpora(run, true, false));
        mean.put("ua_shared4_one_file", meanOverCorpora(run, true, true));
        json.put("mean_over_corpora", mean);
        json.put("seconds", Math.round(run.seconds()));
        json.put("date", run.date());
        json.put("command", run.command());
        json.put("details", run.details());
        List<Map<String, Object>> folds = new ArrayList<>();
        for (CorpusFoldResult f : run.folds()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("held_out", f.heldOut());
            m.put("seed", f.seed());
            m.put("train_corpora", f.trainCorpora());
            m.put("validation_speakers", f.validationSpeakers());
            m.put("best_epoch", f.bestEpoch());
            m.put("epochs_run", f.epochsRun());
            m.put("seconds", Math.round(f.seconds()));
            m.put("windows_per_second", Math.round(f.windowsPerSecond()));
            folds.add(m);
        }
        json.put("folds", folds);
        json.put("recipe", run.recipe());
        JSON.writeValue(dir.resolve(run.base() + ".json").toFile(), json);
        String md = markdown(run);
        Files.writeString(dir.resolve(run.base() + ".md"), md, StandardCharsets.UTF_8);
        return md;
    }

    private static Map<String, Object> scores(Run run, String corpus, List<String> subset, boolean oneFile) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, ToDoubleFunction<ConfusionMatrix>> metrics = new LinkedHashMap<>();
        metrics.put("ua", ConfusionMatrix::unweightedAccuracy);
        metrics.put("wa", ConfusionMatrix::weightedAccuracy);
        metrics.put("macro_f1", ConfusionMatrix::macroF1);
        for (var e : metrics.entrySet()) {
            Spread s = spread(run, corpus, subset, oneFile, e.getValue());
            m.put(e.getKey(), s.mean());
            m.put(e.getKey() + "_sd", s.sd());
        }
        return m;
    }

    /** UA averaged over the held-out corpora (each seed's mean over corpora, then mean ± sd over seeds). */
    public static Spread meanOverCorpora(Run run, boolean oneFile, boolean shared) {
        List<Double> perSeed = new ArrayList<>();
        for (long seed : run.seeds()) {
            double sum = 0;
            int n = 0;
            for (CorpusFoldResult f : run.folds()) {
                if (f.seed() != seed) continue;
                List<String> subset = shared ? CrossCorpusScores.SHARED : own(run, f.heldOut());
                sum += CrossCorpusScores.confusion(f, subset, oneFile).unweightedAccuracy();
                n++;
            }
            if (n > 0) perSeed.add(sum / n);
        }
        return Spread.of(perSeed);
    }

    /** The summary table, one row per held-out corpus, as in docs/results.md and README. */
    public static String table(Run run) {
        StringBuilder b = new StringBuilder();
        b.append("| held-out corpus (own classes) | UA, one file at a time | WA | macro-F1 | UA, voice learnt "
                + "| 4 shared classes: UA, one file | UA, voice learnt | chance (own / 4) |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (String c : run.corpora()) {
            List<String> own = own(run, c);
            b.append(String.format(Locale.ROOT, "| %s (%d) | **%s** | %s | %s | %s | **%s** | %s | %.1f / 25.0 |%n",
                    Corpora.get(c).displayName(), own.size(),
                    spread(run, c, own, true, ConfusionMatrix::unweightedAccuracy).percent(),
                    spread(run, c, own, true, ConfusionMatrix::weightedAccuracy).percent(),
                    spread(run, c, own, true, ConfusionMatrix::macroF1).percent(),
                    spread(run, c, own, false, ConfusionMatrix::unweightedAccuracy).percent(),
                    spread(run, c, CrossCorpusScores.SHARED, true, ConfusionMatrix::unweightedAccuracy).percent(),
                    spread(run, c, CrossCorpusScores.SHARED, false, ConfusionMatrix::unweightedAccuracy).percent(),
                    100.0 / own.size()));
        }
        b.append(String.format(Locale.ROOT, "| **mean over corpora** | **%s** | | | %s | **%s** | %s | |%n",
                meanOverCorpora(run, true, false).percent(), meanOverCorpora(run, false, false).percent(),
                meanOverCorpora(run, true, true).percent(), meanOverCorpora(run, false, true).percent()));
        return b.toString();
    }

    /**
     * The folds' own time added up (two train at once on two cores, so the wall time is about half) and this
     * invocation's wall time, which is short when it resumed finished folds.
     */
    static String timing(Run run) {
        double folds = run.folds().stream().mapToDouble(CorpusFoldResult::seconds).sum();
        return "folds " + EvaluationReport.duration(folds) + " added up, this invocation "
                + EvaluationReport.duration(run.seconds());
    }

    private static String seedsText(Run run) {
        return run.seeds().size() == 1 ? "1 seed (" + run.seeds().get(0) + "); figures from one seed move by several "
                + "points with another" : run.seeds().size() + " seeds " + run.seeds() + ", mean ± sd";
    }

    private static String markdown(Run run) {
        StringBuilder b = new StringBuilder();
        b.append("# Leave one corpus out: voices, languages and recordings never heard")
                .append(run.recipe().equals(NETWORK) ? "" : " (" + run.recipe() + ")").append("\n\n");
        b.append("Each corpus in turn is held out; a network is trained on all the others and tested on every file of "
                + "the held-out one. \"One file at a time\" scores each file as `analyze` does (the voice learnt only "
                + "from that file); \"voice learnt\" gives each test speaker's statistics from all of their files "
                + "(unlabelled), as a live session reaches after listening for a while. \"Own classes\": the held-out "
                + "corpus's classes as the model names them (RAVDESS calm and EMO-DB boredom are neutral), the "
                + "prediction being the most probable of them. \"4 shared\": angry, happy, neutral, sad, which every "
                + "corpus has. UA = balanced accuracy, WA = accuracy. Percentages; ")
                .append(seedsText(run)).append(".\n\n");
        b.append(table(run)).append('\n');
        b.append("Reproduce: `").append(run.command()).append("` (").append(run.date()).append("; ")
                .append(timing(run)).append(")\n\n");
        for (String c : run.corpora()) {
            List<String> own = own(run, c);
            ConfusionMatrix cm = pooled(run, c, own, true);
            b.append("## ").append(Corpora.get(c).displayName()).append(" held out\n\n");
            b.append(String.format(Locale.ROOT, "%d files; trained on %s.%n%n", run.heldOut(c).get(0).truth().length,
                    run.heldOut(c).get(0).trainCorpora()));
            b.append("| class | recall, one file at a time |\n|---|---|\n");
            for (int i = 0; i < own.size(); i++)
                b.append(String.format(Locale.ROOT, "| %s | %.1f%% |%n", own.get(i), 100 * cm.recall(i)));
            String base = run.base() + "-" + c;
            b.append("\n![confusion matrix](").append(base).append("-confusion.png) CSV: [").append(base)
                    .append("-confusion.csv](").append(base).append("-confusion.csv)\n\n");
        }
        b.append("## Folds\n\n| held out | seed | validation speakers | best epoch / run | minutes | windows/s |\n"
                + "|---|---|---|---|---|---|\n");
        for (CorpusFoldResult f : run.folds())
            b.append(String.format(Locale.ROOT, "| %s | %d | %s | %d / %d | %.1f | %.0f |%n", f.heldOut(), f.seed(),
                    String.join(" ", f.validationSpeakers()), f.bestEpoch(), f.epochsRun(), f.seconds() / 60,
                    f.windowsPerSecond()));
        b.append("\n## Settings\n\n");
        run.details().forEach((k, v) -> b.append("- ").append(k).append(": `").append(v).append("`\n"));
        return b.toString();
    }

    /**
     * Puts this run's table at the top of {@code resultsMd} (under its title), replacing the one there. The rest of
     * the page is left as it is.
     */
    public static void updateTable(Run run, Path resultsMd) throws IOException {
        String text = Files.isRegularFile(resultsMd) ? Files.readString(resultsMd) : "# Evaluation results\n";
        String start = "<!-- " + run.base() + ":start -->", end = "<!-- " + run.base() + ":end -->";
        String block = start + "\n" + table(run) + "\n" + seedsText(run) + ". Reproduce: `" + run.command() + "` ("
                + run.date() + "; " + timing(run) + "); details in [results/" + run.base() + ".md](results/"
                + run.base() + ".md).\n" + end;
        if (!run.recipe().equals(NETWORK)) block = "### Recipe: " + run.recipe() + "\n\n" + block;
        int s = text.indexOf(start);
        int e = text.indexOf(end);
        if (s >= 0 && !run.recipe().equals(NETWORK)) s = text.lastIndexOf("### Recipe: ", s);
        String updated;
        if (s >= 0 && e > s) {
            updated = text.substring(0, s) + block + text.substring(e + end.length());
        } else if (!run.recipe().equals(NETWORK) && text.contains("<!-- loco:end -->")) {
            int after = text.indexOf("<!-- loco:end -->") + "<!-- loco:end -->".length();
            updated = text.substring(0, after) + "\n\n" + block + text.substring(after);
        } else {
            int eol = text.indexOf('\n');
            String title = eol < 0 ? text : text.substring(0, eol);
            String rest = eol < 0 ? "" : text.substring(eol + 1);
            updated = title + "\n\n## A voice, language and recording never heard: leave one corpus out\n\n" + block
                    + "\n\n## Within each corpus\n" + rest;
        }
        Files.createDirectories(resultsMd.toAbsolutePath().getParent());
        Files.writeString(resultsMd, updated, StandardCharsets.UTF_8);
    }
}
