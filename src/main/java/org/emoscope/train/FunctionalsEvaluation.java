package org.emoscope.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.emoscope.features.functionals.Functionals;
import org.emoscope.model.FunctionalsClassifier;
import org.emoscope.model.FunctionalsVoice;
import org.emoscope.pipeline.WindowStatistics;
import org.emoscope.train.augment.AugmentationPlan;
import org.emoscope.train.augment.AugmentationSpec;
import org.emoscope.train.corpus.Corpora;
import org.emoscope.train.corpus.Emotion;
import org.emoscope.train.corpus.LabelSet;
import org.emoscope.train.corpus.Utterance;

/**
 * Leave one corpus out for the {@link FunctionalsClassifier}: windows' statistics through the analysis pipeline's
 * feature chain ({@link FunctionalsCache}), a classifier trained on the other corpora (each training file once as
 * recorded and once through one channel of {@link AugmentationPlan#channel}), every held-out file scored as
 * {@code analyze} scores it (mean probabilities of its speech windows, all windows when none is speech). Optionally
 * fused with a network's LOCO folds for the same files.
 */
public final class FunctionalsEvaluation {

    /** The statistics of one recording (one augmentation of one utterance). */
    record Recording(Utterance utterance, int label, String augmentation, List<WindowStatistics.Window> windows) {
        /** The windows the file label is made of: the speech windows, or all when none is speech. */
        List<float[]> scored() {
            List<float[]> speech = new ArrayList<>();
            for (WindowStatistics.Window w : windows) if (w.speech()) speech.add(w.functionals());
            if (!speech.isEmpty()) return speech;
            return windows.stream().map(WindowStatistics.Window::functionals).toList();
        }
    }

    /** Parts of the recipe that can be left out, to measure what each gives. */
    public enum Ablation {
        /** No channel augmentation: each training file once, as recorded. */
        AUGMENTATION,
        /** Every window weighs the same, whatever its corpus, class or recording. */
        BALANCE,
        /** The softmax runs over every class, also those the row's corpus lacks. */
        MASK
    }

    private final FunctionalsCache cache;
    private final int threads;
    private final Consumer<String> log;
    private final java.util.Set<Ablation> ablations;

    public FunctionalsEvaluation(FunctionalsCache cache, int threads, Consumer<String> log,
                                 java.util.Set<Ablation> ablations) {
        this.cache = cache;
        this.threads = Math.max(1, threads);
        this.log = log;
        this.ablations = java.util.Set.copyOf(ablations);
    }

    /**
     * Every utterance the label set covers, as recorded and (when {@code augment}) once more through one channel of
     * {@code plan} other than the original, drawn per file from its name.
     */
    List<Recording> load(List<Utterance> utterances, LabelSet labels, AugmentationPlan plan) throws IOException {
        return load(utterances, labels, plan, AugmentationSpec.original());
    }

    /** As {@link #load(List, LabelSet, AugmentationPlan)}, the first copy of each file through {@code first}. */
    List<Recording> load(List<Utterance> utterances, LabelSet labels, AugmentationPlan plan, AugmentationSpec first)
            throws IOException {
        List<AugmentationSpec> channels = plan.variants().stream().filter(v -> !v.isOriginal()).toList();
        List<Utterance> covered = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        for (Utterance u : utterances) {
            OptionalInt c = labels.indexOf(u.emotion());
            if (c.isPresent()) {
                covered.add(u);
                classes.add(c.getAsInt());
            }
        }
        AtomicInteger done = new AtomicInteger();
        int total = covered.size() * (channels.isEmpty() ? 1 : 2);
        List<java.util.concurrent.Callable<Recording>> tasks = new ArrayList<>(total);
        for (int i = 0; i < covered.size(); i++) {
            Utterance u = covered.get(i);
            int label = classes.get(i);
            List<AugmentationSpec> variants = new ArrayList<>();
            variants.add(first);
            if (!channels.isEmpty())
                variants.add(channels.get(Math.floorMod(u.file().getFileName().toString().hashCode(),
                        channels.size())));
            for (AugmentationSpec spec : variants) {
                tasks.add(() -> {
                    Recording r = new Recording(u, label, spec == first ? AugmentationSpec.ORIGINAL_KEY
                            : spec.key(), cache.windows(u, spec));
                    int n = done.incrementAndGet();
                    if (n % 2000 == 0 || n == total) log.accept("functionals " + n + "/" + total);
                    return r;
                });
            }
        }
        return Parallel.map(tasks, threads, "emoscope-functionals", "functionals");
    }

