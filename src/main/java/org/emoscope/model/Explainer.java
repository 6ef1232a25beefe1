package org.emoscope.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.emoscope.features.FeatureConfig;
import org.emoscope.features.MelFilterBank;
import org.emoscope.features.OrthoDct;
import org.nd4j.linalg.activations.Activation;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Explains a window's decision: how much each time-frequency cell of the log-mel spectrogram pushed one class's
 * probability up or down, by integrated gradients (Sundararajan et al., 2017) against a neutral window.
 *
 * <p>Method. Let {@code f(x)} be the network's probability of the class for normalised input x, {@code x} the
 * window and {@code x0} the neutral window: every frame the voice's mean frame ({@link Normalization#neutralFrame}),
 * which normalises to the training mean. The attribution of input value i is
 * {@code (x_i - x0_i) * mean_k df/dx_i (x0 + a_k (x - x0))} over {@code steps} points {@code a_k = (k + 1/2) / steps}
 * (the midpoint rule); the values add up to {@code f(x) - f(x0)} as steps grow (completeness). The gradients are DL4J's
 * input gradients of a copy of the network in which every batch normalisation is folded into the per-channel affine
 * map it computes at inference (a 1 x 1 depthwise convolution) and dropout is off, so that the gradients are those of
 * the function {@code analyze} runs, whatever DL4J does in training mode.
 *
 * <p>From MFCCs to the spectrogram. The network's input is an affine function of the MFCCs (the normalisation), and
 * the MFCCs are the orthonormal DCT of the log-mel frame ({@link OrthoDct}): so the input is an affine function of
 * the log-mel cells, and integrated gradients in log-mel space are exact: with {@code D} the DCT basis, the gradient
 * with respect to log-mel frame t is {@code D^T g_t} (g_t the gradient with respect to the MFCCs, through the
 * normalisation's adjoint) and the difference from the neutral frame is {@code D^T (mfcc_t - neutral)}, the part of
 * the spectrum the coefficients keep. Cell (t, m) gets the product of the two; the sum over cells is unchanged.
 *
 * <p>Not thread-safe (DL4J networks keep per-call state); one instance per thread. On a machine with two or more
 * cores an instance keeps a second copy of the network and runs half the path on a shared daemon thread.
 */
public final class Explainer {

    /**
     * Integration steps (Gauss-Legendre points) by default: completeness within a few percent of the explained
     * change on real speech, in under 100 ms for a 2 s window on one core (docs/benchmarks.md).
     */
    public static final int DEFAULT_STEPS = 8;

    private final ModelBundle bundle;
    private final ComputationGraph network;
    /** A second copy for the other half of the path, when there is a second core to run it on; else null. */
    private final ComputationGraph second;
    private final OrthoDct dct;
    private final double[] bandCentres;
    private final int minFrames;
    private final double attentionSeconds;
    private final String frameVertex;

    /** Prepares the explanation copy of {@code bundle}'s network. */
    public Explainer(ModelBundle bundle) {
        this.bundle = bundle;
        this.network = foldedCopy(bundle.network());
        this.second = SecondCore.AVAILABLE ? foldedCopy(bundle.network()) : null;
        FeatureConfig fc = bundle.featureConfig();
        this.dct = OrthoDct.of(fc);
        MelFilterBank bank = new MelFilterBank(fc);
        this.bandCentres = new double[bank.filterCount()];
        for (int m = 0; m < bandCentres.length; m++) bandCentres[m] = bank.centreFrequency(m);
        this.minFrames = bundle.spec().timePoolingFactor();
        this.attentionSeconds = fc.hopSeconds() * minFrames;
        this.frameVertex = bundle.spec().pooling().attentive()
                ? EmotionNetwork.FRAME_WEIGHTS : EmotionNetwork.FRAME_GATE;
    }

    /**
     * Explains {@code mfcc} ({@code [frames][coefficients]} raw MFCCs, as {@link EmotionModel#predict} takes them).
     *
     * @param voice       the window's voice for a speaker-normalised model (null: the prior)
     * @param functionals the window's statistics for a bundle that fuses them (null: none)
     * @param centre      the voice centre of the statistics ({@link FunctionalsClassifier#centreOf}; null: average)
     * @param target      class to explain, or -1 for the class the bundle predicts (fused when it fuses)
     * @param steps       integration steps (at least 1; 1 is gradient times input at the midpoint)
     */
    public Explanation explain(float[][] mfcc, SpeakerStatistics.Estimate voice, float[] functionals, float[] centre,
                               int target, int steps) {
        if (steps < 1) throw new IllegalArgumentException("steps must be >= 1: " + steps);
        Normalization norm = bundle.normalization();
        int frames = mfcc.length;
        if (frames == 0) throw new IllegalArgumentException("a window needs at least one frame");
        int channels = norm.channels();
        float[] neutral = norm.neutralFrame(voice);
        float[][] neutralWindow = new float[frames][];
        for (int t = 0; t < frames; t++) neutralWindow[t] = neutral;
        List<SpeakerStatistics.Estimate> voices = voice == null ? null : List.of(voice);
        INDArray x = ModelInput.batch(java.util.Collections.singletonList(mfcc), norm, minFrames, voices);
        INDArray x0 = ModelInput.batch(java.util.Collections.singletonList(neutralWindow), norm, minFrames, voices);

        // x and the neutral window in one forward pass: the probabilities, x's frame attention and the class
        INDArray both = Nd4j.concat(0, x, x0);
        var activations = network.feedForward(both, false);
        float[][] out = activations.get(EmotionNetwork.OUTPUT).toFloatMatrix();
        float[] p = out[0];
        float[] attention = activations.get(frameVertex).get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).dup()
                .ravel().toFloatVector();
        FunctionalsClassifier head = bundle.functionals();
        double weight = bundle.functionalsWeight();
        boolean fuses = head != null && functionals != null;
        float[] fused = fuses ? FunctionalsClassifier.fuse(p, head.probabilities(functionals, centre), weight)
                : p.clone();
        int k = target >= 0 ? target : argMax(fused);
        if (k >= p.length) throw new IllegalArgumentException("class " + k + " of " + p.length);
        double p0 = out[1][k];
        // the path x0 + a (x - x0), one row per step, and the gradient of p_k along it
        long paddedFrames = x.size(3);
        INDArray diff = x.sub(x0);
        INDArray path = Nd4j.create(DataType.FLOAT, steps, channels, 1, paddedFrames);
        for (int s = 0; s < steps; s++)
            path.get(org.nd4j.linalg.indexing.NDArrayIndex.point(s)).assign(
                    x0.add(diff.mul(midpoint(s, steps))).reshape(channels, 1, paddedFrames));
        INDArray g = pathGradient(path, k);
        float[] meanGrad = new float[channels * (int) paddedFrames];
        for (int s = 0; s < steps; s++) {
            float[] row = g.get(org.nd4j.linalg.indexing.NDArrayIndex.point(s)).dup('c').ravel().toFloatVector();
            for (int i = 0; i < row.length; i++) meanGrad[i] += row[i] / steps;
        }
        // gradient with respect to the normalised frames [t][c] (real frames only), then to the raw MFCCs
        float[][] gNorm = new float[frames][channels];
        for (int c = 0; c < channels; c++)
            for (int t = 0; t < frames; t++) gNorm[t][c] = meanGrad[c * (int) paddedFrames + t];
        float[][] gRaw = norm.gradientToRaw(gNorm, voice);

        int bands = dct.inputs();
        float[][] cells = new float[frames][bands];
        double[] gc = new double[channels];
        double[] dc = new double[channels];
        for (int t = 0; t < frames; t++) {
            for (int c = 0; c < channels; c++) {
                gc[c] = gRaw[t][c];
                dc[c] = mfcc[t][c] - neutral[c];
            }
            double[] gMel = dct.toLogMel(gc);
            double[] dMel = dct.toLogMel(dc);
            for (int m = 0; m < bands; m++) cells[t][m] = (float) (gMel[m] * dMel[m]);
        }
        int attentionFrames = (int) Math.ceil(frames / (double) minFrames);
        float[] att = java.util.Arrays.copyOf(attention, Math.min(attention.length, attentionFrames));
        List<Explanation.Contribution> stats = fuses ? statistics(head, functionals, centre, k, steps) : List.of();
        return new Explanation(bundle.labels(), k, p[k], p0, cells, bundle.featureConfig().hopSeconds(),
                bandCentres.clone(), att, attentionSeconds, bundle.spec().pooling().attentive(),
                fused, stats, fuses ? 1 - weight : 1);
    }

    /**
     * Integrated gradients of the statistics classifier's probability of class {@code k} from the voice's average
     * (every statistic at its centre) to the window, by central differences (the classifier is small).
     */
    private static List<Explanation.Contribution> statistics(FunctionalsClassifier head, float[] functionals,
                                                             float[] centre, int k, int steps) {
        float[] zRaw = head.voiceCentred()
                ? FunctionalsVoice.centre(functionals, centre == null ? head.centreOf(null) : centre) : functionals;
        float[] z = head.standardise(zRaw);
        float[] z0 = head.standardise(head.voiceCentred() ? new float[zRaw.length] : head.mean().clone());
        double[] attribution = new double[z.length];
        float h = 1e-3f;
        float[] point = new float[z.length];
        for (int s = 0; s < steps; s++) {
            double a = midpoint(s, steps);
            for (int i = 0; i < z.length; i++) point[i] = (float) (z0[i] + a * (z[i] - z0[i]));
            for (int i = 0; i < z.length; i++) {
                float keep = point[i];
                point[i] = keep + h;
                double up = head.probabilitiesOfStandardised(point)[k];
                point[i] = keep - h;
                double down = head.probabilitiesOfStandardised(point)[k];
                point[i] = keep;
                attribution[i] += (up - down) / (2 * h) / steps;
            }
        }
        List<Explanation.Contribution> out = new ArrayList<>();
        for (int i = 0; i < z.length; i++)
            out.add(new Explanation.Contribution(head.features().get(i), attribution[i] * (z[i] - z0[i])));
        out.sort(Comparator.comparingDouble((Explanation.Contribution c) -> -Math.abs(c.value())));
        return out;
    }

    /**
     * {@code d p_k / d x} for every row of {@code x} ({@code [n, C, 1, T]}), by a forward and a backward pass run
     * vertex by vertex (DL4J 1.0.0-M2.1's ComputationGraph has no public input gradient). The output layer's softmax
     * is done by hand: {@code d p_k / d z_j = p_k (delta_kj - p_j)}, then through its weights to the dense layer's
     * activations.
     */
    static INDArray probabilityGradient(ComputationGraph net, INDArray x, int k) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        org.deeplearning4j.nn.graph.vertex.GraphVertex[] vertices = net.getVertices();
        int[] order = net.topologicalSortOrder();
        INDArray[] outputs = new INDArray[vertices.length];
        int outputIndex = -1;
        for (int i : order) {
            var v = vertices[i];
            if (v.isInputVertex()) {
                outputs[i] = x;
                continue;
            }
            var in = v.getInputVertices();
            for (int j = 0; j < in.length; j++) v.setInput(j, outputs[in[j].getVertexIndex()], mgr);
            if (v.getVertexName().equals(EmotionNetwork.OUTPUT)) {
                outputIndex = i;
                continue;
            }
            outputs[i] = v.doForward(true, mgr);
        }
        var outVertex = vertices[outputIndex];
        INDArray h = outputs[outVertex.getInputVertices()[0].getVertexIndex()];
        Layer out = outVertex.getLayer();
        INDArray z = h.mmul(out.getParam("W")).addiRowVector(out.getParam("b"));
        INDArray p = org.nd4j.linalg.ops.transforms.Transforms.softmax(z, true);
        INDArray pk = p.getColumn(k).dup().reshape(p.size(0), 1);
        INDArray dz = p.mul(-1).mulColumnVector(pk);
        dz.getColumn(k).addi(pk.reshape(p.size(0)));
        INDArray[] eps = new INDArray[vertices.length];
        eps[outVertex.getInputVertices()[0].getVertexIndex()] = dz.mmul(out.getParam("W").transpose());
        int input = -1;
        for (int n = order.length - 1; n >= 0; n--) {
            int i = order[n];
            var v = vertices[i];
            if (v.isInputVertex()) {
                input = i;
                continue;
            }
            if (i == outputIndex || eps[i] == null) continue;
            v.setEpsilon(eps[i]);
            INDArray[] back = v.doBackward(false, mgr).getSecond();
            var in = v.getInputVertices();
            for (int j = 0; j < in.length; j++) {
                int src = in[j].getVertexIndex();
                eps[src] = eps[src] == null ? back[j].dup() : eps[src].addi(back[j]);
            }
        }
        return eps[input];
    }

    /**
     * {@link #probabilityGradient} over the rows of {@code path}: on a machine with a second core, the second half
     * of the rows runs on a shared daemon thread with the second copy of the network (each pass costs several times a
     * forward pass, and on-demand explanations are short bursts), rows kept in order.
     */
    private INDArray pathGradient(INDArray path, int k) {
        long n = path.size(0);
        if (second == null || n < 2) return probabilityGradient(network, path, k);
        long half = n / 2;
        INDArray tail = path.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(half, n)).dup('c');
        INDArray head = path.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, half)).dup('c');
        SecondCore.Both<INDArray> both = SecondCore.split(() -> probabilityGradient(network, head, k),
                () -> probabilityGradient(second, tail, k));
        return Nd4j.concat(0, both.here(), both.there());
    }

    /**
     * Point {@code k} of the midpoint rule with {@code n} points on [0, 1], each weighing {@code 1 / n}.
     * (Gauss-Legendre points were tried: along the path the probability has the kinks of ReLU and max pooling, and on
     * real speech they left a larger completeness gap than the midpoint rule at 8 and 16 points.)
     */
    private static double midpoint(int k, int n) {
        return (k + 0.5) / n;
    }

    private static int argMax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    /**
     * A copy of {@code source} for gradients: each batch normalisation replaced by the 1 x 1 depthwise convolution
     * that computes its inference-time map {@code gamma (x - mean) / std + beta}, dropout off, every other layer's
     * weights copied.
     */
    static ComputationGraph foldedCopy(ComputationGraph source) {
        ComputationGraphConfiguration conf = source.getConfiguration().clone();
        // no workspaces: the input gradient is read after the backward pass, when a workspace would have been reused
        conf.setTrainingWorkspaceMode(org.deeplearning4j.nn.conf.WorkspaceMode.NONE);
        conf.setInferenceWorkspaceMode(org.deeplearning4j.nn.conf.WorkspaceMode.NONE);
        List<String> folded = new ArrayList<>();
        for (var e : conf.getVertices().entrySet()) {
            GraphVertex v = e.getValue();
            if (!(v instanceof LayerVertex lv)) continue;
            var layer = lv.getLayerConf().getLayer();
            if (layer instanceof BatchNormalization bn) {
                DepthwiseConvolution2D dw = new DepthwiseConvolution2D.Builder(1, 1).depthMultiplier(1)
                        .nIn(bn.getNIn()).nOut(bn.getNOut()).hasBias(true).activation(Activation.IDENTITY)
                        .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same)
                        .weightInit(org.deeplearning4j.nn.weights.WeightInit.ONES)
                        .updater(new org.nd4j.linalg.learning.config.NoOp()).build();
                dw.setLayerName(layer.getLayerName());
                lv.getLayerConf().setLayer(dw);
                folded.add(e.getKey());
            }
            lv.getLayerConf().getLayer().setIDropout(null);
        }
        ComputationGraph copy = new ComputationGraph(conf);
        copy.init();
        copy.initGradientsView();
        for (Layer target : copy.getLayers()) {
            String name = target.conf().getLayer().getLayerName();
            Layer from = source.getLayer(name);
            if (!folded.contains(name)) {
                for (var p : target.paramTable().entrySet()) p.getValue().assign(from.paramTable().get(p.getKey()));
                continue;
            }
            BatchNormalization bn = (BatchNormalization) from.conf().getLayer();
            double[] gamma = from.getParam(BatchNormalizationParamInitializer.GAMMA).toDoubleVector();
            double[] beta = from.getParam(BatchNormalizationParamInitializer.BETA).toDoubleVector();
            double[] mean = from.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).toDoubleVector();
            double[] spread = bn.isUseLogStd()
                    ? from.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).toDoubleVector()
                    : from.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).toDoubleVector();
            double[] scale = new double[gamma.length];
            double[] shift = new double[gamma.length];
            for (int c = 0; c < gamma.length; c++) {
                double std = bn.isUseLogStd() ? Math.pow(10, spread[c]) : Math.sqrt(spread[c] + bn.getEps());
                scale[c] = gamma[c] / std;
                shift[c] = beta[c] - scale[c] * mean[c];
            }
            INDArray w = target.getParam("W");
            INDArray b = target.getParam("b");
            w.assign(Nd4j.create(scale).reshape(w.shape()).castTo(w.dataType()));
            b.assign(Nd4j.create(shift).reshape(b.shape()).castTo(b.dataType()));
        }
        return copy;
    }
}
