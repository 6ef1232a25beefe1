package org.emoscope.model;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Parameter-free graph vertex that scales an NCHW feature map by a gate broadcast over it: inputs
 * {@code x [B, C, H, W]} and {@code g}, output {@code x * g}, where every dimension of {@code g} other than the batch
 * is either 1 or equal to that of {@code x} (CBAM uses {@code g = [B, C, 1, 1]} to scale channels and
 * {@code g = [B, 1, 1, W]} to scale frames). The backward pass gives {@code dx = eps * g} and
 * {@code dg = sum of eps * x over the broadcast dimensions}. Masks are not supported.
 */
public final class BroadcastMultiplyVertex extends GraphVertex {

    private static final long serialVersionUID = 1L;

    /** The vertex; it has no settings. Input 0 is the feature map, input 1 the gate. */
    public BroadcastMultiplyVertex() {
        // no settings
    }

    @Override
    public BroadcastMultiplyVertex clone() {
        return new BroadcastMultiplyVertex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BroadcastMultiplyVertex;
    }

    @Override
    public int hashCode() {
        return BroadcastMultiplyVertex.class.getSimpleName().hashCode();
    }

    @Override
    public String toString() {
        return "BroadcastMultiplyVertex()";
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
        return new BroadcastMultiplyVertexImpl(graph, name, idx, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        InputType.InputTypeConvolutional x = VertexChecks.requireNchw(this, vertexInputs, 0);
        InputType.InputTypeConvolutional g = VertexChecks.requireNchw(this, vertexInputs, 1);
        if (!broadcastable(g.getChannels(), x.getChannels()) || !broadcastable(g.getHeight(), x.getHeight())
                || !broadcastable(g.getWidth(), x.getWidth()))
            throw new InvalidInputTypeException(this + ": gate " + g + " cannot be broadcast over " + x);
        return x;
    }

    private static boolean broadcastable(long gateSize, long size) {
        return gateSize == 1 || gateSize == size;
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        long x = inputTypes[0].arrayElementsPerExample();
        // training: the product eps * x before it is summed into the gate's gradient
        return new LayerMemoryReport.Builder(null, BroadcastMultiplyVertex.class, inputTypes[0], out)
                .standardMemory(0, 0)
                .workingMemory(0, 0, 0, x)
                .cacheMemory(0, 0)
                .build();
    }
}