    /** The training rows of {@code recordings}: their scored windows, balanced, with their corpus's classes. */
    static List<FunctionalsTrainer.Row> rows(List<Recording> recordings, LabelSet labels) {
        List<String[]> keys = new ArrayList<>();
        List<float[]> x = new ArrayList<>();
        List<Recording> of = new ArrayList<>();
        for (Recording r : recordings) {
            String key = r.utterance().file() + "|" + r.augmentation();
            for (float[] f : r.scored()) {
                keys.add(new String[]{r.utterance().corpus(), Integer.toString(r.label()), key});
                x.add(f);
                of.add(r);
            }
        }
        double[] w = FunctionalsTrainer.balancedWeights(keys);
        Map<String, boolean[]> allowed = new HashMap<>();
        List<FunctionalsTrainer.Row> rows = new ArrayList<>(x.size());
        for (int i = 0; i < x.size(); i++) {
            String corpus = of.get(i).utterance().corpus();
            boolean[] a = allowed.computeIfAbsent(corpus, c -> classesOf(c, labels));
            rows.add(new FunctionalsTrainer.Row(x.get(i), of.get(i).label(), a, w[i], corpus));
        }
        return rows;
    }

    /** Which of the label set's classes {@code corpus} has (through the mapping: calm and boredom give neutral). */
    static boolean[] classesOf(String corpus, LabelSet labels) {
        boolean[] a = new boolean[labels.classes().size()];
        for (Emotion e : Corpora.get(corpus).emotions()) {
            OptionalInt c = labels.indexOf(e);
            if (c.isPresent()) a[c.getAsInt()] = true;
        }
        return a;
    }

    /**
     * The file probabilities of {@code recordings} under {@code classifier}: mean over each one's scored windows,
     * each window centred (for a voice-centred classifier) on the voice of its speaker's scored windows in all of
     * {@code recordings} ({@code bySpeaker}) or of its own file's only.
     */
    static float[][] probabilities(FunctionalsClassifier classifier, List<Recording> recordings, boolean bySpeaker) {
        Map<String, FunctionalsVoice> voices = new HashMap<>();
        if (classifier.voiceCentred()) {
            for (Recording r : recordings) {
                FunctionalsVoice v = voices.computeIfAbsent(voiceKey(r, bySpeaker), k -> classifier.newVoice());
                for (float[] f : r.scored()) v.add(f);
            }
        }
        float[][] out = new float[recordings.size()][];
        for (int i = 0; i < out.length; i++) {
            List<float[]> ws = recordings.get(i).scored();
            FunctionalsVoice voice = voices.get(voiceKey(recordings.get(i), bySpeaker));
            float[] mean = new float[classifier.classes()];
            for (float[] f : ws) {
                float[] p = classifier.probabilities(f, voice);
                for (int c = 0; c < mean.length; c++) mean[c] += p[c] / ws.size();
            }
            out[i] = mean;
        }
        return out;
    }

    /** Whose voice a recording's windows are centred on: its speaker's in that room (augmentation), or its own. */
    private static String voiceKey(Recording r, boolean bySpeaker) {
        return bySpeaker ? r.utterance().speakerKey() + "|" + r.augmentation()
                : r.utterance().file() + "|" + r.augmentation();
    }

