package org.emoscope.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.emoscope.features.FeatureConfig;
import org.emoscope.model.EmotionNetwork;
import org.emoscope.model.ModelBundle;
import org.emoscope.model.NetworkSpec;
import org.emoscope.model.Normalization;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A training run's resumable progress in a directory, written after every epoch: the network with its updater state
 * ({@code last.zip}), the best weights so far ({@code best.bin}) and the {@link State} ({@code state.json}). A run
 * with the same data and settings (the same {@link #fingerprint}) resumes from them. With no directory nothing is
 * read or written.
 */
final class Checkpoints {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NETWORK = "last.zip";
    private static final String BEST = "best.bin";
    private static final String STATE = "state.json";

    /** Progress that survives an interrupted run (its fields are the JSON of {@code state.json}). */
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
        public List<Trainer.EpochLog> history = new ArrayList<>();
    }

    /** Where a run stands: the network being trained, the best weights so far and the progress. */
    record Progress(ComputationGraph net, INDArray best, State state) {
    }

    private final Path dir;

    /** @param dir the run's directory, or null for none */
    Checkpoints(Path dir) {
        this.dir = dir;
    }

    /**
     * The progress saved for {@code fingerprint}, with the network's learning rate as it was, or null when there is
     * none (saying why when a checkpoint is there but is for another run or unreadable).
     */
    Progress resume(String fingerprint, TrainingListener listener) throws IOException {
        if (dir == null) return null;
        State saved = readState(fingerprint, listener);
        if (saved == null) return null;
        ComputationGraph net = ModelSerializer.restoreComputationGraph(dir.resolve(NETWORK).toFile(), true);
        INDArray best = Nd4j.readBinary(dir.resolve(BEST).toFile());
        if (saved.learningRate > 0) net.setLearningRate(saved.learningRate);
        listener.message("resuming after epoch " + saved.epoch + " (best so far: epoch " + saved.bestEpoch + ")");
        return new Progress(net, best, saved);
    }

    private State readState(String fingerprint, TrainingListener listener) {
        Path file = dir.resolve(STATE);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(dir.resolve(NETWORK))
                || !Files.isRegularFile(dir.resolve(BEST))) return null;
        try {
            State s = JSON.readValue(file.toFile(), State.class);
            if (fingerprint.equals(s.fingerprint)) return s;
            listener.message("checkpoint in " + dir + " is for other data or settings: starting afresh");
        } catch (IOException e) {
            listener.message("checkpoint in " + dir + " is unreadable (" + e.getMessage() + "): starting afresh");
        }
        return null;
    }

    /** Saves {@code progress} (nothing without a directory). */
    void write(Progress progress) throws IOException {
        if (dir == null) return;
        Files.createDirectories(dir);
        Path tmpNet = dir.resolve(NETWORK + ".part");
        ModelSerializer.writeModel(progress.net(), tmpNet.toFile(), true);
        Path tmpBest = dir.resolve(BEST + ".part");
        Nd4j.saveBinary(progress.best(), tmpBest.toFile());
        Path tmpState = dir.resolve(STATE + ".part");
        JSON.writeValue(tmpState.toFile(), progress.state());
        // state last: a crash between the moves leaves the state at most one epoch behind the network, so a resume
        // repeats at most one epoch
        move(tmpNet, dir.resolve(NETWORK));
        move(tmpBest, dir.resolve(BEST));
        move(tmpState, dir.resolve(STATE));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** {@link Trainer#checkpointNetwork}. */
    static ModelBundle bestNetwork(Path dir, NetworkSpec spec, List<String> labels, FeatureConfig features)
            throws IOException {
        if (!Files.isRegularFile(dir.resolve(NETWORK)) || !Files.isRegularFile(dir.resolve(BEST)))
            throw new IOException("no training checkpoint (" + NETWORK + " and " + BEST + ") in " + dir);
        ComputationGraph net = ModelSerializer.restoreComputationGraph(dir.resolve(NETWORK).toFile(), false);
        net.setParams(Nd4j.readBinary(dir.resolve(BEST).toFile()));
        boolean attentive = net.getConfiguration().getVertices().containsKey(EmotionNetwork.FRAME_WEIGHTS);
        NetworkSpec.Pooling pooling = !attentive ? NetworkSpec.Pooling.MEAN_MAX
                : net.getConfiguration().getVertices().containsKey("att_mean") ? NetworkSpec.Pooling.ATTENTIVE_MAX
                : NetworkSpec.Pooling.ATTENTIVE;
        return new ModelBundle(net, spec.withPooling(pooling), labels, features, Normalization.identity(features.coefficients()),
                Map.of("checkpoint", dir.toString()), false);
    }

    /**
     * What identifies a run: everything that shapes it, but not when to stop (a larger {@code --epochs} or
     * {@code --patience} continues it), as a SHA-256.
     *
     * @param start the pretrained bundle the run starts from, or null
     */
    static String fingerprint(NetworkSpec spec, FeatureConfig features, List<String> labels,
                              TrainingSettings settings, ModelBundle start, List<Item> fit, List<Item> validation) {
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
        return ModelBundle.sha256(b.toString().getBytes(StandardCharsets.UTF_8));
    }
}
