package org.emoscope.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.ModelBundle;
import org.emoscope.model.NetworkSpec;
import org.emoscope.model.Nd4jRuntime;
import org.emoscope.train.augment.AugmentationPlan;
import org.emoscope.train.augment.AugmentationSpec;
import org.emoscope.train.corpus.LabelSet;
import org.emoscope.train.corpus.Utterance;
import org.emoscope.train.eval.ConfusionMatrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs an evaluation protocol on one corpus: trains one network per fold and pools the test predictions. Every
 * finished fold is saved in the work directory, and each fold's training is checkpointed, so an interrupted run
 * continues where it stopped.
 */
public final class Evaluation {

    /**
     * One fold's outcome.
     *
     * @param counts     test confusion counts [true][predicted]; a speaker-normalised model knows each test speaker's
     *                   statistics over all of their test recordings (unlabelled)
     * @param fileCounts for a speaker-normalised model, the same test scored one file at a time as {@code analyze}
     *                   does (the voice estimated from that file alone, blended with the training prior); else null
     */
    public record FoldResult(int index, List<String> testSpeakers, List<String> validationSpeakers, long[][] counts,
                             int bestEpoch, int epochsRun, double seconds, double windowsPerSecond,
                             long[][] fileCounts) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ItemLoader loader;
    private final NetworkSpec network;
    private final TrainingSettings settings;
    private final AugmentationPlan trainingPlan;
    private final Path workDir;
    private final TrainingListener listener;
    private final int parallelFolds;
    private final ModelBundle pretrained;
    private final Path warmStart;
    private final boolean freezeTrunk;

    public Evaluation(ItemLoader loader, NetworkSpec network, TrainingSettings settings, AugmentationPlan trainingPlan,
                      Path workDir, TrainingListener listener) {
        this(loader, network, settings, trainingPlan, workDir, listener, 1);
    }

    /**
     * @param parallelFolds folds trained at once, each on its own thread (with ND4J's per-thread thread count): on a
     *                      2-core machine two single-threaded folds finish sooner than one after the other
     */
    public Evaluation(ItemLoader loader, NetworkSpec network, TrainingSettings settings, AugmentationPlan trainingPlan,
                      Path workDir, TrainingListener listener, int parallelFolds) {
        this(loader, network, settings, trainingPlan, workDir, listener, parallelFolds, null, null, false);
    }

    private Evaluation(ItemLoader loader, NetworkSpec network, TrainingSettings settings,
                       AugmentationPlan trainingPlan, Path workDir, TrainingListener listener, int parallelFolds,
                       ModelBundle pretrained, Path warmStart, boolean freezeTrunk) {
        if (parallelFolds < 1) throw new IllegalArgumentException("parallelFolds must be >= 1: " + parallelFolds);
        this.parallelFolds = parallelFolds;
        this.loader = loader;
        this.network = network;
        this.settings = settings;
        this.trainingPlan = trainingPlan;
        this.workDir = workDir;
        this.listener = listener;
        this.pretrained = pretrained;
        this.warmStart = warmStart;
        this.freezeTrunk = freezeTrunk;
    }

    /**
     * This evaluation with every fold's network starting from {@code pretrained} ({@link Trainer#startingFrom}).
     * The caller must make sure {@code pretrained} never heard a test speaker: trained on other corpora, say.
     */
    public Evaluation startingFrom(ModelBundle pretrained) {
        return new Evaluation(loader, network, settings, trainingPlan, workDir, listener, parallelFolds, pretrained,
                null, false);
    }

    /**
     * This leave-one-corpus-out evaluation with every fold's network starting from the network the same fold ended
     * with in an earlier run ({@code previousRun}, that run's work directory, with layers of the same shapes),
     * training only the head when {@code freezeTrunk} ({@link Trainer#freezingTrunk}):
     * a warm start, fine-tuning another head on the same trunk. Each fold checks that the earlier fold held out the
     * same corpus with the same seed, so no network ever starts from weights that heard its test corpus.
     */
    public Evaluation warmStartingFrom(Path previousRun, boolean freezeTrunk) {
        return new Evaluation(loader, network, settings, trainingPlan, workDir, listener, parallelFolds, null,
                previousRun, freezeTrunk);
    }

