package org.emoscope.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.NetworkSpec;
import org.emoscope.train.augment.AugmentationPlan;
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

/**
 * Runs an evaluation protocol on one corpus: trains one network per fold and pools the test predictions. Every
 * finished fold is saved in the work directory, and each fold's training is checkpointed, so an interrupted run
 * continues where it stopped.
 */
public final class Evaluation {

    /** One fold's outcome. */
    public record FoldResult(int index, List<String> testSpeakers, List<String> validationSpeakers, long[][] counts,
                             int bestEpoch, int epochsRun, double seconds, double windowsPerSecond) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ItemLoader loader;
    private final NetworkSpec network;
    private final TrainingSettings settings;
    private final AugmentationPlan trainingPlan;
    private final Path workDir;
    private final TrainingListener listener;

    public Evaluation(ItemLoader loader, NetworkSpec network, TrainingSettings settings, AugmentationPlan trainingPlan,
                      Path workDir, TrainingListener listener) {
        this.loader = loader;
        this.network = network;
        this.settings = settings;
        this.trainingPlan = trainingPlan;
        this.workDir = workDir;
        this.listener = listener;
    }

    /**
     * Speaker-independent evaluation over {@code folds}: augmentation only on the fitted part, normalisation fitted
     * there, early stopping on {@code validationSpeakers} held-out training speakers (or, when a fold has a single
     * training speaker, on held-out sentences of that speaker).
     */
    public List<FoldResult> speaker(List<Fold> folds, LabelSet labels, int validationSpeakers) throws IOException {
        List<FoldResult> out = new ArrayList<>();
        for (Fold fold : folds) {
            Path done = workDir.resolve("fold-" + fold.index() + ".json");
            if (Files.isRegularFile(done)) {
                out.add(JSON.readValue(done.toFile(), FoldResult.class));
                listener.message("fold " + (fold.index() + 1) + "/" + folds.size() + " already done");
                continue;
            }
            listener.message("fold " + (fold.index() + 1) + "/" + folds.size() + ": test speakers "
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
            Trainer trainer = new Trainer(network, loader.cache().config(), settings, labels.labels());
            Trainer.Result r = trainer.train(fit, val, workDir.resolve("fold-" + fold.index()), Map.of(), listener);
            ConfusionMatrix cm = trainer.confusion(scorer(r), test);
            listener.message("fold " + (fold.index() + 1) + ": " + cm);
            FoldResult fr = new FoldResult(fold.index(), fold.testSpeakers(), valSpeakers, cm.counts(), r.bestEpoch(),
                    r.history().size(), (System.nanoTime() - t0) / 1e9, r.windowsPerSecond());
            Files.createDirectories(workDir);
            JSON.writeValue(done.toFile(), fr);
            out.add(fr);
        }
        return out;
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
        Trainer trainer = new Trainer(network, loader.cache().config(), settings, labels.labels());
        Trainer.Result r = trainer.train(inner.train(), inner.test(), workDir.resolve("paper"), Map.of(), listener);
        ConfusionMatrix cm = trainer.confusion(scorer(r), split.test());
        listener.message("paper protocol: " + cm);
        FoldResult fr = new FoldResult(0, List.of("(random 20% of augmented rows)"),
                List.of("(random 10% of training rows)"), cm.counts(), r.bestEpoch(), r.history().size(),
                (System.nanoTime() - t0) / 1e9, r.windowsPerSecond());
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
        return m;
    }
}
