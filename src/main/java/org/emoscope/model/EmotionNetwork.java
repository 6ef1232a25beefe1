package org.emoscope.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the speech-emotion network: MFCC -> 1-D CNN blocks -> CBAM (channel + frame attention) -> pooled head.
 *
 * <p>Layout: the MFCC matrix {@code [batch, C, T]} is fed as NCHW {@code [batch, C, 1, T]}; a convolution with a
 * {@code 1 x k} kernel in {@link ConvolutionMode#Same} mode is then exactly a 1-D convolution over time, and
 * {@link BatchNormalization} works on it (it does not on 3-D activations in DL4J 1.0.0-M2.1). Layers:
 * <pre>
 *   {@value #INPUT} [B, C, 1, T]
 *   per block i: conv_i (1 x k_i, no bias) -> pool_i (max, 1 x p_i, stride p_i; absent if p_i = 1) -> bn_i -> relu_i
 *   CBAM on the last block's output F [B, C', 1, T']:
 *     ca_pool   mean and max of F over time            [B, C', 1, 2]   ({@link MeanMaxPoolVertex})
 *     ca_fc1    1 x 1 conv C' -> C'/r, ReLU             } the shared MLP: a 1 x 1 convolution applies the same
 *     ca_fc2    1 x 1 conv C'/r -> C'                   } weights to the mean column and to the max column
 *     ca_sum    sum of the two columns                  [B, C', 1, 1]
 *     {@value #CHANNEL_GATE}  sigmoid                               [B, C', 1, 1]
 *     ca_out    F * channel gate                        [B, C', 1, T']  ({@link BroadcastMultiplyVertex})
 *     sa_pool   mean and max over channels             [B, 2, 1, T']
 *     {@value #FRAME_GATE}    1 x s conv 2 -> 1, sigmoid             [B, 1, 1, T']
 *     sa_out    ca_out * frame gate                     [B, C', 1, T']
 *   head, {@link NetworkSpec.Pooling#MEAN_MAX}: global average and global max over time, concatenated [B, 2C']
 *   head, {@link NetworkSpec.Pooling#ATTENTIVE}:
 *     att_hidden 1 x 1 conv C' -> C'/r, tanh                [B, C'/r, 1, T']
 *     att_score  1 x 1 conv C'/r -> 1, zero-initialised     [B, 1, 1, T']
 *     {@value #FRAME_WEIGHTS} softmax over time ({@link TimeSoftmaxVertex})  [B, 1, 1, T'], sums to 1
 *     pooled     weighted mean and standard deviation of sa_out [B, 2C'] ({@link AttentivePoolVertex})
 *   head, {@link NetworkSpec.Pooling#ATTENTIVE_MAX}: the same scorer and weights; pooled = the weighted mean beside
 *     the global max over time [B, 2C'] (with the scorer at zero, exactly the mean-and-max head)
 *   then dense (ReLU) -> {@value #OUTPUT} (softmax; dropout is applied to the output layer's input, i.e. the dense
 *   activations)
 * </pre>
 * Block order: pooling comes before batch normalisation and ReLU (the paper's order is conv, BN, ReLU, pool). The two
 * orders represent the same functions: at inference BN is a per-channel affine map, which commutes with max pooling
 * when its scale is positive, and a negative scale is matched by negating the convolution's filters; ReLU commutes
 * with max pooling. Pooling first lets BN and ReLU touch half the values: 20% faster training, 15% faster inference
 * on 2 cores. (DL4J's BatchNormalization ignores an activation function set on it, hence the separate ReLU.)
 *
 * <p>All layers are standard DL4J layers except the two parameter-free vertices, whose backward passes are written by
 * hand (no SameDiff, whose gradients are wrong in this DL4J version). Every size is independent of T, so any
 * number of frames works; pooling in {@code Same} mode gives {@code ceil(T / factor)} attention frames.
 */
public final class EmotionNetwork {

    /** Name of the network input: normalised MFCCs {@code [batch, coefficients, 1, frames]}. */
    public static final String INPUT = "mfcc";
    /** Name of the channel-attention gate vertex; activations {@code [batch, C', 1, 1]} in (0, 1). */
    public static final String CHANNEL_GATE = "channel_gate";
    /** Name of the frame-attention gate vertex; activations {@code [batch, 1, 1, T']} in (0, 1). */
    public static final String FRAME_GATE = "frame_gate";
    /**
     * Name of the frame-weights vertex of a {@link NetworkSpec.Pooling#ATTENTIVE} network; activations
     * {@code [batch, 1, 1, T']}, a distribution over attention frames (each window's weights sum to 1).
     */
    public static final String FRAME_WEIGHTS = "frame_weights";
    /** Name of the output layer; activations {@code [batch, classes]}, softmax probabilities. */
    public static final String OUTPUT = "output";
    /** Name of the input of a head built alone ({@link #headConfiguration}): a trunk output. */
    static final String HEAD_INPUT = "trunk";

    /**
     * Frames assumed when DL4J infers layer shapes at build time. Only used for shape inference: the built network
     * accepts any number of frames.
     */
    private static final int NOMINAL_FRAMES = 200;

    private EmotionNetwork() {
    }

    /** Builds and initialises (seeded by {@link NetworkSpec#seed()}) the float32 network for {@code spec}. */
    public static ComputationGraph build(NetworkSpec spec) {
        ComputationGraph net = new ComputationGraph(configuration(spec, DataType.FLOAT, new Adam(spec.learningRate())));
        net.init();
        return net;
    }

    /** The configuration behind {@link #build}, with the data type and updater chosen by the caller (tests). */
    static ComputationGraphConfiguration configuration(NetworkSpec spec, DataType dataType, IUpdater updater) {
        ComputationGraphConfiguration.GraphBuilder g = builder(spec, dataType, updater)
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(1, NOMINAL_FRAMES, spec.inputChannels(), CNN2DFormat.NCHW));
        addHead(g, spec, addTrunk(g, spec));
        return g.build();
    }

    /**
     * The trunk alone, for inference: {@value #INPUT} to the last block's ReLU, which is its output
     * {@code [batch, C', 1, T']} ({@link #trunkOutput}). Its layers are named as in the whole network.
     */
    static ComputationGraphConfiguration trunkConfiguration(NetworkSpec spec) {
        ComputationGraphConfiguration.GraphBuilder g = builder(spec, DataType.FLOAT, new Adam(spec.learningRate()))
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(1, NOMINAL_FRAMES, spec.inputChannels(), CNN2DFormat.NCHW));
        g.setOutputs(addTrunk(g, spec));
        return g.build();
    }

    /**
     * The head alone, for inference: the attention block and the pooled classifier on a trunk output
     * {@code [batch, C', 1, T']} fed as input {@value #HEAD_INPUT}. Its layers are named as in the whole network.
     */
    static ComputationGraphConfiguration headConfiguration(NetworkSpec spec) {
        int frames = (NOMINAL_FRAMES + spec.timePoolingFactor() - 1) / spec.timePoolingFactor();
        ComputationGraphConfiguration.GraphBuilder g = builder(spec, DataType.FLOAT, new Adam(spec.learningRate()))
                .addInputs(HEAD_INPUT)
                .setInputTypes(InputType.convolutional(1, frames, spec.attentionChannels(), CNN2DFormat.NCHW));
        addHead(g, spec, HEAD_INPUT);
        return g.build();
    }

    /** Name of the last trunk vertex of a network built from {@code spec}: the last block's ReLU. */
    static String trunkOutput(NetworkSpec spec) {
        return "relu" + spec.convFilters().size();
    }

    private static ComputationGraphConfiguration.GraphBuilder builder(NetworkSpec spec, DataType dataType,
                                                                      IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(dataType)
                .updater(updater)
                .weightInit(WeightInit.RELU)
                .l2(spec.l2())
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder();
    }

    /** The convolution blocks on {@value #INPUT}; returns the name of the last one's output. */
    private static String addTrunk(ComputationGraphConfiguration.GraphBuilder g, NetworkSpec spec) {
        String last = INPUT;
        List<Integer> filters = spec.convFilters();
        for (int i = 0; i < filters.size(); i++) {
            int block = i + 1;
            g.addLayer("conv" + block, new ConvolutionLayer.Builder(1, spec.convKernels().get(i))
                    .nOut(filters.get(i)).hasBias(false).activation(Activation.IDENTITY).build(), last);
            last = "conv" + block;
            int pool = spec.poolSizes().get(i);
            if (pool > 1) {
                g.addLayer("pool" + block, new SubsamplingLayer.Builder(PoolingType.MAX)
                        .kernelSize(1, pool).stride(1, pool).build(), last);
                last = "pool" + block;
            }
            g.addLayer("bn" + block, new BatchNormalization.Builder().build(), last)
                    .addLayer("relu" + block, new ActivationLayer.Builder().activation(Activation.RELU).build(),
                            "bn" + block);
            last = "relu" + block;
        }
        return last;
    }

    /** The attention block and the pooled classifier on {@code last}, the trunk's output. */
    private static void addHead(ComputationGraphConfiguration.GraphBuilder g, NetworkSpec spec, String last) {
        int channels = spec.attentionChannels();
        g.addVertex("ca_pool", new MeanMaxPoolVertex(MeanMaxPoolVertex.Axis.TIME), last)
                .addLayer("ca_fc1", new ConvolutionLayer.Builder(1, 1).nOut(spec.attentionHiddenUnits())
                        .activation(Activation.RELU).build(), "ca_pool")
                .addLayer("ca_fc2", new ConvolutionLayer.Builder(1, 1).nOut(channels)
                        .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER).build(), "ca_fc1")
                .addLayer("ca_sum", new GlobalPoolingLayer.Builder(PoolingType.SUM).collapseDimensions(false)
                        .build(), "ca_fc2")
                .addLayer(CHANNEL_GATE, new ActivationLayer.Builder().activation(Activation.SIGMOID).build(),
                        "ca_sum")
                .addVertex("ca_out", new BroadcastMultiplyVertex(), last, CHANNEL_GATE)
                .addVertex("sa_pool", new MeanMaxPoolVertex(MeanMaxPoolVertex.Axis.CHANNELS), "ca_out")
                .addLayer(FRAME_GATE, new ConvolutionLayer.Builder(1, spec.spatialKernel()).nOut(1)
                        .activation(Activation.SIGMOID).weightInit(WeightInit.XAVIER).build(), "sa_pool")
                .addVertex("sa_out", new BroadcastMultiplyVertex(), "ca_out", FRAME_GATE);

        OutputLayer.Builder output = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(spec.numClasses()).activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER);
        if (spec.dropout() > 0) output.dropOut(1.0 - spec.dropout()); // DL4J takes the retain probability
        if (spec.pooling().attentive()) {
            // the scorer's output layer starts at zero: uniform weights, i.e. the weighted mean is the plain mean
            g.addLayer("att_hidden", new ConvolutionLayer.Builder(1, 1).nOut(spec.attentionHiddenUnits())
                            .activation(Activation.TANH).weightInit(WeightInit.XAVIER).build(), "sa_out")
                    .addLayer("att_score", new ConvolutionLayer.Builder(1, 1).nOut(1)
                            .activation(Activation.IDENTITY).weightInit(WeightInit.ZERO).build(), "att_hidden")
                    .addVertex(FRAME_WEIGHTS, new TimeSoftmaxVertex(), "att_score");
            if (spec.pooling() == NetworkSpec.Pooling.ATTENTIVE) {
                g.addVertex("pooled", new AttentivePoolVertex(true), "sa_out", FRAME_WEIGHTS);
            } else {
                g.addVertex("att_mean", new AttentivePoolVertex(false), "sa_out", FRAME_WEIGHTS)
                        .addLayer("max_pool", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "sa_out")
                        .addVertex("pooled", new MergeVertex(), "att_mean", "max_pool");
            }
        } else {
            g.addLayer("avg_pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "sa_out")
                    .addLayer("max_pool", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "sa_out")
                    .addVertex("pooled", new MergeVertex(), "avg_pool", "max_pool");
        }
        g.addLayer("dense", new DenseLayer.Builder().nOut(spec.denseUnits()).activation(Activation.RELU)
                        .build(), "pooled")
                .addLayer(OUTPUT, output.build(), "dense")
                .setOutputs(OUTPUT);
    }


    /**
     * Starts {@code to} from what {@code from} has learnt (transfer learning): every layer's weights, and the output
     * weights of each class both networks have (matched by label). Classes only {@code to} has keep their fresh
     * initialisation, and so do the frame scorer's layers when {@code to} pools attentively and {@code from} does
     * not (its zero-initialised scorer starts as the plain mean). The networks must otherwise have the same shape
     * apart from the number of classes.
     *
     * @return the labels whose output weights were copied
     * @throws IllegalArgumentException if a layer other than the output differs in shape between the networks
     */
    public static List<String> transfer(ComputationGraph from, List<String> fromLabels, ComputationGraph to,
                                        List<String> toLabels) {
        for (Layer target : to.getLayers()) {
            String name = target.conf().getLayer().getLayerName();
            if (name.equals(OUTPUT)) continue;
            if (!from.getConfiguration().getVertices().containsKey(name)) {
                if (name.startsWith("att_")) continue; // an attentive head's scorer, new to a mean-and-max network
                throw new IllegalArgumentException("the source network has no layer " + name);
            }
            Layer source = from.getLayer(name);
            for (var e : target.paramTable().entrySet()) {
                INDArray value = source.paramTable().get(e.getKey());
                if (value == null || !Arrays.equals(value.shape(), e.getValue().shape()))
                    throw new IllegalArgumentException("layer " + name + " parameter " + e.getKey()
                            + " differs in shape between the networks");
                e.getValue().assign(value);
            }
        }
        var outFrom = from.getLayer(OUTPUT).paramTable();
        var outTo = to.getLayer(OUTPUT).paramTable();
        INDArray wFrom = outFrom.get("W"), wTo = outTo.get("W");
        if (wFrom.size(0) != wTo.size(0))
            throw new IllegalArgumentException("the output layers take " + wFrom.size(0) + " and " + wTo.size(0)
                    + " inputs");
        List<String> shared = new ArrayList<>();
        for (int j = 0; j < toLabels.size(); j++) {
            int i = fromLabels.indexOf(toLabels.get(j));
            if (i < 0) continue;
            wTo.getColumn(j).assign(wFrom.getColumn(i));
            outTo.get("b").putScalar(j, outFrom.get("b").getDouble(i)); // [1, n] or [n]: a linear index works
            shared.add(toLabels.get(j));
        }
        return shared;
    }

    /** Number of input channels (MFCC coefficients) {@code net} expects: the input width of the layers fed by it. */
    static long inputChannels(ComputationGraph net) {
        ComputationGraphConfiguration conf = net.getConfiguration();
        if (conf.getNetworkInputs().size() != 1)
            throw new IllegalArgumentException("not an EmoScope network: it has " + conf.getNetworkInputs().size()
                    + " inputs");
        String input = conf.getNetworkInputs().get(0);
        long channels = -1;
        for (var e : conf.getVertexInputs().entrySet()) {
            if (!e.getValue().contains(input)) continue;
            if (!(conf.getVertices().get(e.getKey()) instanceof LayerVertex lv)
                    || !(lv.getLayerConf().getLayer() instanceof FeedForwardLayer layer)
                    || (channels != -1 && channels != layer.getNIn()))
                throw new IllegalArgumentException("not an EmoScope network: its input feeds " + e.getKey());
            channels = layer.getNIn();
        }
        if (channels < 1) throw new IllegalArgumentException("not an EmoScope network: its input feeds no layer");
        return channels;
    }

    /** Input frames per output frame of {@code net}: the product of the strides of its pooling layers over time. */
    static long timePoolingFactor(ComputationGraph net) {
        long factor = 1;
        for (GraphVertex v : net.getConfiguration().getVertices().values())
            if (v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof SubsamplingLayer pool)
                factor *= pool.getStride()[1];
        return factor;
    }

    /** Number of classes {@code net} outputs, read from its configuration. */
    static long numClasses(ComputationGraph net) {
        if (net.getNumOutputArrays() != 1
                || !(net.getOutputLayer(0).conf().getLayer() instanceof FeedForwardLayer out))
            throw new IllegalArgumentException("not an EmoScope network: it needs one dense output layer");
        return out.getNOut();
    }
}