    /** The earlier run's network for the fold holding {@code heldOut} out, checked to have been trained the same way. */
    private ModelBundle warmStartNetwork(String heldOut, List<String> trainCorpora, LabelSet labels)
            throws IOException {
        Path record = warmStart.resolve("corpus-" + heldOut + ".json");
        if (!Files.isRegularFile(record))
            throw new IOException("the warm-start run " + warmStart + " has not finished held-out " + heldOut);
        CorpusFoldResult earlier = JSON.readValue(record.toFile(), CorpusFoldResult.class);
        if (!new HashSet<>(earlier.trainCorpora()).equals(new HashSet<>(trainCorpora))
                || earlier.seed() != settings.seed() || !earlier.labels().equals(labels.labels()))
            throw new IOException("the warm-start run's fold for held-out " + heldOut + " trained on "
                    + earlier.trainCorpora() + " with seed " + earlier.seed() + " and labels " + earlier.labels()
                    + ", not " + trainCorpora + ", seed " + settings.seed() + ", " + labels.labels());
        return Trainer.checkpointNetwork(warmStart.resolve("corpus-" + heldOut), network, labels.labels(),
                loader.cache().config());
    }

    private Trainer trainer(LabelSet labels) {
        Trainer t = new Trainer(network, loader.cache().config(), settings, labels.labels());
        return pretrained == null ? t : t.startingFrom(pretrained);
    }

    /**
     * Speaker-independent evaluation over {@code folds}: augmentation only on the fitted part, normalisation fitted
     * there, early stopping on {@code validationSpeakers} held-out training speakers (or, when a fold has a single
     * training speaker, on held-out sentences of that speaker).
     */
    public List<FoldResult> speaker(List<Fold> folds, LabelSet labels, int validationSpeakers) throws IOException {
        List<FoldResult> out = new ArrayList<>();
        List<Fold> todo = new ArrayList<>();
        for (Fold fold : folds) {
            Path done = workDir.resolve("fold-" + fold.index() + ".json");
            if (Files.isRegularFile(done)) {
                listener.message("fold " + (fold.index() + 1) + "/" + folds.size() + " already done");
            } else {
                todo.add(fold);
            }
        }
        List<Callable<?>> jobs = new ArrayList<>();
        for (Fold fold : todo) {
            TrainingListener tagged = todo.size() > 1 && parallelFolds > 1
                    ? new FoldListener(listener, fold.index() + 1) : listener;
            jobs.add(() -> runFold(fold, folds.size(), labels, validationSpeakers, tagged));
        }
        runAll(jobs);
        for (Fold fold : folds) // in fold order, whichever finished first
            out.add(JSON.readValue(workDir.resolve("fold-" + fold.index() + ".json").toFile(), FoldResult.class));
        return out;
    }