    /**
     * The rows centred for a voice-centred classifier: every row twice, centred on its speaker's voice (in that
     * room) and on its own file's, as the two ways analysis meets a voice (a session that has listened a while, one
     * file). Returns the average voice through {@code prior}.
     */
    static List<FunctionalsTrainer.Row> centred(List<Recording> train, LabelSet labels, double strength,
                                                float[] prior) {
        List<FunctionalsTrainer.Row> raw = rows(train, labels);
        FunctionalsVoice all = new FunctionalsVoice(Functionals.size());
        for (FunctionalsTrainer.Row r : raw) all.add(r.functionals());
        System.arraycopy(all.estimate(new float[Functionals.size()], 0), 0, prior, 0, prior.length);
        List<FunctionalsTrainer.Row> out = new ArrayList<>();
        for (boolean bySpeaker : new boolean[]{true, false}) {
            Map<String, FunctionalsVoice> voices = new HashMap<>();
            for (Recording r : train) {
                FunctionalsVoice v = voices.computeIfAbsent(voiceKey(r, bySpeaker), k -> new FunctionalsVoice(
                        Functionals.size()));
                for (float[] f : r.scored()) v.add(f);
            }
            Map<String, float[]> estimates = new HashMap<>();
            voices.forEach((k, v) -> estimates.put(k, v.estimate(prior, strength)));
            int i = 0;
            for (Recording r : train) {
                float[] centre = estimates.get(voiceKey(r, bySpeaker));
                for (float[] f : r.scored()) {
                    FunctionalsTrainer.Row row = raw.get(i++);
                    out.add(new FunctionalsTrainer.Row(FunctionalsVoice.centre(f, centre), row.label(),
                            row.allowed(), row.weight() / 2, row.corpus()));
                }
            }
        }
        return out;
    }

    /**
     * Leave each corpus out in turn.
     *
     * @param network the network's LOCO folds of the same corpora and seed to fuse with (held-out corpus to fold),
     *                or null for the classifier alone
     * @param weight  the classifier's share of the fused probabilities
     * @param testCondition what the held-out files come through ({@link AugmentationSpec#original()}: clean)
     * @param voiceStrength for a voice-centred classifier, the windows the average voice counts for; negative for
     *                      a classifier that reads windows as they are
     */
    public List<CorpusFoldResult> leaveOneCorpusOut(List<String> corpora, List<Utterance> utterances, LabelSet labels,
                                                    AugmentationPlan plan, FunctionalsTrainer trainer, long seed,
                                                    double voiceStrength, Map<String, CorpusFoldResult> network,
                                                    double weight, AugmentationSpec testCondition)
            throws IOException {
        List<Recording> all = load(utterances, labels, plan);
        List<Recording> tests = all;
        if (!testCondition.isOriginal()) {
            if (network != null) throw new IllegalArgumentException("the network's folds were scored on clean files");
            tests = load(utterances, labels, AugmentationPlan.none(), testCondition);
        }
        List<CorpusFoldResult> out = new ArrayList<>();
        for (int index = 0; index < corpora.size(); index++) {
            long t0 = System.nanoTime();
            String heldOut = corpora.get(index);
            List<Recording> train = new ArrayList<>(), test = new ArrayList<>();
            for (Recording r : all) {
                boolean original = r.augmentation().equals(AugmentationSpec.ORIGINAL_KEY);
                if (!r.utterance().corpus().equals(heldOut) && (original
                        || !ablations.contains(Ablation.AUGMENTATION))) train.add(r);
            }
            for (Recording r : tests)
                if (r.utterance().corpus().equals(heldOut) && r.augmentation().equals(AugmentationSpec.ORIGINAL_KEY))
                    test.add(r);
            boolean centred = voiceStrength >= 0;
            float[] prior = new float[Functionals.size()];
            List<FunctionalsTrainer.Row> rows = centred ? centred(train, labels, voiceStrength, prior)
                    : rows(train, labels);
            rows = ablate(rows);
            FunctionalsClassifier classifier = trainer.train(rows, labels.classes().size(), seed + index);
            if (centred) classifier = classifier.withVoice(prior, voiceStrength);
            float[][] p = probabilities(classifier, test, false);
            float[][] ps = centred ? probabilities(classifier, test, true) : null;
            int[] truth = test.stream().mapToInt(Recording::label).toArray();
            List<String> speakers = test.stream().map(r -> r.utterance().speakerKey()).toList();
            if (network != null) {
                CorpusFoldResult n = network.get(heldOut);
                if (n == null) throw new IOException("no network fold for held-out " + heldOut);
                if (!java.util.Arrays.equals(n.truth(), truth) || !n.speakers().equals(speakers))
                    throw new IOException("the network fold for " + heldOut + " scored other files");
                fuse(p, n.probabilities(true), weight);
                if (ps != null) fuse(ps, n.probabilities(false), weight);
            }
            List<String> trainCorpora = corpora.stream().filter(c -> !c.equals(heldOut)).toList();
            double seconds = (System.nanoTime() - t0) / 1e9;
            CorpusFoldResult fr = new CorpusFoldResult(index, heldOut, trainCorpora, List.of(), seed,
                    labels.labels(), truth, speakers, ps != null ? ps : p, ps != null ? p : null, trainer.epochs(),
                    trainer.epochs(), seconds,
                    rows.size() * (double) trainer.epochs() / seconds);
            log.accept(String.format(java.util.Locale.ROOT, "held-out %s: %d training rows, %d test files; own "
                            + "classes %s; shared 4 %s", heldOut, rows.size(), test.size(),
                    CrossCorpusScores.confusion(fr, CrossCorpusScores.ownClasses(fr), true),
                    CrossCorpusScores.confusion(fr, CrossCorpusScores.SHARED, true)));
            out.add(fr);
        }
        return out;
    }

