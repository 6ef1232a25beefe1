package org.emoscope.model;

import java.util.List;

/**
 * Hyper-parameters of the emotion network built by {@link EmotionNetwork#build(NetworkSpec)}. Saved inside every
 * model bundle, so a loaded model always knows its own shape.
 *
 * <p>The network sees an MFCC matrix of {@code inputChannels} coefficients by T frames. Each convolution block
 * {@code i} is a convolution over time with {@code convFilters.get(i)} filters of width {@code convKernels.get(i)}
 * frames, max pooling over {@code poolSizes.get(i)} frames (1 = no pooling), batch normalisation and ReLU (see
 * {@link EmotionNetwork} for why pooling comes first). Then comes a CBAM attention block (channel attention with a bottleneck of
 * {@code lastFilters / attentionReduction} units, frame attention with a convolution of width
 * {@code spatialKernel}), global average and max pooling over time, a dense ReLU layer and the softmax output.
 *
 * @param inputChannels      MFCC coefficients per frame (network input channels)
 * @param convFilters        filters of each convolution block
 * @param convKernels        kernel width in frames of each convolution block (odd keeps frames centred)
 * @param poolSizes          max-pooling width (= stride) in frames of each block; 1 means no pooling
 * @param attentionReduction channel-attention bottleneck ratio r (hidden units = last filters / r, at least 1)
 * @param spatialKernel      width in attention frames of the frame-attention convolution
 * @param denseUnits         units of the dense layer before the output
 * @param dropout            probability of dropping a dense-layer activation during training (0 = none)
 * @param l2                 L2 weight regularisation coefficient (0 = none)
 * @param learningRate       Adam learning rate
 * @param numClasses         number of output classes
 * @param seed               seed of the weight initialisation and dropout
 * @param pooling            how the head pools over time (null, in bundles that predate the choice:
 *                           {@link Pooling#MEAN_MAX})
 */
