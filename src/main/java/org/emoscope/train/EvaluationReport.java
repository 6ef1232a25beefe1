package org.emoscope.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Writes one evaluation's report (JSON, Markdown, confusion matrix CSV and PNG) and keeps the table in
 * {@code docs/results.md} up to date: one row per corpus and protocol, beside the paper's claim.
 */
public final class EvaluationReport {

    /** Accuracy the seed paper (arXiv 2507.03251) reports per corpus, with its leaky protocol. */
    public static final Map<String, Double> PAPER_CLAIMS = Map.of(
            "savee", 97.49, "ravdess", 99.23, "cremad", 89.31, "tess", 99.82, "emodb", 99.53, "emodb-2s", 99.53,
            "emovo", 96.39);

    private static final String START = "<!-- results:start -->";
    private static final String END = "<!-- results:end -->";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Everything about one run.
     *
     * @param corpus      corpus name (e.g. {@code ravdess})
     * @param corpusTitle display name (e.g. "EMO-DB (2 s)")
     * @param protocol    the protocol
     * @param labels      class labels
     * @param folds       fold results
     * @param utterances  utterances evaluated
     * @param speakers    speakers in the corpus
     * @param seconds     wall time of the whole run
     * @param date        ISO date of the run
     * @param command     the command that reproduces it
     * @param details     settings worth recording
     * @param seeds       the seeds run (one for a single run)
     * @param perSeed     the folds of each seed, in {@code seeds} order; {@code folds} is all of them in that order
     */
    public record Run(String corpus, String corpusTitle, Protocol protocol, List<String> labels,
                      List<Evaluation.FoldResult> folds, int utterances, int speakers, double seconds, String date,
                      String command, Map<String, Object> details, List<Long> seeds,
                      List<List<Evaluation.FoldResult>> perSeed) {

        public Run {
            seeds = List.copyOf(seeds);
            perSeed = perSeed.stream().map(List::copyOf).toList();
            if (seeds.size() != perSeed.size())
                throw new IllegalArgumentException(seeds.size() + " seeds but " + perSeed.size() + " runs");
        }

        /** A run of one seed. */
        public Run(String corpus, String corpusTitle, Protocol protocol, List<String> labels,
                   List<Evaluation.FoldResult> folds, int utterances, int speakers, double seconds, String date,
                   String command, Map<String, Object> details, long seed) {
            this(corpus, corpusTitle, protocol, labels, folds, utterances, speakers, seconds, date, command, details,
                    List.of(seed), List.of(folds));
        }

        /** Pooled over every fold of every seed. */
        public ConfusionMatrix pooled() {
            return Evaluation.pooled(folds, labels);
        }

        /** {@code metric} of each seed's pooled folds, as mean ± sd; one file at a time if {@code oneFile}. */
        public Spread spread(ToDoubleFunction<ConfusionMatrix> metric, boolean oneFile) {
            List<Double> values = new ArrayList<>();
            for (List<Evaluation.FoldResult> run : perSeed) {
                ConfusionMatrix cm = oneFile ? Evaluation.pooledFiles(run, labels) : Evaluation.pooled(run, labels);
                if (cm != null) values.add(metric.applyAsDouble(cm));
            }
            return Spread.of(values);
        }
    }

    private EvaluationReport() {
    }

    /** Writes {@code <dir>/<corpus>-<protocol>.{json,md,csv,png}}; returns the Markdown text. */
    public static String write(Run run, Path dir) throws IOException {
        Files.createDirectories(dir);
        String base = run.corpus() + "-" + run.protocol().id();
        ConfusionMatrix cm = run.pooled();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("corpus", run.corpus());
        json.put("corpus_title", run.corpusTitle());
        json.put("protocol", run.protocol().id());
        json.put("protocol_label", run.protocol().description());
        json.put("labels", run.labels());
        json.putAll(Evaluation.summary(run.folds(), run.labels()));
        json.put("seeds", run.seeds());
        if (run.seeds().size() > 1) {
            Map<String, Object> bySeed = new LinkedHashMap<>();
            bySeed.put("wa", run.spread(ConfusionMatrix::weightedAccuracy, false));
            bySeed.put("ua", run.spread(ConfusionMatrix::unweightedAccuracy, false));
            if (Evaluation.pooledFiles(run.folds(), run.labels()) != null) {
                bySeed.put("one_file_wa", run.spread(ConfusionMatrix::weightedAccuracy, true));
                bySeed.put("one_file_ua", run.spread(ConfusionMatrix::unweightedAccuracy, true));
            }
            json.put("over_seeds", bySeed);
        }
        json.put("paper_claim_accuracy", PAPER_CLAIMS.get(run.corpus()));
        json.put("utterances", run.utterances());
        json.put("speakers", run.speakers());
        json.put("seconds", Math.round(run.seconds()));
        json.put("date", run.date());
        json.put("command", run.command());
        json.put("details", run.details());
        json.put("folds", run.folds());
        JSON.writeValue(dir.resolve(base + ".json").toFile(), json);
        Files.writeString(dir.resolve(base + "-confusion.csv"), cm.toCsv(), StandardCharsets.UTF_8);
        ConfusionMatrixImage.write(cm, run.corpusTitle() + ", " + run.protocol().description(),
                dir.resolve(base + "-confusion.png"));
        String md = markdown(run, cm, base);
        Files.writeString(dir.resolve(base + ".md"), md, StandardCharsets.UTF_8);
        return md;
    }