    /**
     * Runs {@code jobs}, {@link #parallelFolds} at a time, each on its own thread with ND4J's per-thread thread count
     * (or one after the other on this thread when only one may run).
     */
    private void runAll(List<Callable<?>> jobs) throws IOException {
        int workers = Math.min(parallelFolds, jobs.size());
        try {
            if (workers <= 1) {
                for (Callable<?> job : jobs) job.call();
                return;
            }
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(() -> {
                Nd4jRuntime.applyToCurrentThread();
                r.run();
            }, "emoscope-fold");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Callable<?> job : jobs) running.add(pool.submit(job));
            for (Future<?> f : running) f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            if (c instanceof RuntimeException re) throw re;
            throw new IOException(c.getMessage(), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Trains and tests one fold and saves its result as {@code fold-N.json}. */
    private FoldResult runFold(Fold fold, int foldCount, LabelSet labels, int validationSpeakers,
                               TrainingListener listener) throws IOException {
        Path done = workDir.resolve("fold-" + fold.index() + ".json");
        listener.message("fold " + (fold.index() + 1) + "/" + foldCount + ": test speakers "
                + fold.testSpeakers());
        long t0 = System.nanoTime();
        List<Utterance> fitUtts;
        List<Utterance> valUtts;
        List<String> valSpeakers;
        if (fold.trainSpeakers().size() > validationSpeakers) {
            ValidationSplit vs = Splits.validationSpeakers(fold, validationSpeakers, settings.seed() + fold.index());
            fitUtts = vs.fit();
            valUtts = vs.validation();
            valSpeakers = vs.validationSpeakers();
        } else {
            List<List<Utterance>> parts = holdOutSentences(fold.train(), 0.15, settings.seed() + fold.index());
            fitUtts = parts.get(0);
            valUtts = parts.get(1);
            valSpeakers = List.of("(15% of sentences of " + fold.trainSpeakers() + ")");
        }
        List<Item> fit = loader.load(fitUtts, labels, trainingPlan, listener::message);
        List<Item> val = loader.load(valUtts, labels, AugmentationPlan.none(), null);
        List<Item> test = loader.load(fold.test(), labels, AugmentationPlan.none(), null);
        long loaded = System.nanoTime();
        listener.message(String.format(java.util.Locale.ROOT, "%d training, %d validation and %d test items loaded "
                + "in %.0f s", fit.size(), val.size(), test.size(), (loaded - t0) / 1e9));
        Trainer trainer = trainer(labels);
        Trainer.Result r = trainer.train(fit, val, workDir.resolve("fold-" + fold.index()), Map.of(), listener);
        long trained = System.nanoTime();
        listener.message(String.format(java.util.Locale.ROOT, "trained in %.0f s (%.0f s of it in epochs)",
                (trained - loaded) / 1e9, r.history().stream().mapToDouble(Trainer.EpochLog::seconds).sum()));
        UtteranceScorer scorer = scorer(r);
        ConfusionMatrix cm = trainer.confusion(scorer, test, UtteranceScorer.Voices.SPEAKER);
        listener.message("fold " + (fold.index() + 1) + ": " + cm);
        long[][] fileCounts = null;
        if (r.bundle().normalization().speakerNormalized()) {
            ConfusionMatrix files = trainer.confusion(scorer, test, UtteranceScorer.Voices.UTTERANCE);
            listener.message("fold " + (fold.index() + 1) + ", one file at a time: " + files);
            fileCounts = files.counts();
        }
        FoldResult fr = new FoldResult(fold.index(), fold.testSpeakers(), valSpeakers, cm.counts(), r.bestEpoch(),
                r.history().size(), (System.nanoTime() - t0) / 1e9, r.windowsPerSecond(), fileCounts);
        Files.createDirectories(workDir);
        JSON.writeValue(done.toFile(), fr);
        return fr;
    }

    /**
     * Leave one corpus out: for each corpus in {@code corpora}, a network trained on all the others (augmentation on
     * the fitted part only, normalisation fitted there, early stopping on {@code validationSpeakers} training speakers
     * drawn alternately from the training corpora) and tested on every file of the held-out one, with each speaker's
     * voice learnt from all of their files and one file at a time as {@code analyze} sees it. Features are loaded
     * once and shared by the folds. Finished folds are kept as {@code corpus-<name>.json} in the work directory.
     *
     * @param utterances every utterance of every corpus in {@code corpora}
     */
    public List<CorpusFoldResult> leaveOneCorpusOut(List<String> corpora, List<Utterance> utterances, LabelSet labels,
                                                    int validationSpeakers) throws IOException {
        List<Fold> folds = Splits.leaveOneCorpusOut(utterances, corpora);
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < corpora.size(); i++) {
            if (Files.isRegularFile(corpusDone(corpora.get(i))))
                listener.message("held-out " + corpora.get(i) + " already done");
            else todo.add(i);
        }
        if (!todo.isEmpty()) {
            List<Item> items = loader.load(utterances, labels, trainingPlan, listener::message);
            String original = AugmentationSpec.original().key();
            List<Callable<?>> jobs = new ArrayList<>();
            for (int i : todo) {
                TrainingListener tagged = todo.size() > 1 && parallelFolds > 1
                        ? new FoldListener(listener, i + 1) : listener;
                jobs.add(() -> runCorpusFold(folds.get(i), corpora, items, original, labels, validationSpeakers,
                        tagged));
            }
            runAll(jobs);
        }
        List<CorpusFoldResult> out = new ArrayList<>();
        for (String c : corpora) out.add(JSON.readValue(corpusDone(c).toFile(), CorpusFoldResult.class));
        return out;
    }

    private Path corpusDone(String corpus) {
        return workDir.resolve("corpus-" + corpus + ".json");
    }

    private CorpusFoldResult runCorpusFold(Fold fold, List<String> corpora, List<Item> items, String original,
                                           LabelSet labels, int validationSpeakers, TrainingListener listener)
            throws IOException {
        long t0 = System.nanoTime();
        int index = fold.index();
        String heldOut = corpora.get(index);
        List<String> trainCorpora = corpora.stream().filter(c -> !c.equals(heldOut)).toList();
        ValidationSplit vs = Splits.validationSpeakers(fold, validationSpeakers, settings.seed() + index);
        Set<String> fitSpeakers = new HashSet<>(vs.fitSpeakers());
        Set<String> valSpeakers = new HashSet<>(vs.validationSpeakers());
        List<Item> fit = new ArrayList<>();
        List<Item> val = new ArrayList<>();
        List<Item> testItems = new ArrayList<>();
        for (Item item : items) {
            Utterance u = item.utterance();
            boolean orig = item.augmentation().equals(original);
            if (u.corpus().equals(heldOut)) {
                if (orig) testItems.add(item);
            } else if (fitSpeakers.contains(u.speakerKey())) {
                fit.add(item);
            } else if (orig && valSpeakers.contains(u.speakerKey())) {
                val.add(item);
            }
        }
        listener.message(String.format(java.util.Locale.ROOT, "held-out %s: training on %s (%d items), validation "
                + "speakers %s (%d files), %d test files", heldOut, trainCorpora, fit.size(), vs.validationSpeakers(),
                val.size(), testItems.size()));
        Trainer trainer = trainer(labels);
        if (warmStart != null) {
            trainer = trainer.startingFrom(warmStartNetwork(heldOut, trainCorpora, labels));
            if (freezeTrunk) trainer = trainer.freezingTrunk();
            listener.message("held-out " + heldOut + ": starting from " + warmStart.resolve("corpus-" + heldOut));
        }
        Trainer.Result r = trainer.train(fit, val, workDir.resolve("corpus-" + heldOut), Map.of(), listener);
        UtteranceScorer scorer = scorer(r);
        float[][] bySpeaker = scorer.probabilities(testItems, UtteranceScorer.Voices.SPEAKER);
        float[][] byFile = r.bundle().normalization().speakerNormalized()
                ? scorer.probabilities(testItems, UtteranceScorer.Voices.UTTERANCE) : null;
        int[] truth = testItems.stream().mapToInt(Item::label).toArray();
        List<String> speakers = testItems.stream().map(i -> i.utterance().speakerKey()).toList();
        CorpusFoldResult fr = new CorpusFoldResult(index, heldOut, trainCorpora, vs.validationSpeakers(),
                settings.seed(), labels.labels(), truth, speakers, bySpeaker, byFile, r.bestEpoch(),
                r.history().size(), (System.nanoTime() - t0) / 1e9, r.windowsPerSecond());
        List<String> own = CrossCorpusScores.ownClasses(fr);
        listener.message("held-out " + heldOut + ", one file at a time, own classes: "
                + CrossCorpusScores.confusion(fr, own, true) + (labels.labels().containsAll(CrossCorpusScores.SHARED)
                ? "; shared 4: " + CrossCorpusScores.confusion(fr, CrossCorpusScores.SHARED, true) : ""));
        Files.createDirectories(workDir);
        JSON.writeValue(corpusDone(heldOut).toFile(), fr);
        return fr;
    }

    /**
     * Progress of one of several folds trained at once: lines tagged with the fold, no per-batch bars (they would
     * overwrite each other).
     */
    private static final class FoldListener implements TrainingListener {
        private final TrainingListener delegate;
        private final String tag;

        FoldListener(TrainingListener delegate, int fold) {
            this.delegate = delegate;
            this.tag = "fold " + fold + ": ";
        }

        @Override
        public void onEpoch(Trainer.EpochLog log, int bestEpoch, double etaSeconds) {
            message(String.format(java.util.Locale.ROOT, "epoch %d loss %.4f val UA %.1f%% (best: epoch %d) %.0f s",
                    log.epoch(), log.loss(), 100 * log.validationUa(), bestEpoch, log.seconds()));
        }

        @Override
        public void message(String text) {
            synchronized (delegate) {
                delegate.message(text.startsWith("fold ") ? text : tag + text);
            }
        }
    }

    /**
     * The paper's protocol: every utterance augmented with {@code paperPlan}, a random 80/20 split of the rows,
     * early stopping on a random tenth of the training rows. One "fold".
     */
    public List<FoldResult> paper(List<Utterance> utterances, LabelSet labels, AugmentationPlan paperPlan)
            throws IOException {
        Path done = workDir.resolve("paper.json");
        if (Files.isRegularFile(done)) return List.of(JSON.readValue(done.toFile(), FoldResult.class));
        long t0 = System.nanoTime();
        List<Item> rows = loader.load(utterances, labels, paperPlan, listener::message);
        var split = Splits.paperSplit(rows, 0.8, settings.seed());
        var inner = Splits.paperSplit(split.train(), 0.9, settings.seed() + 1);
        Trainer trainer = trainer(labels);
        Trainer.Result r = trainer.train(inner.train(), inner.test(), workDir.resolve("paper"), Map.of(), listener);
        ConfusionMatrix cm = trainer.confusion(scorer(r), split.test(), UtteranceScorer.Voices.SPEAKER);
        listener.message("paper protocol: " + cm);
        FoldResult fr = new FoldResult(0, List.of("(random 20% of augmented rows)"),
                List.of("(random 10% of training rows)"), cm.counts(), r.bestEpoch(), r.history().size(),
                (System.nanoTime() - t0) / 1e9, r.windowsPerSecond(), null);
        Files.createDirectories(workDir);
        JSON.writeValue(done.toFile(), fr);
        return List.of(fr);
    }

    private UtteranceScorer scorer(Trainer.Result r) {
        return new UtteranceScorer(new EmotionModel(r.bundle()), settings.windowSeconds(), settings.evalHopSeconds());
    }

    /** Pools the folds' confusion matrices. */
    public static ConfusionMatrix pooled(List<FoldResult> folds, List<String> labels) {
        ConfusionMatrix cm = new ConfusionMatrix(labels);
        for (FoldResult f : folds) cm.addAll(matrix(f, labels));
        return cm;
    }

    public static ConfusionMatrix matrix(FoldResult f, List<String> labels) {
        return ConfusionMatrix.of(labels, f.counts());
    }

    /** The folds' one-file-at-a-time confusion pooled, or null when a fold has none (not speaker-normalised). */
    public static ConfusionMatrix pooledFiles(List<FoldResult> folds, List<String> labels) {
        if (folds.isEmpty() || folds.stream().anyMatch(f -> f.fileCounts() == null)) return null;
        ConfusionMatrix cm = new ConfusionMatrix(labels);
        for (FoldResult f : folds) cm.addAll(ConfusionMatrix.of(labels, f.fileCounts()));
        return cm;
    }

    /** Splits utterances by sentence (text id): about {@code fraction} of the sentences go to the second list. */
    static List<List<Utterance>> holdOutSentences(List<Utterance> utts, double fraction, long seed) {
        Set<String> texts = new TreeSet<>();
        for (Utterance u : utts) texts.add(textOf(u));
        List<String> order = new ArrayList<>(texts);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            String t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        Set<String> held = new HashSet<>(order.subList(0, Math.max(1, (int) Math.round(fraction * order.size()))));
        List<Utterance> fit = new ArrayList<>();
        List<Utterance> val = new ArrayList<>();
        for (Utterance u : utts) (held.contains(textOf(u)) ? val : fit).add(u);
        return List.of(fit, val);
    }

    private static String textOf(Utterance u) {
        return u.textId() == null || u.textId().isEmpty() ? u.file().getFileName().toString() : u.textId();
    }

    /** Summary numbers of a list of folds, for reports. */
    public static Map<String, Object> summary(List<FoldResult> folds, List<String> labels) {
        ConfusionMatrix cm = pooled(folds, labels);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wa", cm.weightedAccuracy());
        m.put("ua", cm.unweightedAccuracy());
        m.put("macro_f1", cm.macroF1());
        Map<String, Object> recall = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) recall.put(labels.get(i), cm.recall(i));
        m.put("recall", recall);
        m.put("n", cm.total());
        ConfusionMatrix files = pooledFiles(folds, labels);
        if (files != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("wa", files.weightedAccuracy());
            f.put("ua", files.unweightedAccuracy());
            f.put("macro_f1", files.macroF1());
            m.put("one_file_at_a_time", f);
        }
        return m;
    }
}