    /**
     * Trains the classifier a bundle ships: on every utterance of {@code fit} the label set covers, as recorded and
     * through one channel of {@code plan}, voice-centred when {@code voiceStrength >= 0}.
     */
    public FunctionalsClassifier train(List<Utterance> fit, LabelSet labels, AugmentationPlan plan,
                                       FunctionalsTrainer trainer, long seed, double voiceStrength) throws IOException {
        List<Recording> train = load(fit, labels, plan);
        if (ablations.contains(Ablation.AUGMENTATION))
            train = train.stream().filter(r -> r.augmentation().equals(AugmentationSpec.ORIGINAL_KEY)).toList();
        float[] prior = new float[Functionals.size()];
        boolean centred = voiceStrength >= 0;
        List<FunctionalsTrainer.Row> rows = ablate(centred ? centred(train, labels, voiceStrength, prior)
                : rows(train, labels));
        FunctionalsClassifier c = trainer.train(rows, labels.classes().size(), seed);
        return centred ? c.withVoice(prior, voiceStrength) : c;
    }

    /**
     * The classifier's confusion on {@code test} (clean), one file at a time ({@code bySpeaker} false) or with each
     * speaker's voice learnt from all of their files.
     */
    public org.emoscope.train.eval.ConfusionMatrix confusion(FunctionalsClassifier classifier, List<Utterance> test,
                                                             LabelSet labels, boolean bySpeaker) throws IOException {
        List<Recording> recordings = load(test, labels, AugmentationPlan.none());
        int[] truth = recordings.stream().mapToInt(Recording::label).toArray();
        return CrossCorpusScores.confusion(labels.labels(), truth, probabilities(classifier, recordings, bySpeaker),
                labels.labels());
    }

    private List<FunctionalsTrainer.Row> ablate(List<FunctionalsTrainer.Row> rows) {
        if (!ablations.contains(Ablation.BALANCE) && !ablations.contains(Ablation.MASK)) return rows;
        double mean = rows.stream().mapToDouble(FunctionalsTrainer.Row::weight).average().orElse(1);
        List<FunctionalsTrainer.Row> out = new ArrayList<>(rows.size());
        for (FunctionalsTrainer.Row r : rows) {
            boolean[] allowed = r.allowed();
            if (ablations.contains(Ablation.MASK)) {
                allowed = new boolean[allowed.length];
                java.util.Arrays.fill(allowed, true);
            }
            out.add(new FunctionalsTrainer.Row(r.functionals(), r.label(), allowed,
                    ablations.contains(Ablation.BALANCE) ? mean : r.weight(), r.corpus()));
        }
        return out;
    }

    private static void fuse(float[][] p, float[][] network, double weight) {
        for (int i = 0; i < p.length; i++) p[i] = FunctionalsClassifier.fuse(network[i], p[i], weight);
    }

}
