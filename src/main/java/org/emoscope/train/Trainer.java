package org.emoscope.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.emoscope.features.FeatureConfig;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.EmotionNetwork;
import org.emoscope.model.ModelBundle;
import org.emoscope.model.ModelInput;
import org.emoscope.model.NetworkSpec;
import org.emoscope.model.Normalization;
import org.emoscope.model.SpeakerPrior;
import org.emoscope.model.SpeakerStatistics;
import org.emoscope.pipeline.StreamingAnalyzer;
import org.emoscope.pipeline.WindowGrid;
import org.emoscope.train.eval.ConfusionMatrix;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fits the attention CNN on {@link Item}s: random 2 s windows (class-balanced by default) in minibatches, Adam,
 * and early stopping on the utterance-level UA of held-out validation items. With a checkpoint directory it saves
 * the network (with updater state), the best weights and its progress after every epoch, and a later call with the
 * same data and settings resumes from there.
 */
public final class Trainer {

    /** One epoch's figures. */
    public record EpochLog(int epoch, double loss, double validationUa, double validationWa, double seconds,
                           double windowsPerSecond) {
    }

    /** What training produced. */
    public record Result(ModelBundle bundle, int bestEpoch, double bestScore, List<EpochLog> history,
                         double trainSeconds, long windowsSeen) {
        public double windowsPerSecond() {
            return trainSeconds == 0 ? 0 : windowsSeen / trainSeconds;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NetworkSpec spec;
    private final FeatureConfig features;
    private final TrainingSettings settings;
    private final List<String> labels;
    private final ModelBundle start;
    private final boolean freezeTrunk;

    public Trainer(NetworkSpec spec, FeatureConfig features, TrainingSettings settings, List<String> labels) {
        this(spec, features, settings, labels, null, false);
    }

    private Trainer(NetworkSpec spec, FeatureConfig features, TrainingSettings settings, List<String> labels,
                    ModelBundle start, boolean freezeTrunk) {
        if (spec.numClasses() != labels.size())
            throw new IllegalArgumentException(spec.numClasses() + " outputs for " + labels.size() + " labels");
        if (spec.inputChannels() != features.coefficients())
            throw new IllegalArgumentException("network takes " + spec.inputChannels() + " channels, features have "
                    + features.coefficients());
        this.spec = spec;
        this.features = features;
        this.settings = settings;
        this.labels = List.copyOf(labels);
        this.start = start;
        this.freezeTrunk = freezeTrunk;
        if (start != null) {
            if (!start.featureConfig().equals(features))
                throw new IllegalArgumentException("the pretrained model uses other features: " + start.featureConfig());
            if (!start.spec().sameLayersAs(spec))
                throw new IllegalArgumentException("the pretrained model's layers differ from this network's: "
                        + start.spec());
        }
    }

    /**
     * A trainer whose network starts from {@code pretrained}'s weights instead of a random initialisation
     * ({@link EmotionNetwork#transfer}): every layer, and the output weights of the classes both have. The
     * normalisation is still fitted on the training data given to {@link #train}.
     *
     * @throws IllegalArgumentException if {@code pretrained} uses other features or layers of other shapes
     */
    public Trainer startingFrom(ModelBundle pretrained) {
        return new Trainer(spec, features, settings, labels, pretrained, freezeTrunk);
    }

    /**
     * A trainer that trains only the head: the frame scorer of an attentive head, the dense layer and the output;
     * every convolution, batch normalisation and attention layer keeps the weights it starts with (from
     * {@link #startingFrom}), so the network learns where to look without unlearning what it hears.
     */
    public Trainer freezingTrunk() {
        return new Trainer(spec, features, settings, labels, start, true);
    }

    /** The layers {@link #freezingTrunk} trains. */
    static boolean headLayer(String name) {
        return name.startsWith("att_") || name.equals("dense") || name.equals(EmotionNetwork.OUTPUT);
    }

    /**
     * Gives every trunk layer of {@code net} an updater that never moves its weights (plain SGD at rate 0), and its
     * batch normalisations running statistics that do not move.
     */
    private static void freezeTrunk(ComputationGraph net) {
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            var conf = l.conf().getLayer();
            if (headLayer(conf.getLayerName())) continue;
            if (conf instanceof org.deeplearning4j.nn.conf.layers.BaseLayer base)
                base.setIUpdater(new org.nd4j.linalg.learning.config.Sgd(0.0));
            // batch normalisation's running mean and variance move by (1 - decay) of each batch's, whatever the
            // updater: a decay of 1 keeps them
            if (conf instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization bn) bn.setDecay(1.0);
        }
    }

    /**
     * Trains on {@code fit}; early stopping on {@code validation} when it is not empty (otherwise all
     * {@code maxEpochs} run and the last weights are kept).
     *
     * @param checkpoints directory for resumable progress, or null
     * @param metadata    recorded in the bundle (corpora, protocol...); training figures are added
     */
    public Result train(List<Item> fit, List<Item> validation, Path checkpoints, Map<String, Object> metadata,
                        TrainingListener listener) throws IOException {
        if (fit.isEmpty()) throw new IllegalArgumentException("nothing to train on");
        List<SpeakerStatistics.Estimate> fitVoices = null;
        List<SpeakerStatistics.Estimate> fileVoices = null;
        Normalization norm;
        if (settings.speakerNorm()) {
            double gate = SpeakerPrior.gateFor(features);
            Map<String, SpeakerStatistics.Estimate> speakers = SpeakerNormalizer.estimates(fit, gate);
            fitVoices = SpeakerNormalizer.voices(fit, speakers);
            SpeakerPrior prior = SpeakerPrior.average(List.copyOf(speakers.values()), gate,
                    SpeakerPrior.DEFAULT_PRIOR_FRAMES);
            norm = Normalization.fit(SpeakerNormalizer.normalisedFrames(fit, fitVoices)).withSpeaker(prior);
            if (settings.voiceMix() > 0) fileVoices = SpeakerNormalizer.fileVoices(fit, prior);
        } else {
            norm = Normalization.fit(fit.stream().map(Item::frames).toList());
        }
        norm = norm.withWindowMean(settings.windowMean());
        int windowFrames = features.framesFor(settings.windowSeconds());
        float[] silence = StreamingAnalyzer.silentFrame(features);
        String fingerprint = fingerprint(fit, validation);

        ComputationGraph net;
        INDArray best;
        State state;
        State saved = checkpoints == null ? null : readState(checkpoints, fingerprint, listener);
        if (saved != null) {
            net = ModelSerializer.restoreComputationGraph(checkpoints.resolve("last.zip").toFile(), true);
            best = Nd4j.readBinary(checkpoints.resolve("best.bin").toFile());
            state = saved;
            if (state.learningRate > 0) net.setLearningRate(state.learningRate);
            listener.message("resuming after epoch " + state.epoch + " (best so far: epoch " + state.bestEpoch + ")");
        } else {
            net = EmotionNetwork.build(spec);
            if (start != null) {
                List<String> shared = EmotionNetwork.transfer(start.network(), start.labels(), net, labels);
                listener.message("starting from the pretrained model; output weights kept for " + shared);
            }
            if (freezeTrunk) {
                freezeTrunk(net);
                listener.message("training only the head " + java.util.Arrays.stream(net.getLayers())
                        .map(l -> l.conf().getLayer().getLayerName()).filter(Trainer::headLayer).toList());
            }
            best = net.params().dup();
            state = new State();
            state.fingerprint = fingerprint;
        }
        ModelBundle view = new ModelBundle(net, spec, labels, features, norm, settings.windowSeconds(), Map.of(), false);
        EmotionModel model = new EmotionModel(view);
        UtteranceScorer scorer = new UtteranceScorer(model, settings.windowSeconds(), settings.evalHopSeconds());
        if (start != null && saved == null && !validation.isEmpty()) {
            // a warm start is a candidate too ("epoch 0"): training on only keeps what beats it on validation
            ConfusionMatrix cm = confusion(scorer, validation);
            state.bestScore = validationScore(cm.unweightedAccuracy(), cm.weightedAccuracy());
            state.bestEpoch = 0;
            listener.message(String.format(Locale.ROOT, "the starting network scores validation UA %.1f%%: kept "
                    + "unless an epoch beats it", 100 * cm.unweightedAccuracy()));
        }

        List<Integer>[] byClass = byClass(fit);
        while (state.epoch < settings.maxEpochs() && state.badEpochs < settings.patience()) {
            int epoch = state.epoch + 1;
            long t0 = System.nanoTime();
            SplittableRandom rnd = new SplittableRandom(settings.seed() * 1_000_003L + epoch);
            int[] order = sample(fit, byClass, rnd);
            int batches = (order.length + settings.batchSize() - 1) / settings.batchSize();
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                int from = b * settings.batchSize();
                int to = Math.min(order.length, from + settings.batchSize());
                List<float[][]> windows = new ArrayList<>(to - from);
                List<SpeakerStatistics.Estimate> voices = fitVoices == null ? null : new ArrayList<>(to - from);
                INDArray y = Nd4j.zeros(to - from, labels.size());
                for (int i = from; i < to; i++) {
                    Item item = fit.get(order[i]);
                    int maxStart = Math.max(0, item.frames().length - windowFrames);
                    int start = maxStart == 0 ? 0 : rnd.nextInt(maxStart + 1);
                    windows.add(WindowGrid.cut(item.frames(), start, windowFrames, silence));
                    if (voices != null) {
                        boolean asOneFile = fileVoices != null && rnd.nextDouble() < settings.voiceMix();
                        voices.add((asOneFile ? fileVoices : fitVoices).get(order[i]));
                    }
                    y.putScalar(i - from, item.label(), 1.0);
                }
                INDArray x = ModelInput.batch(windows, norm, model.minFrames(), voices);
                if (settings.maskWindows()) mask(x, rnd);
                if (settings.mixupAlpha() > 0) {
                    INDArray[] mixed = mixup(x, y, settings.mixupAlpha(), rnd);
                    x = mixed[0];
                    y = mixed[1];
                }
                net.fit(new DataSet(x, y));
                double loss = net.score();
                lossSum += loss;
                listener.onBatch(epoch, b + 1, batches, loss);
            }
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            state.windowsSeen += order.length;
            state.trainSeconds += trainSeconds;
            double ua = Double.NaN;
            double wa = Double.NaN;
            if (!validation.isEmpty()) {
                ConfusionMatrix cm = confusion(scorer, validation);
                ua = cm.unweightedAccuracy();
                wa = cm.weightedAccuracy();
            }
            double score = validation.isEmpty() ? epoch : smoothed(state.history, validationScore(ua, wa),
                    settings.smoothEpochs());
            if (score > state.bestScore) {
                state.bestScore = score;
                state.bestEpoch = epoch;
                state.badEpochs = 0;
                state.lrBadEpochs = 0;
                best = net.params().dup();
            } else {
                state.badEpochs++;
                state.lrBadEpochs++;
                if (settings.lrPatience() > 0 && state.lrBadEpochs >= settings.lrPatience()) {
                    state.lrBadEpochs = 0;
                    state.learningRate = currentRate(state) / 2;
                    net.setLearningRate(state.learningRate);
                    listener.message(String.format(Locale.ROOT, "no better validation score for %d epochs: "
                            + "learning rate halved to %.3g", settings.lrPatience(), state.learningRate));
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            EpochLog log = new EpochLog(epoch, lossSum / batches, ua, wa, seconds, order.length / trainSeconds);
            state.history.add(log);
            state.epoch = epoch;
            if (checkpoints != null) writeCheckpoint(checkpoints, net, best, state);
            double eta = seconds * (settings.maxEpochs() - epoch);
            listener.onEpoch(log, state.bestEpoch, eta);
        }
        if (state.badEpochs >= settings.patience())
            listener.message("stopped early after epoch " + state.epoch + ": no better validation score for "
                    + settings.patience() + " epochs; keeping epoch " + state.bestEpoch);
        net.setParams(best);
        Map<String, Object> meta = new LinkedHashMap<>(metadata);
        meta.put("epochs_run", state.epoch);
        meta.put("best_epoch", state.bestEpoch);
        meta.put("train_seconds", Math.round(state.trainSeconds));
        meta.put("windows_per_second", Math.round(state.windowsSeen / Math.max(1e-9, state.trainSeconds)));
        meta.put("training_items", fit.size());
        meta.put("validation_items", validation.size());
        meta.put("settings", settings.toString());
        if (norm.speakerNormalised()) {
            long priorSeconds = Math.round(norm.speaker().priorFrames() * features.hopSeconds());
            meta.put("voice_adaptation", "speaker-normalised: a session starts from the average training speaker and "
                    + "adapts to the voice it hears; after " + priorSeconds
                    + " s of speech the voice weighs as much as the prior");
        }
        ModelBundle bundle = new ModelBundle(net, spec, labels, features, norm, settings.windowSeconds(), meta, false);
        return new Result(bundle, state.bestEpoch, state.bestScore, List.copyOf(state.history), state.trainSeconds,
                state.windowsSeen);
    }

    /** Longest blanked stretch (frames) and band (coefficients) of {@link TrainingSettings#maskWindows()}. */
    private static final int MAX_TIME_MASK = 20;
    private static final int MAX_BAND_MASK = 6;

    /** SpecAugment-style masks on a normalised batch [B, C, 1, T]: 0 is the training mean. */
    private static void mask(INDArray x, SplittableRandom rnd) {
        long frames = x.size(3);
        long channels = x.size(1);
        for (long b = 0; b < x.size(0); b++) {
            for (int m = 0; m < 2; m++) {
                int w = rnd.nextInt(MAX_TIME_MASK + 1);
                if (w > 0 && w < frames) {
                    long t0 = rnd.nextLong(frames - w + 1);
                    x.get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.all(),
                            NDArrayIndex.interval(t0, t0 + w)).assign(0);
                }
                int h = rnd.nextInt(MAX_BAND_MASK + 1);
                if (h > 0 && h < channels) {
                    long c0 = rnd.nextLong(channels - h + 1);
                    x.get(NDArrayIndex.point(b), NDArrayIndex.interval(c0, c0 + h), NDArrayIndex.all(),
                            NDArrayIndex.all()).assign(0);
                }
            }
        }
    }

    /**
     * Mixup: {@code lambda * batch + (1 - lambda) * shuffled batch}, for the windows and the one-hot labels, with one
     * {@code lambda ~ Beta(alpha, alpha)} per batch, folded to at least 0.5 so that each row stays closest to its own
     * example.
     */
    static INDArray[] mixup(INDArray x, INDArray y, double alpha, SplittableRandom rnd) {
        int n = (int) x.size(0);
        if (n < 2) return new INDArray[]{x, y};
        double lambda = beta(alpha, rnd);
        lambda = Math.max(lambda, 1 - lambda);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        INDArray xs = Nd4j.pullRows(x.reshape('c', n, x.length() / n), 1, perm).reshape('c', x.shape());
        INDArray ys = Nd4j.pullRows(y, 1, perm);
        return new INDArray[]{x.mul(lambda).addi(xs.muli(1 - lambda)), y.mul(lambda).addi(ys.muli(1 - lambda))};
    }

    /** A draw from Beta(a, a) as G1 / (G1 + G2) with Gamma(a, 1) draws. */
    static double beta(double a, SplittableRandom rnd) {
        double g1 = gamma(a, rnd);
        double g2 = gamma(a, rnd);
        return g1 + g2 == 0 ? 0.5 : g1 / (g1 + g2);
    }

    /** Gamma(a, 1) by Marsaglia and Tsang, with the {@code U^(1/a)} boost for {@code a < 1}. */
    static double gamma(double a, SplittableRandom rnd) {
        if (a < 1) return gamma(a + 1, rnd) * Math.pow(1 - rnd.nextDouble(), 1 / a);
        double d = a - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z;
            double v;
            do {
                z = gaussian(rnd);
                v = 1 + c * z;
            } while (v <= 0);
            v = v * v * v;
            double u = 1 - rnd.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
        }
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Confusion matrix of utterance-level predictions on {@code items}, each speaker's voice over their items. */
    public ConfusionMatrix confusion(UtteranceScorer scorer, List<Item> items) {
        return confusion(scorer, items, UtteranceScorer.Voices.SPEAKER);
    }

    /** Confusion matrix of utterance-level predictions on {@code items}. */
    public ConfusionMatrix confusion(UtteranceScorer scorer, List<Item> items, UtteranceScorer.Voices voices) {
        int[] predicted = scorer.predict(items, voices);
        ConfusionMatrix cm = new ConfusionMatrix(labels);
        for (int i = 0; i < items.size(); i++) cm.add(items.get(i).label(), predicted[i]);
        return cm;
    }

    @SuppressWarnings("unchecked")
    private List<Integer>[] byClass(List<Item> fit) {
        List<Integer>[] out = new List[labels.size()];
        for (int c = 0; c < out.length; c++) out[c] = new ArrayList<>();
        for (int i = 0; i < fit.size(); i++) out[fit.get(i).label()].add(i);
        return out;
    }

    /**
     * Item indices for one epoch: as many draws as there are distinct utterances (times {@code samplesPerItem}), so
     * an epoch is one pass over the recordings whatever the number of augmented copies; each draw takes a random
     * item (copy), class-balanced when asked.
     */
    private int[] sample(List<Item> fit, List<Integer>[] byClass, SplittableRandom rnd) {
        long utterances = fit.stream().map(i -> i.utterance().file()).distinct().count();
        int n = (int) (utterances * settings.samplesPerItem());
        int[] order = new int[n];
        List<List<Integer>> present = new ArrayList<>();
        for (List<Integer> c : byClass) if (!c.isEmpty()) present.add(c);
        for (int i = 0; i < n; i++) {
            if (settings.balanceClasses()) {
                List<Integer> c = present.get(rnd.nextInt(present.size()));
                order[i] = c.get(rnd.nextInt(c.size()));
            } else {
                order[i] = rnd.nextInt(fit.size());
            }
        }
        return order;
    }

    /** What early stopping maximises: UA, with WA only to break ties. */
    private static double validationScore(double ua, double wa) {
        return ua + 1e-3 * wa;
    }

    /**
     * The validation score {@code current} averaged with the scores of the {@code epochs - 1} epochs before it in
     * {@code history} (as many as there are): {@link TrainingSettings#smoothEpochs()}.
     */
    static double smoothed(List<EpochLog> history, double current, int epochs) {
        double sum = current;
        int n = 1;
        for (int i = history.size() - 1; i >= 0 && n < epochs; i--, n++) {
            EpochLog e = history.get(i);
            sum += validationScore(e.validationUa(), e.validationWa());
        }
        return sum / n;
    }

    private double currentRate(State state) {
        return state.learningRate > 0 ? state.learningRate : spec.learningRate();
    }

    /** Progress that survives an interrupted run. */
    static final class State {
        public String fingerprint;
        public int epoch;
        public int bestEpoch;
        public double bestScore = Double.NEGATIVE_INFINITY;
        public int badEpochs;
        /** Epochs without a better score since the last improvement or halving of the learning rate. */
        public int lrBadEpochs;
        /** The learning rate after the last halving; 0 while it is the spec's. */
        public double learningRate;
        public long windowsSeen;
        public double trainSeconds;
        public List<EpochLog> history = new ArrayList<>();
    }

    /**
     * The best network of a finished (or interrupted) training run's checkpoints in {@code dir}, as a bundle to start
     * another run from ({@link #startingFrom}); its normalisation is a placeholder (the identity), since starting from
     * it uses only its weights.
     *
     * @param spec the spec the run was trained with, apart from its pooling, which is read from the network
     * @throws IOException if {@code dir} holds no checkpoint or it cannot be read
     */
    public static ModelBundle checkpointNetwork(Path dir, NetworkSpec spec, List<String> labels,
                                                FeatureConfig features) throws IOException {
        if (!Files.isRegularFile(dir.resolve("last.zip")) || !Files.isRegularFile(dir.resolve("best.bin")))
            throw new IOException("no training checkpoint (last.zip and best.bin) in " + dir);
        ComputationGraph net = ModelSerializer.restoreComputationGraph(dir.resolve("last.zip").toFile(), false);
        net.setParams(Nd4j.readBinary(dir.resolve("best.bin").toFile()));
        boolean attentive = net.getConfiguration().getVertices().containsKey(EmotionNetwork.FRAME_WEIGHTS);
        NetworkSpec.Pooling pooling = !attentive ? NetworkSpec.Pooling.MEAN_MAX
                : net.getConfiguration().getVertices().containsKey("att_mean") ? NetworkSpec.Pooling.ATTENTIVE_MAX
                : NetworkSpec.Pooling.ATTENTIVE;
        return new ModelBundle(net, spec.withPooling(pooling), labels, features, Normalization.identity(features.coefficients()),
                Map.of("checkpoint", dir.toString()), false);
    }

    private State readState(Path dir, String fingerprint, TrainingListener listener) {
        Path file = dir.resolve("state.json");
        if (!Files.isRegularFile(file) || !Files.isRegularFile(dir.resolve("last.zip"))
                || !Files.isRegularFile(dir.resolve("best.bin"))) return null;
        try {
            State s = JSON.readValue(file.toFile(), State.class);
            if (fingerprint.equals(s.fingerprint)) return s;
            listener.message("checkpoint in " + dir + " is for other data or settings: starting afresh");
        } catch (IOException e) {
            listener.message("checkpoint in " + dir + " is unreadable (" + e.getMessage() + "): starting afresh");
        }
        return null;
    }

    private static void writeCheckpoint(Path dir, ComputationGraph net, INDArray best, State state) throws IOException {
        Files.createDirectories(dir);
        Path tmpNet = dir.resolve("last.zip.part");
        ModelSerializer.writeModel(net, tmpNet.toFile(), true);
        Path tmpBest = dir.resolve("best.bin.part");
        Nd4j.saveBinary(best, tmpBest.toFile());
        Path tmpState = dir.resolve("state.json.part");
        JSON.writeValue(tmpState.toFile(), state);
        // state last: a crash between the moves leaves the state at most one epoch behind the network, so a resume
        // repeats at most one epoch
        move(tmpNet, dir.resolve("last.zip"));
        move(tmpBest, dir.resolve("best.bin"));
        move(tmpState, dir.resolve("state.json"));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private String fingerprint(List<Item> fit, List<Item> validation) {
        // everything that shapes the run, but not when to stop: a larger --epochs or --patience continues it
        StringBuilder b = new StringBuilder().append(spec).append(features).append(labels)
                .append(settings.batchSize()).append('|').append(settings.windowSeconds()).append('|')
                .append(settings.evalHopSeconds()).append('|').append(settings.samplesPerItem()).append('|')
                .append(settings.balanceClasses()).append('|').append(settings.seed()).append('|')
                .append(settings.windowMean()).append('|').append(settings.maskWindows());
        // options added later only when on, so that older checkpoints still match
        if (settings.mixupAlpha() > 0) b.append("|mixup").append(settings.mixupAlpha());
        if (settings.speakerNorm()) b.append("|speakernorm");
        if (settings.voiceMix() > 0) b.append("|voicemix").append(settings.voiceMix());
        if (settings.smoothEpochs() > 1) b.append("|smooth").append(settings.smoothEpochs());
        if (settings.lrPatience() > 0) b.append("|lrpatience").append(settings.lrPatience());
        if (start != null)
            b.append("|pretrained").append(Arrays.hashCode(start.network().params().data().asFloat()))
                    .append(start.labels());
        for (List<Item> items : List.of(fit, validation)) {
            b.append('|').append(items.size());
            for (Item i : items) b.append(i.utterance().file().getFileName()).append(i.augmentation()).append(i.label());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
