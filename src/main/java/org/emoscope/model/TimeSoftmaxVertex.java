package org.emoscope.model;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Parameter-free graph vertex: a softmax over time of a one-channel score map, {@code [B, 1, 1, T] -> [B, 1, 1, T]}
 * with {@code w[t] = exp(s[t]) / sum_u exp(s[u])}. Its output is a distribution over the frames of each window: the
 * weights of {@link AttentivePoolVertex}. Masks are not supported.
 */
public final class TimeSoftmaxVertex extends GraphVertex {

    private static final long serialVersionUID = 1L;

    @Override
    public TimeSoftmaxVertex clone() {
        return new TimeSoftmaxVertex();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeSoftmaxVertex;
    }

    @Override
    public int hashCode() {
        return TimeSoftmaxVertex.class.getSimpleName().hashCode();
    }

    @Override
    public String toString() {
        return "TimeSoftmaxVertex()";
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
        return new TimeSoftmaxVertexImpl(graph, name, idx, networkDatatype);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... vertexInputs) throws InvalidInputTypeException {
        InputType.InputTypeConvolutional in = VertexChecks.requireNchw(this, vertexInputs, 0);
        if (in.getChannels() != 1)
            throw new InvalidInputTypeException(this + ": the scores must have one channel, got " + in.getChannels());
        return InputType.convolutional(in.getHeight(), in.getWidth(), 1, CNN2DFormat.NCHW);
    }

    @Override
    public MemoryReport getMemoryReport(InputType... inputTypes) {
        InputType out = getOutputType(-1, inputTypes);
        long n = out.arrayElementsPerExample();
        return new LayerMemoryReport.Builder(null, TimeSoftmaxVertex.class, inputTypes[0], out)
                .standardMemory(0, 0)
                .workingMemory(0, n, 0, 2 * n)
                .cacheMemory(0, 0)
                .build();
    }
}
