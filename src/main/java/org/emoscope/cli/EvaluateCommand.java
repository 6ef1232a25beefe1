package org.emoscope.cli;

import org.emoscope.features.FeatureConfig;
import org.emoscope.model.ModelBundle;
import org.emoscope.model.ModelBundleException;
import org.emoscope.model.Nd4jRuntime;
import org.emoscope.model.NetworkSpec;
import org.emoscope.train.Evaluation;
import org.emoscope.train.EvaluationReport;
import org.emoscope.train.Fold;
import org.emoscope.train.Protocol;
import org.emoscope.train.Splits;
import org.emoscope.train.TrainingSettings;
import org.emoscope.train.augment.AugmentationPlan;
import org.emoscope.train.corpus.Corpus;
import org.emoscope.train.corpus.CorpusScan;
import org.emoscope.train.corpus.LabelSet;
import org.emoscope.train.corpus.Utterance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code emoscope evaluate}: trains and tests per fold, writes reports and updates docs/results.md. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluates the network on a corpus: speaker-independent folds (default) or the seed paper's "
                + "leaky protocol, labelled as such.",
                "Writes <report-dir>/<corpus>-<protocol>.{json,md,png,csv} and updates the table in --results. "
                        + "Interrupted runs resume from --work."})
final class EvaluateCommand implements Callable<Integer> {

    /** Corpora with few speakers: leave one speaker out. Others: 5 speaker-grouped folds. */
    private static final Set<String> LOSO = Set.of("emodb", "emodb-2s", "emovo", "tess", "savee");

    @Mixin
    TrainingOptions options;

    @Option(names = "--corpus", required = true, split = ",", description = "Corpus name(s), comma-separated.")
    List<String> corpora;

    @Option(names = "--protocol", defaultValue = "speaker", description = "speaker (default) or paper.")
    String protocol;

    @Option(names = "--folds", defaultValue = "5",
            description = "Folds for RAVDESS and CREMA-D (others: leave one speaker out) (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--max-folds", defaultValue = "0",
            description = "Run only the first N folds (0: all); a partial run is labelled so in the report.")
    int maxFolds;

    @Option(names = "--validation-speakers", paramLabel = "N",
            description = "Training speakers held out of each fold for early stopping (default: 1 for the corpora "
                    + "left one speaker out, 2 for the others).")
    Integer validationSpeakers;

    @Option(names = "--parallel-folds", paramLabel = "N",
            description = "Speaker folds trained at once, each on its own thread (default: cores / ND4J threads, "
                    + "2 on a 2-core machine). Results do not depend on it.")
    Integer parallelFolds;

