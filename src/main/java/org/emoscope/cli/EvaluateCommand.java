package org.emoscope.cli;

import org.emoscope.features.FeatureConfig;
import org.emoscope.model.ModelBundle;
import org.emoscope.model.ModelBundleException;
import org.emoscope.model.Nd4jRuntime;
import org.emoscope.model.NetworkSpec;
import org.emoscope.train.CorpusFoldResult;
import org.emoscope.train.CrossCorpusReport;
import org.emoscope.train.FunctionalsCache;
import org.emoscope.train.augment.AddNoise;
import org.emoscope.train.augment.AugmentationSpec;
import org.emoscope.train.augment.Reverb;
import org.emoscope.train.augment.TelephoneLine;
import org.emoscope.train.FunctionalsEvaluation;
import org.emoscope.train.FunctionalsTrainer;
import org.emoscope.features.functionals.Functionals;
import org.emoscope.pipeline.AnalyzerSettings;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code emoscope evaluate}: trains and tests per fold, writes reports and updates docs/results.md. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
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

    @Option(names = "--protocol", defaultValue = "speaker",
            description = "speaker (default: folds grouped by speaker within each corpus), corpus (leave one corpus "
                    + "out: train on all the --corpus but one, test on every file of that one) or paper (the seed "
                    + "paper's leaky protocol).")
    String protocol;

    @Option(names = "--recipe", defaultValue = "network", paramLabel = "R",
            description = "With --protocol corpus: network (default: the CNN alone), functionals (logistic regression "
                    + "on each window's statistics), functionals-mlp (a 64-unit hidden layer), or fusion / fusion-mlp "
                    + "(the network's probabilities and the classifier's averaged with --fusion-weight; needs the "
                    + "network's LOCO of the same seeds in --work).")
    String recipe;

    @Option(names = "--voice-strength", defaultValue = "-1", paramLabel = "K",
            description = "Centre each window's statistics on its voice (learnt without labels), the average "
                    + "training voice counting for K windows; negative: read them as they are (default).")
    double voiceStrength;

    @Option(names = "--ablate", split = ",", paramLabel = "PART",
            description = "Leave parts of the functionals recipe out, to measure them: augmentation, balance, mask.")
    List<FunctionalsEvaluation.Ablation> ablate = new ArrayList<>();

    @Option(names = "--test-condition", defaultValue = "clean", paramLabel = "C",
            description = "With a functionals recipe: the held-out files come through clean (default), pink-10db, "
                    + "reverb-0.6s or telephone (the robustness command's degradations, drawn with seed 4242).")
    String testCondition;

    @Option(names = "--fusion-weight", defaultValue = "0.75", paramLabel = "W",
            description = "The classifier's share in a fusion recipe, 0-1 (default: ${DEFAULT-VALUE}).")
    double fusionWeight;

    @Option(names = "--seeds", split = ",", paramLabel = "S[,S...]",
            description = "Run everything once per seed (sampling, splits, augmentation and initial weights) and report "
                    + "mean ± standard deviation over the seeds (default: the one --seed).")
    List<Long> seeds;

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

    @Option(names = "--warm-start-from", paramLabel = "DIR",
            description = "With --protocol corpus and --recipe network: start each fold's network from the network "
                    + "the same fold ended with in an earlier leave-one-corpus-out run (its work directory, "
                    + "work/evaluate/loco-...), e.g. to fine-tune another pooling on the same trunk. Checked per "
                    + "fold: same held-out corpus, training corpora, seed and labels.")
    Path warmStartFrom;

    @Option(names = "--freeze-trunk", description = "With --warm-start-from: train only an attentive pooling's "
            + "frame scorer; every other layer keeps its weights.")
    boolean freezeTrunk;

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

    /** {@code --protocol corpus}: leave each corpus out in turn, for every seed; one report over all of them. */
    private int crossCorpus(String command, PrintStream err) throws IOException {
        if (pretrained != null)
            throw new ParameterException(spec.commandLine(), "--pretrained cannot be used with --protocol corpus: "
                    + "a bundle trained on any of the corpora would have heard a held-out corpus");
        if (corpora.size() < 2)
            throw new ParameterException(spec.commandLine(), "--protocol corpus needs at least two corpora");
        long t0 = System.nanoTime();
        List<Utterance> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String name : corpora) {
            Corpus corpus = TrainingOptions.corpus(name);
            if (names.contains(corpus.name()))
                throw new ParameterException(spec.commandLine(), "--corpus names " + corpus.name() + " twice");
            names.add(corpus.name());
            all.addAll(options.scan(corpus, err).utterances());
        }
        if (names.contains("emodb") && names.contains("emodb-2s"))
            throw new ParameterException(spec.commandLine(), "emodb and emodb-2s are the same recordings: a corpus "
                    + "held out would also be trained on");
        LabelSet labels = LabelSet.sevenClass();
        int held = validationSpeakers != null ? validationSpeakers : 4;
        if (held < 1) throw new IllegalArgumentException("--validation-speakers must be at least 1");
        int parallel = parallelFolds();
        List<Long> seedList = seedList();
        List<CorpusFoldResult> folds = new ArrayList<>();
        TrainingSettings settings = null;
        if (!List.of(CrossCorpusReport.NETWORK, "functionals", "functionals-mlp", "fusion", "fusion-mlp")
                .contains(recipe))
            throw new ParameterException(spec.commandLine(), "unknown --recipe " + recipe);
        if (!(fusionWeight >= 0 && fusionWeight <= 1))
            throw new ParameterException(spec.commandLine(), "--fusion-weight must be 0-1");
        boolean fusion = recipe.startsWith("fusion");
        for (long seed : seedList) {
            settings = options.settings().withSeed(seed);
            NetworkSpec net = options.network(labels.labels().size(), seed);
            String runKey = settings.withEpochs(1, 1) + "|" + net + "|" + labels + "|" + held + "|loco " + names
                    + (warmStartFrom == null ? "" : "|warm " + warmStartFrom.toAbsolutePath().normalize()
                    + "|" + settings + (freezeTrunk ? "|scorer only" : ""));
            Path workDir = work.resolve("evaluate").resolve("loco-" + shortHash(runKey));
            if (fusion) {
                List<String> missing = names.stream()
                        .filter(c -> !Files.isRegularFile(workDir.resolve("corpus-" + c + ".json"))).toList();
                if (!missing.isEmpty())
                    throw new ParameterException(spec.commandLine(), "fusion needs the network's LOCO of seed " + seed
                            + " (held-out " + missing + " not in " + workDir + "): run the same command with "
                            + "--recipe network first");
            }
            if (recipe.equals(CrossCorpusReport.NETWORK) || fusion) {
                err.println("seed " + seed + ": network work directory (rerun the same command to resume): "
                        + workDir);
                Evaluation eval = new Evaluation(options.loader(), net, settings, AugmentationPlan.training(seed),
                        workDir, new ConsoleTrainingListener(err, settings.maxEpochs()), parallel);
                if (warmStartFrom != null) eval = eval.warmStartingFrom(warmStartFrom, freezeTrunk);
                else if (freezeTrunk)
                    throw new ParameterException(spec.commandLine(), "--freeze-trunk needs --warm-start-from");
                List<CorpusFoldResult> network = eval.leaveOneCorpusOut(names, all, labels, held);
                if (!fusion) {
                    folds.addAll(network);
                    continue;
                }
                Map<String, CorpusFoldResult> byCorpus = new LinkedHashMap<>();
                for (CorpusFoldResult f : network) byCorpus.put(f.heldOut(), f);
                folds.addAll(functionalsEvaluation(err).leaveOneCorpusOut(names, all, labels,
                        AugmentationPlan.channel(seed), trainer(), seed, voiceStrength, byCorpus, fusionWeight, AugmentationSpec.original()));
            } else {
                folds.addAll(functionalsEvaluation(err).leaveOneCorpusOut(names, all, labels,
                        AugmentationPlan.channel(seed), trainer(), seed, voiceStrength, null, 1, testCondition()));
            }
        }
        boolean usesNetwork = recipe.equals(CrossCorpusReport.NETWORK) || fusion;
        NetworkSpec.Pooling pooling = options.network(labels.labels().size(), seedList.get(0)).pooling();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("label_set", labels.name() + " " + labels.labels());
        details.put("validation", held + " training speakers, drawn in turn from the training corpora");
        if (warmStartFrom != null) details.put("warm_start", "each fold's network started from the same fold's "
                + "network in " + warmStartFrom + " (same held-out corpus, training corpora, seed and labels)");
        details.put("training_augmentation", "training (6 variants per file), training corpora only");
        details.put("training", settings.withSeed(seedList.get(0)).toString() + (seedList.size() > 1
                ? " (seed per run: " + seedList + ")" : ""));
        details.put("network", options.network(labels.labels().size(), seedList.get(0)) + " (seed + 35)");
        details.put("features", FeatureConfig.defaults().toString());
        details.put("parallel_folds", parallel);
        details.put("scoring", String.format(Locale.ROOT, "file = mean of %s s window probabilities every %s s, as in "
                + "file mode; no speech gate", settings.windowSeconds(), settings.evalHopSeconds()));
        if (!recipe.equals(CrossCorpusReport.NETWORK)) {
            details.put("functionals", Functionals.size() + " statistics per window: " + Functionals.NAMES);
            details.put("classifier", trainer().toString());
            details.put("classifier_augmentation", "each training file as recorded and through one channel of "
                    + AugmentationPlan.channel(seedList.get(0)).variants());
            if (fusion) details.put("fusion", "probabilities = " + (1 - fusionWeight) + " x network + "
                    + fusionWeight + " x classifier");
        }
        if (!ablate.isEmpty()) details.put("ablated", ablate.toString());
        if (!testCondition.equals("clean")) details.put("test_condition", testCondition().toString());
        if (voiceStrength >= 0 && !recipe.equals(CrossCorpusReport.NETWORK))
            details.put("voice", "each window centred on its voice, the average training voice counting for "
                    + voiceStrength + " windows");
        CrossCorpusReport.Run run = new CrossCorpusReport.Run(recipe + (voiceStrength >= 0 && !recipe.equals(
                CrossCorpusReport.NETWORK) ? "-voice" : "") + (testCondition.equals("clean") ? "" : "-" + testCondition)
                + ablate.stream().map(a -> "-no-" + a.name()
                .toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.joining()) + (fusion ? "-w" + Math.round(100 * fusionWeight) : "")
                + (usesNetwork && pooling.attentive() ? "-" + pooling.name().toLowerCase(Locale.ROOT).replace('_', '-') : "") + (warmStartFrom != null ? "-warm" : "")
                + (freezeTrunk ? "-scorer" : ""),
                names, seedList, folds,
                (System.nanoTime() - t0) / 1e9, LocalDate.now().toString(), command, details);
        String md = CrossCorpusReport.write(run, reportDir);
        CrossCorpusReport.updateTable(run, results);
        err.println(md.lines().skip(4).limit(names.size() + 3).reduce("", (a, b) -> a + b + "\n"));
        err.println("report: " + reportDir.resolve(run.base() + ".md") + "; table: " + results);
        return 0;
    }

    private AugmentationSpec testCondition() {
        return switch (testCondition) {
            case "clean" -> AugmentationSpec.original();
            case "pink-10db" -> AugmentationSpec.of(TEST_CONDITION_SEED, AddNoise.pink(10));
            case "reverb-0.6s" -> AugmentationSpec.of(TEST_CONDITION_SEED, new Reverb(0.6));
            case "telephone" -> AugmentationSpec.of(TEST_CONDITION_SEED, new TelephoneLine());
            default -> throw new ParameterException(spec.commandLine(), "unknown --test-condition " + testCondition);
        };
    }

    /** Seed of the degraded test copies, apart from every training seed. */
    private static final long TEST_CONDITION_SEED = 4242;

    private FunctionalsTrainer trainer() {
        return recipe.endsWith("mlp") ? FunctionalsTrainer.mlp() : FunctionalsTrainer.logistic();
    }

    private FunctionalsEvaluation functionalsEvaluation(PrintStream err) {
        return new FunctionalsEvaluation(new FunctionalsCache(FunctionalsCache.defaultDir(),
                FeatureConfig.defaults(), AnalyzerSettings.defaults()), options.threads, err::println,
                new java.util.HashSet<>(ablate));
    }

    /** The corpora a bundle says it was trained on; refuses one that does not say. */
    private List<String> pretrainedCorpora(ModelBundle bundle) {
        if (!(bundle.metadata().get("corpora") instanceof List<?> list) || list.isEmpty())
            throw new ParameterException(spec.commandLine(), "--pretrained " + pretrained + " does not record the "
                    + "corpora it was trained on, so it cannot be shown to have never heard the test speakers");
        return list.stream().map(String::valueOf).toList();
    }

    /** The seeds to run: --seeds, else the one --seed. */
    List<Long> seedList() {
        List<Long> list = seeds == null || seeds.isEmpty() ? List.of(options.seed) : List.copyOf(seeds);
        if (list.stream().distinct().count() != list.size())
            throw new ParameterException(spec.commandLine(), "--seeds repeats a seed: " + list);
        return list;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        Protocol p = Protocol.parse(protocol);
        String command = "bin/emoscope " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        if (p == Protocol.CORPUS) return crossCorpus(command, err);
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
            int parallel = parallelFolds();
            boolean loso = LOSO.contains(corpus.name());
            int held = validationSpeakers != null ? validationSpeakers : loso ? 1 : 2;
            if (held < 1) throw new IllegalArgumentException("--validation-speakers must be at least 1");
            List<Long> seedList = seedList();
            List<List<Evaluation.FoldResult>> perSeed = new ArrayList<>();
            List<Evaluation.FoldResult> foldResults = new ArrayList<>();
            String splitDesc = null;
            TrainingSettings settings = null;
            NetworkSpec net = null;
            for (long seed : seedList) {
                net = options.network(labels.labels().size(), seed);
                settings = settings(p).withSeed(seed);
                // one directory per run configuration (bar --epochs and --patience, which a rerun may raise), so
                // that finished folds are only ever reused by the same run
                String runKey = settings.withEpochs(1, 1) + "|" + net + "|" + labels + "|" + held + "|"
                        + (loso ? "loso" : folds + " folds") + (startTag != null ? "|from " + startTag : "");
                Path workDir = work.resolve("evaluate").resolve(corpus.name() + "-" + p.id() + "-"
                        + shortHash(runKey));
                err.println("seed " + seed + ": work directory (rerun the same command to resume): " + workDir);
                Evaluation eval = new Evaluation(options.loader(), net, settings, AugmentationPlan.training(seed),
                        workDir, new ConsoleTrainingListener(err, settings.maxEpochs()), parallel);
                if (start != null) eval = eval.startingFrom(start);
                List<Evaluation.FoldResult> run;
                if (p == Protocol.PAPER) {
                    run = eval.paper(utts, labels, AugmentationPlan.paper(seed));
                    splitDesc = "random 80/20 split of rows after augmenting (paper recipe: original, noise, pitch "
                            + "+0.7)";
                } else {
                    List<Fold> fs = loso ? Splits.leaveOneSpeakerOut(utts) : Splits.groupedKFold(utts, folds, seed);
                    if (maxFolds > 0 && maxFolds < fs.size()) fs = fs.subList(0, maxFolds);
                    run = eval.speaker(fs, labels, held);
                    splitDesc = (loso ? "leave one speaker out" : folds + " speaker-grouped folds")
                            + (maxFolds > 0 ? " (first " + fs.size() + " folds only)" : "");
                }
                perSeed.add(run);
                foldResults.addAll(run);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("split", splitDesc);
            details.put("label_set", labels.name() + " " + labels.labels());
            details.put("training_augmentation", p == Protocol.PAPER ? "paper" : "training (6 variants per file)");
            details.put("training", settings.toString() + (seedList.size() > 1 ? " (seed per run: " + seedList
                    + ")" : ""));
            details.put("parallel_folds", parallel);
            if (start != null)
                details.put("pretrained", pretrained.getFileName() + ", trained on " + startCorpora + " ("
                        + start.metadata().getOrDefault("label_set", "?") + "); every fold starts from it");
            details.put("network", net.toString());
            details.put("features", FeatureConfig.defaults().toString());
            details.put("scoring", String.format(Locale.ROOT, "utterance = mean of %s s window probabilities every %s s, "
                    + "as in file mode", settings.windowSeconds(), settings.evalHopSeconds()));
            EvaluationReport.Run report = new EvaluationReport.Run(corpus.name(), corpus.displayName(), p,
                    labels.labels(), foldResults, utts.size(),
                    (int) utts.stream().map(Utterance::speakerKey).distinct().count(),
                    (System.nanoTime() - t0) / 1e9, LocalDate.now().toString(), command, details, seedList,
                    perSeed);
            String md = EvaluationReport.write(report, reportDir);
            EvaluationReport.updateTable(report, results);
            err.println(md.lines().limit(5).reduce("", (a, b) -> a + b + "\n"));
            err.println("report: " + reportDir.resolve(corpus.name() + "-" + p.id() + ".md") + "; table: " + results);
        }
        return 0;
    }
}
