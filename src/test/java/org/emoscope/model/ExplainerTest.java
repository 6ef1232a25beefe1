package org.emoscope.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.emoscope.features.FeatureConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The explainer on random networks whose batch normalisations have non-trivial statistics, with a normalisation that
 * standardises per speaker and removes the window mean: the folded copy computes what the network computes at
 * inference, and the attribution adds up to the change in probability it explains (completeness), which checks the
 * input gradients, the normalisation's adjoint and the DCT mapping together.
 */
class ExplainerTest {

    private static final List<String> LABELS = List.of("neutral", "happy", "sad", "angry");

    @BeforeAll
    static void init() {
        TestNd4j.init();
    }

    static ModelBundle bundle(NetworkSpec.Pooling pooling, long seed) {
        FeatureConfig fc = FeatureConfig.defaults();
        NetworkSpec spec = NetworkSpec.defaults(LABELS.size()).withPooling(pooling).withSeed(seed);
        ComputationGraph net = EmotionNetwork.build(spec);
        Random rng = new Random(seed);
        for (Layer l : net.getLayers()) {
            if (l.conf().getLayer() instanceof BatchNormalization) {
                for (var e : l.paramTable().entrySet()) {
                    INDArray p = e.getValue();
                    double[] v = new double[(int) p.length()];
                    for (int i = 0; i < v.length; i++)
                        v[i] = switch (e.getKey()) {
                            case "gamma" -> 0.5 + rng.nextDouble();
                            case "beta", "mean" -> 0.3 * rng.nextGaussian();
                            default -> -0.2 + 0.2 * rng.nextDouble(); // log10 std or variance
                        };
                    p.assign(org.nd4j.linalg.factory.Nd4j.create(v).reshape(p.shape()).castTo(p.dataType()));
                }
            }
            if (l.conf().getLayer().getLayerName().equals("att_score"))
                l.paramTable().get("W").assign(TestNd4j.gaussian(rng, DataType.FLOAT, l.paramTable().get("W").shape()));
        }
        float[] mean = new float[40];
        float[] std = new float[40];
        float[] sm = new float[40];
        float[] ss = new float[40];
        for (int c = 0; c < 40; c++) {
            mean[c] = (float) (0.1 * rng.nextGaussian());
            std[c] = (float) (0.8 + 0.4 * rng.nextDouble());
            sm[c] = (float) (5 * rng.nextGaussian());
            ss[c] = (float) (2 + rng.nextDouble());
        }
        SpeakerPrior prior = new SpeakerPrior(sm, ss, 30, 1000);
        Normalization norm = new Normalization(mean, std, true, prior);
        return new ModelBundle(net, spec, LABELS, fc, norm, Map.of(), false);
    }

    static float[][] window(Random rng, int frames) {
        float[][] w = new float[frames][40];
        for (int t = 0; t < frames; t++)
            for (int c = 0; c < 40; c++) w[t][c] = (float) (5 * rng.nextGaussian() + 3 * Math.sin(t / 7.0 + c));
        return w;
    }

    @ParameterizedTest
    @EnumSource(NetworkSpec.Pooling.class)
    void theFoldedCopyComputesTheInferenceFunction(NetworkSpec.Pooling pooling) {
        ModelBundle b = bundle(pooling, 3);
        ComputationGraph folded = Explainer.foldedCopy(b.network());
        INDArray x = TestNd4j.gaussian(new Random(1), DataType.FLOAT, 3, 40, 1, 57);
        assertArrayEquals(b.network().outputSingle(false, x).ravel().toFloatVector(),
                folded.outputSingle(false, x).ravel().toFloatVector(), 2e-5f);
        assertArrayEquals(b.network().outputSingle(false, x).ravel().toFloatVector(),
                folded.outputSingle(true, x).ravel().toFloatVector(), 2e-5f, "training mode changes nothing");
    }

    @ParameterizedTest
    @EnumSource(NetworkSpec.Pooling.class)
    void cellsAddUpToTheChangeInProbability(NetworkSpec.Pooling pooling) {
        ModelBundle b = bundle(pooling, 5);
        Explainer explainer = new Explainer(b);
        EmotionModel model = new EmotionModel(b);
        Random rng = new Random(9);
        float[][] w = window(rng, 83);
        SpeakerStatistics.Estimate voice = b.normalization().speaker().asEstimate();
        for (int target = 0; target < LABELS.size(); target += 3) {
            // max pooling and ReLU make the path piecewise: the midpoint sum needs many steps to converge
            Explanation e = explainer.explain(w, voice, null, null, target, 400);
            assertEquals(83, e.frames());
            assertEquals(64, e.bands());
            assertEquals(model.predictBatch(java.util.Collections.singletonList(w), voice)[0].probabilities()[target],
                    e.probability(), 1e-5, "the explained probability is the model's");
            double change = e.probability() - e.baselineProbability();
            assertTrue(e.completenessGap() <= 0.01 * Math.abs(change) + 1e-3,
                    "class " + target + ": cells add up to " + e.total() + ", the probability moved by " + change);
            assertTrue(e.maxAbs() > 0);
        }
        Explanation predicted = explainer.explain(w, voice, null, null, -1, 8);
        assertEquals(model.predictBatch(java.util.Collections.singletonList(w), voice)[0].bestIndex(),
                predicted.target());
        assertEquals(pooling.attentive(), predicted.distribution());
        assertEquals(21, predicted.frameAttention().length);
    }
}
