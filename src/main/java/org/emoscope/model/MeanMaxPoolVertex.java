package org.emoscope.model;

import java.util.Objects;

import org.deeplearning4j.nn.conf.CNN2DFormat;
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
 * Parameter-free graph vertex that summarises an NCHW feature map {@code [B, C, H, W]} by its mean and its maximum
 * along one axis, keeping both side by side on that axis:
 * <ul>
 *   <li>{@link Axis#TIME}: {@code [B, C, H, W] -> [B, C, H, 2]} with {@code [..., 0] = mean over W} and
 *       {@code [..., 1] = max over W} (the channel-attention descriptor of CBAM);</li>
 *   <li>{@link Axis#CHANNELS}: {@code [B, C, H, W] -> [B, 2, H, W]} with channel 0 = mean over C and channel 1 =
 *       max over C (the spatial-attention descriptor of CBAM).</li>
 * </ul>
 * The backward pass sends the mean's gradient equally to every element and the max's gradient to the maximum
 * (split equally among exact ties, a valid subgradient). Masks are not supported.
 */
public final class MeanMaxPoolVertex extends GraphVertex {

    private static final long serialVersionUID = 1L;

    /** The axis that is summarised (and replaced by a size-2 axis holding mean and max). */
    public enum Axis {
        /** NCHW channel axis (dimension 1). */
        CHANNELS(1),
        /** NCHW width axis (dimension 3), which holds time in this project's layout {@code [B, C, 1, T]}. */
        TIME(3);

        private final int dimension;

        Axis(int dimension) {
            this.dimension = dimension;
        }

        /** The NCHW dimension index of this axis. */
        public int dimension() {
            return dimension;
        }
    }

    /** The pooled axis (the only setting; serialised by DL4J's JSON mapper). */
    @JsonProperty("axis")
    private final Axis axis;

    /** A vertex pooling along {@code axis}. */
    @JsonCreator
    public MeanMaxPoolVertex(@JsonProperty("axis") Axis axis) {
        this.axis = Objects.requireNonNull(axis, "axis");
    }

    /** The axis this vertex pools along. */
    public Axis axis() {
        return axis;
    }

    @Override
    public MeanMaxPoolVertex clone() {
        return new MeanMaxPoolVertex(axis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeanMaxPoolVertex other && other.axis == axis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(MeanMaxPoolVertex.class.getSimpleName(), axis);
    }

    @Override
    public String toString() {
        return "MeanMaxPoolVertex(axis=" + axis + ")";
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return 1;
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType networkDatatype) {
        return new MeanMaxPoolVertexImpl(graph, name, idx, axis.dimension(), networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        InputType.InputTypeConvolutional in = VertexChecks.requireNchw(this, vertexInputs, 0);
        return switch (axis) {
            case TIME -> InputType.convolutional(in.getHeight(), 2, in.getChannels(), CNN2DFormat.NCHW);
            case CHANNELS -> InputType.convolutional(in.getHeight(), in.getWidth(), 2, CNN2DFormat.NCHW);
        };
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        long in = inputTypes[0].arrayElementsPerExample();
        long reduced = out.arrayElementsPerExample() / 2;
        // inference: mean and max before they are copied into the output; training adds the arg-max mask,
        // the tie count and the scaled gradients
        return new LayerMemoryReport.Builder(null, MeanMaxPoolVertex.class, inputTypes[0], out)
                .standardMemory(0, 0)
                .workingMemory(0, 2 * reduced, 0, 2 * in + 4 * reduced)
                .cacheMemory(0, 0)
                .build();
    }
}
