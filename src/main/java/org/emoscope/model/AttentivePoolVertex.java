package org.emoscope.model;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Parameter-free graph vertex: attentive statistics pooling over time (Okabe et al., Interspeech 2018). Inputs: a
 * feature map {@code h [B, C, 1, T]} and frame weights {@code w [B, 1, 1, T]} that sum to 1 over time (from
 * {@link TimeSoftmaxVertex}). Output {@code [B, 2C]}: the weighted mean {@code mu[c] = sum_t w[t] h[c, t]} of each
 * channel, then its weighted standard deviation {@code sqrt(sum_t w[t] (h[c, t] - mu[c])^2 + EPSILON)}. Everything the
 * head sees about time passes through the weights, so they say which frames the decision rests on. Masks are not
 * supported.
 */
public final class AttentivePoolVertex extends GraphVertex {

    private static final long serialVersionUID = 1L;

    /** Whether the weighted standard deviation follows the weighted mean (output 2C) or not (output C). */
    @JsonProperty("deviation")
    private final boolean deviation;

    /** Weighted mean and standard deviation, {@code [B, 2C]}. */
    public AttentivePoolVertex() {
        this(true);
    }

    /** Weighted mean, then the weighted standard deviation when {@code deviation}: {@code [B, 2C]} or {@code [B, C]}. */
    @JsonCreator
    public AttentivePoolVertex(@JsonProperty("deviation") Boolean deviation) {
        this.deviation = deviation == null || deviation;
    }

    /** True if the output holds the weighted standard deviation after the mean. */
    public boolean deviation() {
        return deviation;
    }

    /** Added to the weighted variance before the square root, so that the gradient stays finite on constant maps. */
    public static final double EPSILON = 1e-5;

    @Override
    public AttentivePoolVertex clone() {
        return new AttentivePoolVertex(deviation);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttentivePoolVertex other && other.deviation == deviation;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(AttentivePoolVertex.class.getSimpleName(), deviation);
    }

    @Override
    public String toString() {
        return "AttentivePoolVertex(deviation=" + deviation + ")";
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 2;
    }

    @Override
    public int maxVertexInputs() {
        return 2;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new AttentivePoolVertexImpl(graph, name, idx, networkDatatype, deviation);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        InputType.InputTypeConvolutional features = VertexChecks.requireNchw(this, vertexInputs, 0);
        InputType.InputTypeConvolutional weights = VertexChecks.requireNchw(this, vertexInputs, 1);
        if (weights.getChannels() != 1 || weights.getHeight() != features.getHeight())
            throw new InvalidInputTypeException(this + ": the weights must be [B, 1, " + features.getHeight()
                    + ", T], got " + weights);
        return InputType.feedForward((deviation ? 2 : 1) * features.getChannels() * features.getHeight());
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        long in = inputTypes[0].arrayElementsPerExample();
        // inference: the weighted and centred maps; training adds their gradients
        return new LayerMemoryReport.Builder(null, AttentivePoolVertex.class, inputTypes[0], out)
                .standardMemory(0, 0)
                .workingMemory(0, 2 * in, 0, 4 * in)
                .cacheMemory(0, 0)
                .build();
    }
}