public record NetworkSpec(
        int inputChannels,
        List<Integer> convFilters,
        List<Integer> convKernels,
        List<Integer> poolSizes,
        int attentionReduction,
        int spatialKernel,
        int denseUnits,
        double dropout,
        double l2,
        double learningRate,
        int numClasses,
        long seed,
        Pooling pooling) {

    /** How the head summarises the attention block's output over time. */
    public enum Pooling {
        /**
         * Global average and global maximum over time, concatenated (the paper's head). The frame gate is CBAM's
         * sigmoid spatial attention, which multiplies frames but does not choose between them.
         */
        MEAN_MAX,
        /**
         * Attentive statistics pooling: a small scorer gives every frame a score, a softmax over time turns the
         * scores into weights that sum to 1, and the head sees the weighted mean and standard deviation of each
         * channel ({@link AttentivePoolVertex}). The weights are the frame attention: a distribution over frames.
         */
        ATTENTIVE,
        /**
         * The frame-weighted mean (as {@link #ATTENTIVE}) beside the global maximum over time: the same head width
         * as {@link #MEAN_MAX}, and with a zero-initialised scorer exactly the same function, so a trained
         * mean-and-max network can learn where to look without losing what it knew. The weights decide the mean
         * half; the maximum still picks its own frame per channel.
         */
        ATTENTIVE_MAX;

        /** True if the head weighs frames with learnt weights that sum to 1 ({@link EmotionNetwork#FRAME_WEIGHTS}). */
        public boolean attentive() {
            return this != MEAN_MAX;
        }
    }

    /** A spec with {@link Pooling#MEAN_MAX} pooling. */
    public NetworkSpec(int inputChannels, List<Integer> convFilters, List<Integer> convKernels, List<Integer> poolSizes,
                       int attentionReduction, int spatialKernel, int denseUnits, double dropout, double l2,
                       double learningRate, int numClasses, long seed) {
        this(inputChannels, convFilters, convKernels, poolSizes, attentionReduction, spatialKernel, denseUnits,
                dropout, l2, learningRate, numClasses, seed, Pooling.MEAN_MAX);
    }

    /**
     * The recommended network for {@code numClasses} classes of 40-coefficient MFCCs: blocks of 64, 128 and 128
     * filters (kernels 5, 5, 3; pooling 2, 2, 1: attention frames of 4 input frames), CBAM with r = 8 and a
     * 7-frame spatial kernel, 64 dense units, dropout 0.3, L2 1e-4, learning rate 1e-3, seed 42.
     */
    public static NetworkSpec defaults(int numClasses) {
        return new NetworkSpec(40, List.of(64, 128, 128), List.of(5, 5, 3), List.of(2, 2, 1),
                8, 7, 64, 0.3, 1e-4, 1e-3, numClasses, 42L);
    }

    /**
     * Checks the settings; the lists are copied.
     *
     * @throws IllegalArgumentException if a size is not positive, the block lists differ in length, dropout is not in
     *                                  [0, 1), l2 is negative, the learning rate is not positive, or there are fewer
     *                                  than 2 classes
     */
    public NetworkSpec {
        if (pooling == null) pooling = Pooling.MEAN_MAX;
        convFilters = List.copyOf(convFilters);
        convKernels = List.copyOf(convKernels);
        poolSizes = List.copyOf(poolSizes);
        if (inputChannels < 1) throw new IllegalArgumentException("inputChannels must be >= 1: " + inputChannels);
        if (convFilters.isEmpty()) throw new IllegalArgumentException("at least one convolution block is needed");
        if (convKernels.size() != convFilters.size() || poolSizes.size() != convFilters.size())
            throw new IllegalArgumentException("convFilters, convKernels and poolSizes must have the same length: "
                    + convFilters.size() + ", " + convKernels.size() + ", " + poolSizes.size());
        for (int i = 0; i < convFilters.size(); i++) {
            if (convFilters.get(i) < 1) throw new IllegalArgumentException("convFilters[" + i + "] must be >= 1");
            if (convKernels.get(i) < 1) throw new IllegalArgumentException("convKernels[" + i + "] must be >= 1");
            if (poolSizes.get(i) < 1) throw new IllegalArgumentException("poolSizes[" + i + "] must be >= 1");
        }
        if (attentionReduction < 1)
            throw new IllegalArgumentException("attentionReduction must be >= 1: " + attentionReduction);
        if (spatialKernel < 1) throw new IllegalArgumentException("spatialKernel must be >= 1: " + spatialKernel);
        if (denseUnits < 1) throw new IllegalArgumentException("denseUnits must be >= 1: " + denseUnits);
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1): " + dropout);
        if (!(l2 >= 0 && Double.isFinite(l2))) throw new IllegalArgumentException("l2 must be >= 0: " + l2);
        if (!(learningRate > 0 && Double.isFinite(learningRate)))
            throw new IllegalArgumentException("learningRate must be > 0: " + learningRate);
        if (numClasses < 2) throw new IllegalArgumentException("numClasses must be >= 2: " + numClasses);
    }

    /** This spec with another number of input channels (MFCC coefficients). */
    public NetworkSpec withInputChannels(int channels) {
        return new NetworkSpec(channels, convFilters, convKernels, poolSizes, attentionReduction, spatialKernel,
                denseUnits, dropout, l2, learningRate, numClasses, seed, pooling);
    }

    /**
     * The record's usual form; the pooling is named only when it is not {@link Pooling#MEAN_MAX}, so that the text
     * of a mean-and-max spec (part of the key of earlier evaluation runs' work directories) is what it always was.
     */
    @Override
    public String toString() {
        return "NetworkSpec[inputChannels=" + inputChannels + ", convFilters=" + convFilters + ", convKernels="
                + convKernels + ", poolSizes=" + poolSizes + ", attentionReduction=" + attentionReduction
                + ", spatialKernel=" + spatialKernel + ", denseUnits=" + denseUnits + ", dropout=" + dropout
                + ", l2=" + l2 + ", learningRate=" + learningRate + ", numClasses=" + numClasses + ", seed=" + seed
                + (pooling == Pooling.MEAN_MAX ? "" : ", pooling=" + pooling) + "]";
    }

    /** This spec with another pooling over time. */
    public NetworkSpec withPooling(Pooling pooling) {
        return new NetworkSpec(inputChannels, convFilters, convKernels, poolSizes, attentionReduction, spatialKernel,
                denseUnits, dropout, l2, learningRate, numClasses, seed, pooling);
    }

    /** This spec with another seed of the weight initialisation and dropout. */
    public NetworkSpec withSeed(long seed) {
        return new NetworkSpec(inputChannels, convFilters, convKernels, poolSizes, attentionReduction, spatialKernel,
                denseUnits, dropout, l2, learningRate, numClasses, seed, pooling);
    }

    /**
     * True if a network built from {@code other} has layers of the same shapes as one built from this spec, apart
     * from the output layer (whose width is the number of classes): its weights can start this one
     * ({@link EmotionNetwork#transfer}). Regularisation, learning rate, seed and pooling do not matter (the layers of
     * an attentive head that a mean-and-max network lacks start fresh).
     */
    public boolean sameLayersAs(NetworkSpec other) {
        return inputChannels == other.inputChannels && convFilters.equals(other.convFilters)
                && convKernels.equals(other.convKernels) && poolSizes.equals(other.poolSizes)
                && attentionReduction == other.attentionReduction && spatialKernel == other.spatialKernel
                && denseUnits == other.denseUnits;
    }

    /**
     * Input frames per attention frame: the product of the pooling sizes. An input of T frames gives
     * ceil(T / factor) attention frames; attention frame i covers input frames [i * factor, (i + 1) * factor).
     */
    public int timePoolingFactor() {
        int factor = 1;
        for (int p : poolSizes) factor *= p;
        return factor;
    }

    /** Channels of the feature map the attention block works on (the last block's filters). */
    public int attentionChannels() {
        return convFilters.get(convFilters.size() - 1);
    }

    /**
     * Multiply-adds of the trunk (the convolutions) on {@code frames} input frames: per block, its output positions
     * times kernel width times input and output channels. Batch normalisation, ReLU and pooling are element-wise and
     * not counted.
     */
    public long trunkMultiplyAdds(int frames) {
        long total = 0;
        int stride = 1;
        int in = inputChannels;
        for (int i = 0; i < convFilters.size(); i++) {
            long positions = (frames + stride - 1) / stride;
            total += positions * convKernels.get(i) * in * convFilters.get(i);
            in = convFilters.get(i);
            stride *= poolSizes.get(i);
        }
        return total;
    }

    /**
     * Multiply-adds of the head on the trunk's output for {@code frames} input frames: the channel attention's two
     * 1 x 1 layers on the mean and max columns, the frame attention's convolution, an attentive head's scorer, the
     * dense layer and the output. The attention gates' and the pooling's element-wise products are not counted.
     */
    public long headMultiplyAdds(int frames) {
        long t = (frames + timePoolingFactor() - 1) / timePoolingFactor();
        long c = attentionChannels();
        long h = attentionHiddenUnits();
        long total = 2 * c * h + 2 * h * c + t * spatialKernel * 2L;
        if (pooling.attentive()) total += t * c * h + t * h;
        total += 2 * c * denseUnits + (long) denseUnits * numClasses;
        return total;
    }

    /** Multiply-adds of the whole network on one window of {@code frames} frames. */
    public long multiplyAdds(int frames) {
        return trunkMultiplyAdds(frames) + headMultiplyAdds(frames);
    }

    /** Hidden units of the channel-attention bottleneck. */
    public int attentionHiddenUnits() {
        return Math.max(1, attentionChannels() / attentionReduction);
    }
}