    private static String markdown(Run run, ConfusionMatrix cm, String base) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(run.corpusTitle()).append(": ").append(run.protocol().description()).append("\n\n");
        b.append(String.format(Locale.ROOT, "| WA | UA | macro-F1 | utterances | speakers | folds | time |%n"
                        + "|---|---|---|---|---|---|---|%n| %.2f%% | %.2f%% | %.2f%% | %d | %d | %d | %s |%n%n",
                100 * cm.weightedAccuracy(), 100 * cm.unweightedAccuracy(), 100 * cm.macroF1(), cm.total(),
                run.speakers(), run.folds().size(), duration(run.seconds())));
        if (run.seeds().size() > 1)
            b.append(String.format(Locale.ROOT, "Over %d seeds %s (mean ± sd of each seed's pooled folds): WA %s%%, "
                            + "UA %s%%%s. The table above and the recall below pool every seed's folds.%n%n",
                    run.seeds().size(), run.seeds(), run.spread(ConfusionMatrix::weightedAccuracy, false).percent(),
                    run.spread(ConfusionMatrix::unweightedAccuracy, false).percent(),
                    Evaluation.pooledFiles(run.folds(), run.labels()) == null ? "" : "; one file at a time UA "
                            + run.spread(ConfusionMatrix::unweightedAccuracy, true).percent() + "%"));
        ConfusionMatrix files = Evaluation.pooledFiles(run.folds(), run.labels());
        if (files != null)
            b.append(String.format(Locale.ROOT, "Speaker-normalised model. Above, each test speaker's statistics come "
                            + "from all of their test recordings (unlabelled). Scored one file at a time, as `analyze` "
                            + "does (the voice estimated from that file alone, blended with the average training "
                            + "speaker): WA %.2f%%, UA %.2f%%, macro-F1 %.2f%%.%n%n",
                    100 * files.weightedAccuracy(), 100 * files.unweightedAccuracy(), 100 * files.macroF1()));
        Double claim = PAPER_CLAIMS.get(run.corpus());
        if (claim != null)
            b.append(String.format(Locale.ROOT, "The paper claims %.2f%% accuracy on %s with its own (leaky) protocol.%n%n",
                    claim, run.corpus().startsWith("emodb") ? "EMO-DB (full-length files)" : run.corpusTitle()));
        b.append("Reproduce: `").append(run.command()).append("` (").append(run.date()).append(")\n\n");
        b.append("## Per-class recall\n\n| class | recall |\n|---|---|\n");
        for (int i = 0; i < run.labels().size(); i++)
            b.append(String.format(Locale.ROOT, "| %s | %.1f%% |%n", run.labels().get(i), 100 * cm.recall(i)));
        b.append("\n## Folds\n\n| fold | test speakers | validation | WA | UA | best epoch / run | minutes | windows/s |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (Evaluation.FoldResult f : run.folds()) {
            ConfusionMatrix m = Evaluation.matrix(f, run.labels());
            b.append(String.format(Locale.ROOT, "| %d | %s | %s | %.1f%% | %.1f%% | %d / %d | %.1f | %.0f |%n",
                    f.index() + 1, String.join(" ", f.testSpeakers()), String.join(" ", f.validationSpeakers()),
                    100 * m.weightedAccuracy(), 100 * m.unweightedAccuracy(), f.bestEpoch(), f.epochsRun(),
                    f.seconds() / 60, f.windowsPerSecond()));
        }
        b.append("\n## Confusion matrix (pooled over folds)\n\n![confusion matrix](").append(base)
                .append("-confusion.png)\n\nCSV: [").append(base).append("-confusion.csv](").append(base)
                .append("-confusion.csv)\n\n## Settings\n\n");
        run.details().forEach((k, v) -> b.append("- ").append(k).append(": `").append(v).append("`\n"));
        return b.toString();
    }

    /**
     * Puts (or replaces) this run's row in the table of {@code resultsMd}, creating the file when missing. Rows for
     * corpora with no data here stay as they are.
     */
    public static void updateTable(Run run, Path resultsMd) throws IOException {
        Map<String, String> rows = new TreeMap<>();
        String text = Files.isRegularFile(resultsMd) ? Files.readString(resultsMd) : defaultPage();
        int s = text.indexOf(START);
        int e = text.indexOf(END);
        if (s < 0 || e < s) {
            text = defaultPage();
            s = text.indexOf(START);
            e = text.indexOf(END);
        }
        for (String line : text.substring(s + START.length(), e).split("\n")) {
            if (!line.startsWith("| ") || line.startsWith("| corpus ")) continue;
            String[] cells = line.split("\\|");
            if (cells.length == 12) { // a row of the older table, before the one-file column: the column is empty
                List<String> widened = new ArrayList<>(List.of(cells));
                widened.add(7, " - ");
                line = String.join("|", widened) + "|";
            }
            rows.put(cells[1].trim() + "|" + cells[2].trim(), line);
        }
        ConfusionMatrix cm = run.pooled();
        Double claim = PAPER_CLAIMS.get(run.corpus());
        ConfusionMatrix files = Evaluation.pooledFiles(run.folds(), run.labels());
        boolean seeds = run.seeds().size() > 1;
        String oneFile = files == null ? "-" : seeds ? run.spread(ConfusionMatrix::weightedAccuracy, true).percent()
                + " / " + run.spread(ConfusionMatrix::unweightedAccuracy, true).percent()
                : String.format(Locale.ROOT, "%.2f / %.2f", 100 * files.weightedAccuracy(),
                100 * files.unweightedAccuracy());
        String wa = seeds ? run.spread(ConfusionMatrix::weightedAccuracy, false).percent()
                : String.format(Locale.ROOT, "%.2f", 100 * cm.weightedAccuracy());
        String ua = seeds ? run.spread(ConfusionMatrix::unweightedAccuracy, false).percent()
                : String.format(Locale.ROOT, "%.2f", 100 * cm.unweightedAccuracy());
        String foldCount = seeds ? run.perSeed().get(0).size() + " × " + run.seeds().size() + " seeds"
                : String.valueOf(run.folds().size());
        String row = String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %.2f | %s | %s | %s | %s | %s | `%s` |",
                run.corpusTitle(), run.protocol().id(), run.labels().size(), wa, ua, 100 * cm.macroF1(), oneFile,
                claim == null ? "-" : String.format(Locale.ROOT, "%.2f", claim), foldCount, duration(run.seconds()),
                run.date(), run.command());
        rows.put(run.corpusTitle() + "|" + run.protocol().id(), row);
        List<String> lines = new ArrayList<>();
        lines.add(START);
        lines.add("| corpus | protocol | classes | WA % | UA % | macro-F1 % | one file at a time WA / UA % "
                + "| paper claim % | folds | time | date | command |");
        lines.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
        lines.addAll(rows.values());
        lines.add(END);
        String updated = text.substring(0, s) + String.join("\n", lines) + text.substring(e + END.length());
        Files.createDirectories(resultsMd.toAbsolutePath().getParent());
        Files.writeString(resultsMd, updated, StandardCharsets.UTF_8);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }

    private static String defaultPage() {
        return "# Evaluation results\n\n"
                + "Written by `emoscope evaluate`; every row says the command that reproduces it.\n\n"
                + "- **speaker** (default): speaker-independent. Folds grouped by speaker (leave-one-speaker-out for "
                + "EMO-DB, EMOVO, TESS, SAVEE; 5 actor-grouped folds for RAVDESS and CREMA-D); augmentation and "
                + "normalisation fitted inside the training side only; each speaker normalised by their own unlabelled "
                + "statistics; early stopping on held-out training speakers (TESS, with one training speaker per fold: "
                + "held-out words). WA = accuracy, UA = balanced accuracy; \"one file at a time\" scores each file with "
                + "only that file to learn the voice from.\n"
                + "- **paper**: the seed paper's protocol reproduced on purpose: every file augmented, then a random "
                + "80/20 split of the augmented rows. It leaks speakers and augmented copies of test utterances into "
                + "training; its numbers are not comparable with the speaker protocol.\n\n"
                + "Paper claims are the accuracies reported in arXiv 2507.03251 with its leaky protocol. EMO-DB (2 s) is "
                + "a degraded copy (every file cut or padded to 2 s) and is not the paper's EMO-DB.\n\n"
                + START + "\n" + END + "\n\n"
                + "| corpus | status |\n|---|---|\n"
                + "| SAVEE | no data available here (paper claims 97.49 %); reader tested on synthetic file names |\n"
                + "| CREMA-D | no data available here (paper claims 89.31 %); reader tested on synthetic file names |\n";
    }
}
