package org.emoscope.train;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.emoscope.features.FeatureConfig;
import org.emoscope.features.Mfcc;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.EmotionNetwork;
import org.emoscope.model.ModelBundle;
import org.emoscope.model.NetworkSpec;
import org.emoscope.model.Normalization;
import org.emoscope.model.SpeakerPrior;
import org.emoscope.model.SpeakerStatistics;
import org.emoscope.train.eval.ConfusionMatrix;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.nio.file.Path;
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
     * A trainer that trains only the frame scorer of an attentive head ({@code att_*} layers); every other layer,
     * the dense layer and the output included, keeps the weights it starts with (from {@link #startingFrom}), so the
     * network learns where to look without unlearning what it hears. (Training the dense layer and the output too
     * lowered every fold's validation score from the first epoch on: they overfit the training corpora.)
     */
    public Trainer freezingTrunk() {
        return new Trainer(spec, features, settings, labels, start, true);
    }

    /** The layers {@link #freezingTrunk} trains. */
    static boolean headLayer(String name) {
        return name.startsWith("att_");
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
        Normalized normalized = fitNormalization(fit);
        Normalization norm = normalized.norm();
        String fingerprint = Checkpoints.fingerprint(spec, features, labels, settings, start, fit, validation);
        Checkpoints saved = new Checkpoints(checkpoints);
        Checkpoints.Progress progress = saved.resume(fingerprint, listener);
        boolean resumed = progress != null;
        if (progress == null) progress = freshStart(fingerprint, listener);
        ComputationGraph net = progress.net();
        Checkpoints.State state = progress.state();
        INDArray best = progress.best();

        EmotionModel model = new EmotionModel(
                new ModelBundle(net, spec, labels, features, norm, settings.windowSeconds(), Map.of(), false));
        UtteranceScorer scorer = new UtteranceScorer(model, settings.windowSeconds(), settings.evalHopSeconds());
        EpochSampler sampler = new EpochSampler(fit, labels.size(), settings,
                features.framesFor(settings.windowSeconds()), Mfcc.silentFrame(features), norm,
                model.minFrames(), normalized.speakerVoices(), normalized.fileVoices());
        BatchAugmenter augmenter = new BatchAugmenter(settings);
        StoppingRule stopping = new StoppingRule(settings, spec.learningRate(), !validation.isEmpty());
        if (start != null && !freezeTrunk && !resumed && !validation.isEmpty()) {
            // a warm start is a candidate too ("epoch 0"): training on only keeps what beats it on validation. Not
            // when only the frame scorer trains: the rest cannot unlearn anything, and a start with a zero scorer
            // (uniform weights) would win every tie on a noisy validation score and leave attention meaningless
            ConfusionMatrix cm = confusion(scorer, validation);
            state.bestScore = StoppingRule.validationScore(cm.unweightedAccuracy(), cm.weightedAccuracy());
            state.bestEpoch = 0;
            listener.message(String.format(Locale.ROOT, "the starting network scores validation UA %.1f%%: kept "
                    + "unless an epoch beats it", 100 * cm.unweightedAccuracy()));
        }

        while (stopping.goesOn(state)) {
            int epoch = state.epoch + 1;
            long t0 = System.nanoTime();
            SplittableRandom rnd = new SplittableRandom(settings.seed() * 1_000_003L + epoch);
            int[] order = sampler.order(rnd);
            int batches = sampler.batches(order);
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                EpochSampler.Batch batch = augmenter.apply(sampler.batch(order, b, rnd), rnd);
                net.fit(new DataSet(batch.x(), batch.y()));
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
            switch (stopping.judge(state, epoch, ua, wa)) {
                case BETTER -> best = net.params().dup();
                case HALVE_RATE -> {
                    net.setLearningRate(state.learningRate);
                    listener.message(String.format(Locale.ROOT, "no better validation score for %d epochs: "
                            + "learning rate halved to %.3g", settings.lrPatience(), state.learningRate));
                }
                case NOT_BETTER -> {
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            EpochLog log = new EpochLog(epoch, lossSum / batches, ua, wa, seconds, order.length / trainSeconds);
            state.history.add(log);
            state.epoch = epoch;
            saved.write(new Checkpoints.Progress(net, best, state));
            listener.onEpoch(log, state.bestEpoch, seconds * (settings.maxEpochs() - epoch));
        }
        if (stopping.stoppedEarly(state))
            listener.message("stopped early after epoch " + state.epoch + ": no better validation score for "
                    + settings.patience() + " epochs; keeping epoch " + state.bestEpoch);
        net.setParams(best);
        ModelBundle bundle = new ModelBundle(net, spec, labels, features, norm, settings.windowSeconds(),
                metadata(metadata, state, fit.size(), validation.size(), norm), false);
        return new Result(bundle, state.bestEpoch, state.bestScore, List.copyOf(state.history), state.trainSeconds,
                state.windowsSeen);
    }

    /**
     * The normalisation fitted on the training items, with each item's speaker's voice and, for
     * {@link TrainingSettings#voiceMix()}, its one-file voice (both null unless speaker-normalised).
     */
    private record Normalized(Normalization norm, List<SpeakerStatistics.Estimate> speakerVoices,
                              List<SpeakerStatistics.Estimate> fileVoices) {
    }

    private Normalized fitNormalization(List<Item> fit) {
        if (!settings.speakerNorm())
            return new Normalized(Normalization.fit(fit.stream().map(Item::frames).toList())
                    .withWindowMean(settings.windowMean()), null, null);
        double gate = SpeakerPrior.gateFor(features);
        Map<String, SpeakerStatistics.Estimate> speakers = SpeakerNormalizer.estimates(fit, gate);
        List<SpeakerStatistics.Estimate> speakerVoices = SpeakerNormalizer.voices(fit, speakers);
        SpeakerPrior prior = SpeakerPrior.average(List.copyOf(speakers.values()), gate,
                SpeakerPrior.DEFAULT_PRIOR_FRAMES);
        Normalization norm = Normalization.fit(SpeakerNormalizer.normalizedFrames(fit, speakerVoices))
                .withSpeaker(prior).withWindowMean(settings.windowMean());
        return new Normalized(norm, speakerVoices,
                settings.voiceMix() > 0 ? SpeakerNormalizer.fileVoices(fit, prior) : null);
    }

    /** A new network (from the pretrained model's weights when there is one), with no progress yet. */
    private Checkpoints.Progress freshStart(String fingerprint, TrainingListener listener) {
        ComputationGraph net = EmotionNetwork.build(spec);
        if (start != null) {
            List<String> shared = EmotionNetwork.transfer(start.network(), start.labels(), net, labels);
            listener.message("starting from the pretrained model; output weights kept for " + shared);
        }
        if (freezeTrunk) {
            freezeTrunk(net);
            listener.message("training only the frame scorer " + java.util.Arrays.stream(net.getLayers())
                    .map(l -> l.conf().getLayer().getLayerName()).filter(Trainer::headLayer).toList());
        }
        Checkpoints.State state = new Checkpoints.State();
        state.fingerprint = fingerprint;
        return new Checkpoints.Progress(net, net.params().dup(), state);
    }

    /** {@code given}, and the training run's figures. */
    private Map<String, Object> metadata(Map<String, Object> given, Checkpoints.State state, int trainingItems,
                                         int validationItems, Normalization norm) {
        Map<String, Object> meta = new LinkedHashMap<>(given);
        meta.put("epochs_run", state.epoch);
        meta.put("best_epoch", state.bestEpoch);
        meta.put("train_seconds", Math.round(state.trainSeconds));
        meta.put("windows_per_second", Math.round(state.windowsSeen / Math.max(1e-9, state.trainSeconds)));
        meta.put("training_items", trainingItems);
        meta.put("validation_items", validationItems);
        meta.put("settings", settings.toString());
        if (norm.speakerNormalized()) {
            long priorSeconds = Math.round(norm.speaker().priorFrames() * features.hopSeconds());
            meta.put("voice_adaptation", "speaker-normalised: a session starts from the average training speaker and "
                    + "adapts to the voice it hears; after " + priorSeconds
                    + " s of speech the voice weighs as much as the prior");
        }
        return meta;
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
        return Checkpoints.bestNetwork(dir, spec, labels, features);
    }
}
