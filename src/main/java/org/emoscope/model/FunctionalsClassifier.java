package org.emoscope.model;

import java.util.Arrays;
import java.util.List;

/**
 * A small classifier over one window's {@link org.emoscope.features.functionals.Functionals}: the statistics are
 * standardised with the training set's mean and spread (a missing value, NaN, becomes the mean), then go through
 * dense layers, ReLU between them and softmax after the last. No hidden layer is multinomial logistic regression.
 * Plain arrays and arithmetic, stored as JSON in the model bundle: nothing in it can run code when it is loaded.
 *
 * @param features names of the statistics, in input order (checked against the feature code on load)
 * @param mean     training mean of each statistic
 * @param scale    training standard deviation of each statistic (positive)
 * @param layers   the dense layers, input to output; the last has one output per class
 * @param voice    for a voice-centred classifier, the average training voice ({@link FunctionalsVoice}): each
 *                 window is centred on its voice's estimate before standardising; null for a classifier that reads
 *                 windows as they are
 * @param voiceStrength how many windows the average voice counts for in a voice's estimate
 */
public record FunctionalsClassifier(List<String> features, float[] mean, float[] scale, List<Dense> layers,
                                    float[] voice, double voiceStrength) {

    /**
     * One dense layer, {@code y = W x + b}.
     *
     * @param weights [outputs][inputs]
     * @param bias    [outputs]
     */
    public record Dense(float[][] weights, float[] bias) {
        public Dense {
            if (weights == null || bias == null || weights.length == 0 || weights.length != bias.length)
                throw new IllegalArgumentException("a dense layer needs one bias per output");
            int in = weights[0].length;
            for (float[] row : weights)
                if (row == null || row.length != in) throw new IllegalArgumentException("ragged dense layer");
        }

        public int inputs() {
            return weights[0].length;
        }

        public int outputs() {
            return weights.length;
        }
    }

    public FunctionalsClassifier {
        features = List.copyOf(features);
        layers = List.copyOf(layers);
        if (mean == null || scale == null || mean.length != features.size() || scale.length != features.size())
            throw new IllegalArgumentException("one mean and one scale per statistic are needed");
        if (layers.isEmpty()) throw new IllegalArgumentException("a classifier needs at least one layer");
        if (voice != null) {
            if (voice.length != features.size())
                throw new IllegalArgumentException("the average voice needs one value per statistic");
            for (float v : voice) finite(v);
            if (!(voiceStrength >= 0 && voiceStrength < 1e6))
                throw new IllegalArgumentException("voice strength must be >= 0: " + voiceStrength);
        }
        int width = features.size();
        for (Dense d : layers) {
            if (d.inputs() != width)
                throw new IllegalArgumentException("layer expects " + d.inputs() + " inputs, gets " + width);
            width = d.outputs();
        }
        for (int i = 0; i < scale.length; i++)
            if (!(scale[i] > 0) || !Float.isFinite(mean[i]))
                throw new IllegalArgumentException("statistic " + features.get(i) + " has no usable mean/scale");
        for (Dense d : layers) {
            for (float[] row : d.weights()) for (float w : row) finite(w);
            for (float b : d.bias()) finite(b);
        }
    }

    private static void finite(float v) {
        if (!Float.isFinite(v)) throw new IllegalArgumentException("a weight is not finite");
    }

    /** A classifier that reads windows as they are. */
    public FunctionalsClassifier(List<String> features, float[] mean, float[] scale, List<Dense> layers) {
        this(features, mean, scale, layers, null, 0);
    }

    /** This classifier, reading windows centred on their voice, the average voice being {@code voice}. */
    public FunctionalsClassifier withVoice(float[] voice, double strength) {
        return new FunctionalsClassifier(features, mean, scale, layers, voice, strength);
    }

    /** True if each window is centred on its voice ({@link FunctionalsVoice}) first. */
    public boolean voiceCentred() {
        return voice != null;
    }

    /** A fresh voice for this classifier's statistics. */
    public FunctionalsVoice newVoice() {
        return new FunctionalsVoice(features.size());
    }

    /**
     * Class probabilities of one window spoken by {@code voice} (its windows so far, this one included or not as the
     * caller likes); a classifier that is not voice-centred ignores {@code voice}, and a null voice means the
     * average training voice.
     */
    public float[] probabilities(float[] functionals, FunctionalsVoice voice) {
        return probabilities(functionals, centreOf(voice));
    }

    /**
     * What a voice-centred classifier subtracts from the windows of {@code voice}: its estimate, shrunk towards the
     * average training voice (null voice: the average voice itself). Null for a classifier that is not voice-centred.
     */
    public float[] centreOf(FunctionalsVoice voice) {
        if (this.voice == null) return null;
        return voice == null ? this.voice.clone() : voice.estimate(this.voice, voiceStrength);
    }

    /**
     * Class probabilities of one window, centred on {@code centre} ({@link #centreOf}; null: the average voice)
     * if this classifier is voice-centred.
     */
    public float[] probabilities(float[] functionals, float[] centre) {
        if (this.voice == null) return probabilitiesOfStandardised(standardise(functionals));
        return probabilitiesOfStandardised(standardise(FunctionalsVoice.centre(functionals,
                centre == null ? this.voice : centre)));
    }

    /** Number of classes. */
    public int classes() {
        return layers.get(layers.size() - 1).outputs();
    }

    /**
     * The standardised input: {@code (x - mean) / scale}, 0 for a missing (NaN) statistic. For a voice-centred
     * classifier {@code x} must already be centred on its voice.
     */
    public float[] standardise(float[] functionals) {
        if (functionals.length != mean.length)
            throw new IllegalArgumentException("expected " + mean.length + " statistics, got " + functionals.length);
        float[] z = new float[mean.length];
        for (int i = 0; i < z.length; i++) {
            float v = functionals[i];
            z[i] = Float.isNaN(v) ? 0f : (v - mean[i]) / scale[i];
        }
        return z;
    }

    /** Class probabilities of one window's statistics, spoken by the average training voice. */
    public float[] probabilities(float[] functionals) {
        return probabilities(functionals, (float[]) null);
    }

    /** Class probabilities of already standardised statistics. */
    public float[] probabilitiesOfStandardised(float[] z) {
        float[] x = z;
        for (int l = 0; l < layers.size(); l++) {
            Dense d = layers.get(l);
            float[] y = new float[d.outputs()];
            for (int o = 0; o < y.length; o++) {
                double s = d.bias()[o];
                float[] w = d.weights()[o];
                for (int i = 0; i < w.length; i++) s += w[i] * x[i];
                y[o] = (float) (l < layers.size() - 1 ? Math.max(0, s) : s);
            }
            x = y;
        }
        return softmax(x);
    }

    /**
     * The fused probabilities of a window: {@code (1 - weight) * network + weight * classifier}, per class (a new
     * array). The one place the fusion is written: inference, explanations and evaluation use it.
     */
    public static float[] fuse(float[] network, float[] classifier, double weight) {
        float[] out = new float[network.length];
        for (int c = 0; c < out.length; c++) out[c] = (float) ((1 - weight) * network[c] + weight * classifier[c]);
        return out;
    }

    static float[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logits) max = Math.max(max, v);
        double sum = 0;
        double[] e = new double[logits.length];
        for (int i = 0; i < e.length; i++) sum += e[i] = Math.exp(logits[i] - max);
        float[] p = new float[logits.length];
        for (int i = 0; i < p.length; i++) p[i] = (float) (e[i] / sum);
        return p;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FunctionalsClassifier c)) return false;
        if (!features.equals(c.features) || !Arrays.equals(mean, c.mean) || !Arrays.equals(scale, c.scale)
                || layers.size() != c.layers.size() || !Arrays.equals(voice, c.voice)
                || voiceStrength != c.voiceStrength) return false;
        for (int l = 0; l < layers.size(); l++)
            if (!Arrays.deepEquals(layers.get(l).weights(), c.layers.get(l).weights())
                    || !Arrays.equals(layers.get(l).bias(), c.layers.get(l).bias())) return false;
        return true;
    }

    @Override
    public int hashCode() {
        return features.hashCode() * 31 + Arrays.hashCode(mean);
    }
}
