package org.emoscope.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.emoscope.features.FeatureConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a {@link ModelBundle}'s network on MFCC windows and returns probabilities and the frame attention.
 *
 * <p>Input windows are raw features {@code [frames][coefficients]} as produced with the bundle's
 * {@link #featureConfig()}; the bundle's normalisation is applied here. Any number of frames works; windows shorter
 * than {@link #minFrames()} are padded at the end with zero (normalised) frames, i.e. frames equal to the training
 * mean. Frame attention value {@code i} covers input frames {@code [i * f, (i + 1) * f)} where {@code f} is the
 * network's time pooling factor, so {@link Prediction#frameSeconds()} is {@code f} times the hop.
 *
 * <p><b>Not thread-safe:</b> DL4J networks keep per-call state. Use one instance per thread (load the bundle once
 * per thread), or serialise calls. Call {@link #warmUp()} before latency-sensitive use: the first calls are slow.
 */
public final class EmotionModel {

    private static final int WARM_UP_CALLS = 20;
    /**
     * Off-heap bytes of activations a model may leave to the garbage collector before it asks for a full collection,
     * at least; the budget is the heap left in use by the last collection when that is larger. ND4J frees an array's
     * native buffer only when a collection reclaims its small Java wrapper, and in a live session only full
     * collections were seen to do so: young collections ran every 15 s while the resident size grew by 400 MB in 10
     * minutes. Without this a bench process reached 3 GB resident after 20,000 calls; with it, 300 MB. A full
     * collection that happens anyway restarts the count. Scaling with the live heap keeps a process that holds
     * gigabytes (evaluation caches features on the heap) from paying for a full collection every few seconds.
     */
    static final long NATIVE_GARBAGE_BUDGET = 64L << 20;

    private final ModelBundle bundle;
    private final ComputationGraph network;
    private final float[] mean;
    private final int minFrames;
    private final double frameSeconds;
    private final String frameVertex;
    /** The network's trunk and head as networks of their own, made on first use by {@link #shareTrunk}. */
    private ComputationGraph trunk;
    private ComputationGraph head;
    /** Copies of the two for the second core ({@link SecondCore}); null on one core. */
    private ComputationGraph secondTrunk;
    private ComputationGraph secondHead;
    /** Fewest windows worth sending to the second core. */
    private static final int MIN_HALF = 8;
    private long nativeGarbage;
    private long collections;
    private long fullCollectionsSeen = -1;
    private long budget = NATIVE_GARBAGE_BUDGET;

    /** Wraps {@code bundle} for inference. */
    public EmotionModel(ModelBundle bundle) {
        this(bundle, bundle.network());
    }

    private EmotionModel(ModelBundle bundle, ComputationGraph network) {
        this.bundle = bundle;
        this.network = network;
        this.mean = bundle.normalization().mean();
        this.minFrames = bundle.spec().timePoolingFactor();
        this.frameSeconds = bundle.featureConfig().hopSeconds() * bundle.spec().timePoolingFactor();
        this.frameVertex = attentivePooling() ? EmotionNetwork.FRAME_WEIGHTS : EmotionNetwork.FRAME_GATE;
    }

    /**
     * Another model of the same bundle with a network of its own (its weights copied), for another thread: a model is
     * not thread-safe, so threads that should run at the same time (files analysed in parallel) each take a copy.
     */
    public EmotionModel copy() {
        return new EmotionModel(bundle, network.clone());
    }

    /**
     * Loads and checks a bundle ({@link ModelBundle#load}) and wraps it.
     *
     * @throws ModelBundleException if the bundle cannot be used; the message names the file and the reason
     */
    public static EmotionModel load(Path file) throws ModelBundleException {
        return new EmotionModel(ModelBundle.load(file));
    }

    /**
     * Classifies one window.
     *
     * @param mfcc raw features {@code [frames][coefficients]}, at least one frame
     * @throws IllegalArgumentException if there are no frames, a frame has the wrong number of coefficients, or a
     *                                  value is NaN or infinite
     */
    public Prediction predict(float[][] mfcc) {
        return predictBatch(Collections.singletonList(mfcc))[0];
    }

    /**
     * Classifies several windows of the same length in one network call (faster than one call per window).
     *
     * @param windows raw features, each {@code [frames][coefficients]} with the same number of frames (at least 1)
     * @return one prediction per window, in order (empty for no windows)
     * @throws IllegalArgumentException if windows differ in length or are empty, a frame has the wrong number of
     *                                  coefficients, or a value is NaN or infinite
     */
    public Prediction[] predictBatch(List<float[][]> windows) {
        return predictBatch(windows, (List<SpeakerStatistics.Estimate>) null);
    }

    /**
     * As {@link #predictBatch(List)}, all windows spoken by the voice that {@code voice} describes (null: the prior;
     * see {@link #speakerNormalized()}).
     */
    public Prediction[] predictBatch(List<float[][]> windows, SpeakerStatistics.Estimate voice) {
        return predictBatch(windows, voice == null ? null : Collections.nCopies(windows.size(), voice));
    }

    /**
     * As {@link #predictBatch(List)}, with the voice of each window ({@code voices} null, or one entry per window,
     * null entries meaning the prior). Voices matter only to a {@link #speakerNormalized()} model.
     */
    public Prediction[] predictBatch(List<float[][]> windows, List<SpeakerStatistics.Estimate> voices) {
        return predictBatch(windows, voices, null, null);
    }

    /**
     * As {@link #predictBatch(List, List)}, with each window's {@link org.emoscope.features.functionals.Functionals}
     * ({@code functionals} null, or one entry per window, null entries meaning none): a bundle with a functionals
     * head ({@link #usesFunctionals()}) fuses its classifier's probabilities with the network's. Attention maps are
     * always the network's. {@code centres} (null, or one per window, null meaning the average voice) are the
     * voices the windows are centred on when the classifier is voice-centred
     * ({@link FunctionalsClassifier#centreOf}).
     */
    public Prediction[] predictBatch(List<float[][]> windows, List<SpeakerStatistics.Estimate> voices,
                                     List<float[]> functionals, List<float[]> centres) {
        if (windows.isEmpty()) return new Prediction[0];
        INDArray input = ModelInput.batch(windows, bundle.normalization(), minFrames, voices);
        return run(network, input, functionals, centres);
    }

    /**
     * Runs the network's trunk once over {@code stream}, the raw features {@code [frames][coefficients]} of a whole
     * recording in one voice ({@code voice}; null: the prior), for {@link #predictBatch(StreamTrunk, int[], List,
     * List, float[])} to classify its windows from. File mode does this instead of running every overlapping window
     * through the whole network. The trunk and the head are copied from the network the first time: not for a network
     * still being trained.
     *
     * @throws IllegalArgumentException if a frame has the wrong number of coefficients or a value is not finite
     * @throws java.util.concurrent.CancellationException if the thread is interrupted meanwhile
     */
    public StreamTrunk shareTrunk(float[][] stream, SpeakerStatistics.Estimate voice) {
        if (trunk == null) {
            trunk = StreamTrunk.slice(network, EmotionNetwork.trunkConfiguration(bundle.spec()));
            head = StreamTrunk.slice(network, EmotionNetwork.headConfiguration(bundle.spec()));
            if (SecondCore.AVAILABLE) {
                secondTrunk = trunk.clone();
                secondHead = head.clone();
            }
        }
        return StreamTrunk.compute(trunk, secondTrunk, bundle.spec(), bundle.normalization(), stream, voice);
    }

    /**
     * Classifies windows of the stream {@code shared} was computed over: window {@code i} starts at frame
     * {@code starts[i]} and is {@code windows.get(i)}, the stream's frames from there (padded past its end). Windows
     * the trunk {@link StreamTrunk#covers covers} run only the head on it; any other (the last window of a file,
     * aligned to its end) runs the whole network in {@code voice}, which must be the voice the trunk was computed in.
     * Results match {@link #predictBatch(List, List, List, List)} except near window edges (see
     * {@link StreamTrunk}). {@code functionals} and {@code centre} are as there, one centre for all windows.
     */
    public Prediction[] predictBatch(StreamTrunk shared, int[] starts, List<float[][]> windows,
                                     SpeakerStatistics.Estimate voice, List<float[]> functionals, float[] centre) {
        int n = windows.size();
        if (starts.length != n) throw new IllegalArgumentException(starts.length + " starts for " + n + " windows");
        Prediction[] out = new Prediction[n];
        if (n == 0) return out;
        int length = windows.get(0).length;
        List<Integer> onTrunk = new ArrayList<>(n), alone = new ArrayList<>();
        for (int i = 0; i < n; i++) (shared.covers(starts[i], length) ? onTrunk : alone).add(i);
        List<float[]> centres = centre == null ? null : Collections.nCopies(n, centre);
        if (!onTrunk.isEmpty()) {
            // a big batch is split with the second core, which has nothing else to do once a file has been read
            int split = secondHead != null && onTrunk.size() >= 2 * MIN_HALF ? onTrunk.size() / 2 : onTrunk.size();
            List<Integer> first = onTrunk.subList(0, split), rest = onTrunk.subList(split, onTrunk.size());
            Prediction[] p = rest.isEmpty() ? heads(head, shared, first, starts, length, functionals, centres)
                    : concat(SecondCore.split(() -> heads(head, shared, first, starts, length, functionals, centres),
                    () -> heads(secondHead, shared, rest, starts, length, functionals, centres)));
            for (int j = 0; j < p.length; j++) out[onTrunk.get(j)] = p[j];
        }
        if (!alone.isEmpty()) {
            Prediction[] p = predictBatch(pick(windows, alone), Collections.nCopies(alone.size(), voice),
                    pick(functionals, alone), pick(centres, alone));
            for (int j = 0; j < p.length; j++) out[alone.get(j)] = p[j];
        }
        return out;
    }

    /** The windows {@code part} of a batch, by the head {@code graph} on their spans of {@code shared}. */
    private Prediction[] heads(ComputationGraph graph, StreamTrunk shared, List<Integer> part, int[] starts,
                               int length, List<float[]> functionals, List<float[]> centres) {
        int[] s = part.stream().mapToInt(i -> starts[i]).toArray();
        return run(graph, shared.windows(s, length), pick(functionals, part), pick(centres, part));
    }

    private static Prediction[] concat(SecondCore.Both<Prediction[]> both) {
        Prediction[] out = java.util.Arrays.copyOf(both.here(), both.here().length + both.there().length);
        System.arraycopy(both.there(), 0, out, both.here().length, both.there().length);
        return out;
    }

    private static <T> List<T> pick(List<T> list, List<Integer> indices) {
        if (list == null) return null;
        List<T> out = new ArrayList<>(indices.size());
        for (int i : indices) out.add(list.get(i));
        return out;
    }

    /**
     * Runs {@code graph} (the network, or its head on trunk output) on {@code input} and makes predictions of its
     * probabilities and frame attention, fused with the functionals classifier where there are statistics.
     */
    private Prediction[] run(ComputationGraph graph, INDArray input, List<float[]> functionals,
                             List<float[]> centres) {
        int n = (int) input.size(0);
        // every activation comes back detached; release() counts them all (see docs/architecture.md, "Native
        // memory": output(names, ...) keeps the rest in workspaces only in name, and fails for the frame gate)
        Map<String, INDArray> activations = graph.feedForward(new INDArray[]{input}, false);
        float[][] probabilities = rows(activations.get(EmotionNetwork.OUTPUT), n);
        float[][] frameGate = rows(activations.get(frameVertex), n);
        Prediction[] predictions = new Prediction[n];
        FunctionalsClassifier classifier = bundle.functionals();
        double weight = bundle.functionalsWeight();
        for (int w = 0; w < n; w++) {
            float[] p = probabilities[w];
            float[] stats = functionals == null ? null : functionals.get(w);
            if (classifier != null && stats != null)
                p = FunctionalsClassifier.fuse(p, classifier.probabilities(stats,
                        centres == null ? null : centres.get(w)), weight);
            predictions[w] = new Prediction(bundle.labels(), p, frameGate[w], frameSeconds);
        }
        release(input, activations);
        return predictions;
    }

    /** Counts the off-heap bytes this call left behind and collects garbage once they pass the budget. */
    private void release(INDArray input, Map<String, INDArray> activations) {
        long fullCollections = JvmMemory.fullCollections();
        if (fullCollections != fullCollectionsSeen) {
            fullCollectionsSeen = fullCollections;
            nativeGarbage = 0;
            budget = Math.max(NATIVE_GARBAGE_BUDGET, JvmMemory.heapAfterLastCollection());
        }
        long bytes = input.length() * input.dataType().width();
        for (INDArray a : activations.values()) bytes += a.length() * a.dataType().width();
        nativeGarbage += bytes;
        if (nativeGarbage >= budget) {
            collections++;
            System.gc();
        }
    }

    /** How many times this model asked for a garbage collection to free ND4J's native buffers. */
    public long collections() {
        return collections;
    }

    private static float[][] rows(INDArray activation, int n) {
        return activation.reshape('c', n, activation.length() / n).toFloatMatrix();
    }

    /**
     * Runs the network 20 times on a window of average (training-mean) features as long as the ones it was trained
     * on, so that later calls run at full speed.
     */
    public void warmUp() {
        warmUp(bundle.featureConfig().framesFor(bundle.windowSeconds()), WARM_UP_CALLS);
    }

    /** Runs the network {@code calls} times on a window of {@code frames} mean frames. */
    public void warmUp(int frames, int calls) {
        float[][] window = new float[Math.max(1, frames)][];
        for (int t = 0; t < window.length; t++) window[t] = mean.clone();
        for (int i = 0; i < calls; i++) predict(window);
    }

    /**
     * True if the network pools time attentively ({@link NetworkSpec.Pooling#attentive()}): its frame attention is a
     * distribution over the window's attention frames (summing to 1) that the decision rests on. Otherwise it is
     * CBAM's sigmoid frame gate, each value in (0, 1).
     */
    public boolean attentivePooling() {
        return bundle.spec().pooling().attentive();
    }

    /** The network's trainable parameters. */
    public long parameters() {
        return network.numParams();
    }

    /** Class names in output order. */
    public List<String> labels() {
        return bundle.labels();
    }

    /** The feature settings windows must be computed with. */
    public FeatureConfig featureConfig() {
        return bundle.featureConfig();
    }

    /** Training metadata from the bundle (unmodifiable). */
    public Map<String, Object> metadata() {
        return bundle.metadata();
    }

    /** Length of the windows the network was trained on ({@link ModelBundle#windowSeconds()}). */
    public double windowSeconds() {
        return bundle.windowSeconds();
    }

    /**
     * True if the model expects each voice's frames standardised by that voice's statistics: callers should keep a
     * {@link SpeakerStatistics} per voice (see {@link #speakerPrior()}) and pass its estimate with every window.
     */
    public boolean speakerNormalized() {
        return bundle.normalization().speakerNormalized();
    }

    /**
     * True if the bundle fuses a classifier over each window's statistics with the network: callers should compute
     * {@link org.emoscope.features.functionals.Functionals} per window and pass them.
     */
    public boolean usesFunctionals() {
        return bundle.functionals() != null;
    }

    /**
     * True if the model hears a voice better once it has learnt it: a {@link #speakerNormalized()} network or a
     * voice-centred functionals classifier ({@link FunctionalsClassifier#voiceCentred()}).
     */
    public boolean adaptsToVoices() {
        return speakerNormalized() || bundle.functionals() != null && bundle.functionals().voiceCentred();
    }

    /** The average training speaker of a {@link #speakerNormalized()} model; null otherwise. */
    public SpeakerPrior speakerPrior() {
        return bundle.normalization().speaker();
    }

    /** True if the bundle holds an untrained (randomly initialised) network: predictions are meaningless. */
    public boolean untrained() {
        return bundle.untrained();
    }

    /** The bundle this model runs. */
    public ModelBundle bundle() {
        return bundle;
    }

    /**
     * Shortest window (frames) the network is run on: one attention frame's worth, the time pooling factor
     * (4 frames = 40 ms with the defaults). Shorter windows are padded to it.
     */
    public int minFrames() {
        return minFrames;
    }

    /** Seconds of input covered by one frame-attention value (hop times the time pooling factor). */
    public double frameSeconds() {
        return frameSeconds;
    }
}