    @Option(names = "--pretrained", paramLabel = "BUNDLE",
            description = "Start every fold's network from this bundle (made by train on other corpora) instead of "
                    + "from random weights. Refused if it was trained on the corpus being evaluated.")
    Path pretrained;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "work",
            description = "Checkpoints and finished folds, for resuming (default: ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "docs/results",
            description = "Where reports go (default: ${DEFAULT-VALUE}).")
    Path reportDir;

    @Option(names = "--results", paramLabel = "FILE", defaultValue = "docs/results.md",
            description = "Results table to update (default: ${DEFAULT-VALUE}).")
    Path results;

    @Spec
    CommandSpec spec;

    /** Epochs and patience of the paper protocol unless --epochs or --patience say otherwise. */
    static final int PAPER_EPOCHS = 100, PAPER_PATIENCE = 20;

    /**
     * The training settings for {@code p}. The paper protocol reproduces the paper's recipe: no speaker normalisation
     * (unless {@code --speaker-norm} is given explicitly), and longer training ({@value #PAPER_EPOCHS} epochs at
     * most, patience {@value #PAPER_PATIENCE}, unless {@code --epochs} or {@code --patience} are given), because its
     * validation rows share speakers and sentences with the training rows and keep improving long after epoch 40.
     */
    TrainingSettings settings(Protocol p) {
        TrainingSettings s = options.settings();
        if (p != Protocol.PAPER) return s;
        var given = spec.commandLine().getParseResult();
        if (!given.hasMatchedOption("--speaker-norm")) s = s.withSpeakerNorm(false);
        return s.withEpochs(given.hasMatchedOption("--epochs") ? s.maxEpochs() : PAPER_EPOCHS,
                given.hasMatchedOption("--patience") ? s.patience() : PAPER_PATIENCE);
    }

    /** The folds to train at once: as asked, else one per group of ND4J threads the cores allow. */
    private int parallelFolds() {
        if (parallelFolds != null) {
            if (parallelFolds < 1) throw new IllegalArgumentException("--parallel-folds must be at least 1");
            return parallelFolds;
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / Nd4jRuntime.threadsPerOperation());
    }

    /** Names the --pretrained bundle: its file name and the start of its SHA-256. */
    private String pretrainedTag() throws IOException {
        return pretrained.getFileName() + " " + shortHash(Files.readAllBytes(pretrained));
    }

    private static String shortHash(String text) {
        return shortHash(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String shortHash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The corpora a bundle says it was trained on; refuses one that does not say. */
    private List<String> pretrainedCorpora(ModelBundle bundle) {
        if (!(bundle.metadata().get("corpora") instanceof List<?> list) || list.isEmpty())
            throw new ParameterException(spec.commandLine(), "--pretrained " + pretrained + " does not record the "
                    + "corpora it was trained on, so it cannot be shown to have never heard the test speakers");
        return list.stream().map(String::valueOf).toList();
    }

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        Protocol p = Protocol.parse(protocol);
        String command = "bin/emoscope " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        ModelBundle start = null;
        List<String> startCorpora = List.of();
        String startTag = null;
        if (pretrained != null) {
            try {
                start = ModelBundle.load(pretrained);
            } catch (ModelBundleException e) {
                err.println("emoscope evaluate: --pretrained: " + e.getMessage());
                return 1;
            }
            startCorpora = pretrainedCorpora(start);
            startTag = pretrainedTag();
        }
        for (String name : corpora) {
            Corpus corpus = TrainingOptions.corpus(name);
            if (start != null && startCorpora.contains(corpus.name()))
                throw new ParameterException(spec.commandLine(), "--pretrained " + pretrained + " was trained on "
                        + startCorpora + ", which include " + corpus.name() + ": its test speakers would not be new "
                        + "to the model");
            long t0 = System.nanoTime();
            CorpusScan scan = options.scan(corpus, err);
            List<Utterance> utts = scan.utterances();
            LabelSet labels = LabelSet.corpusNative(corpus.name());
            NetworkSpec net = NetworkSpec.defaults(labels.labels().size())
                    .withInputChannels(FeatureConfig.defaults().coefficients());
            TrainingSettings settings = settings(p);
            int parallel = parallelFolds();
            boolean loso = LOSO.contains(corpus.name());
            int held = validationSpeakers != null ? validationSpeakers : loso ? 1 : 2;
            if (held < 1) throw new IllegalArgumentException("--validation-speakers must be at least 1");
            // one directory per run configuration (bar --epochs and --patience, which a rerun may raise), so that
            // finished folds are only ever reused by the same run
            String runKey = settings.withEpochs(1, 1) + "|" + net + "|" + labels + "|" + held + "|"
                    + (loso ? "loso" : folds + " folds") + (startTag != null ? "|from " + startTag : "");
            Path workDir = work.resolve("evaluate").resolve(corpus.name() + "-" + p.id() + "-" + shortHash(runKey));
            err.println("work directory (rerun the same command to resume): " + workDir);
            Evaluation eval = new Evaluation(options.loader(), net, settings,
                    AugmentationPlan.training(options.seed), workDir,
                    new ConsoleTrainingListener(err, settings.maxEpochs()), parallel);
            if (start != null) eval = eval.startingFrom(start);
            List<Evaluation.FoldResult> foldResults;
            String splitDesc;
            if (p == Protocol.PAPER) {
                foldResults = eval.paper(utts, labels, AugmentationPlan.paper(options.seed));
                splitDesc = "random 80/20 split of rows after augmenting (paper recipe: original, noise, pitch +0.7)";
            } else {
                List<Fold> fs = loso ? Splits.leaveOneSpeakerOut(utts) : Splits.groupedKFold(utts, folds, options.seed);
                if (maxFolds > 0 && maxFolds < fs.size()) fs = fs.subList(0, maxFolds);
                foldResults = eval.speaker(fs, labels, held);
                splitDesc = (loso ? "leave one speaker out" : folds + " speaker-grouped folds")
                        + (maxFolds > 0 ? " (first " + fs.size() + " folds only)" : "");
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("split", splitDesc);
            details.put("label_set", labels.name() + " " + labels.labels());
            details.put("training_augmentation", p == Protocol.PAPER ? "paper" : "training (6 variants per file)");
            details.put("training", settings.toString());
            details.put("parallel_folds", parallel);
            if (start != null)
                details.put("pretrained", pretrained.getFileName() + ", trained on " + startCorpora + " ("
                        + start.metadata().getOrDefault("label_set", "?") + "); every fold starts from it");
            details.put("network", net.toString());
            details.put("features", FeatureConfig.defaults().toString());
            details.put("scoring", String.format(Locale.ROOT, "utterance = mean of %s s window probabilities every %s s, "
                    + "as in file mode", settings.windowSeconds(), settings.evalHopSeconds()));
            EvaluationReport.Run run = new EvaluationReport.Run(corpus.name(), corpus.displayName(), p,
                    labels.labels(), foldResults, utts.size(),
                    (int) utts.stream().map(Utterance::speakerKey).distinct().count(),
                    (System.nanoTime() - t0) / 1e9, LocalDate.now().toString(), command, details);
            String md = EvaluationReport.write(run, reportDir);
            EvaluationReport.updateTable(run, results);
            err.println(md.lines().limit(5).reduce("", (a, b) -> a + b + "\n"));
            err.println("report: " + reportDir.resolve(corpus.name() + "-" + p.id() + ".md") + "; table: " + results);
        }
        return 0;
    }
}
