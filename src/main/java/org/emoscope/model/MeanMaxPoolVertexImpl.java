package org.emoscope.model;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Run-time side of {@link MeanMaxPoolVertex}: mean and max along one NCHW dimension, hand-written backward pass. */
final class MeanMaxPoolVertexImpl extends ParameterFreeVertexImpl {

    private static final long serialVersionUID = 1L;

    private final int dimension;

    MeanMaxPoolVertexImpl(ComputationGraph graph, String name, int vertexIndex, int dimension, DataType dataType) {
        super(graph, name, vertexIndex, dataType);
        this.dimension = dimension;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward())
            throw new IllegalStateException("Vertex \"" + vertexName + "\": cannot do forward pass, input not set");
        INDArray x = inputs[0];
        VertexChecks.requireRank4(vertexName, x, "input");
        long[] shape = x.shape().clone(); // shape() may return the array's own cached shape
        shape[dimension] = 2;
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), shape, 'c');
        out.get(half(0)).assign(x.mean(true, dimension));
        out.get(half(1)).assign(x.max(true, dimension));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward())
            throw new IllegalStateException("Vertex \"" + vertexName + "\": cannot do backward pass, epsilon not set");
        INDArray x = inputs[0];
        INDArray epsMean = epsilon.get(half(0));
        INDArray epsMax = epsilon.get(half(1));

        // d out_max / d x = indicator(x == max) / (number of tied maxima)
        INDArray argMaxMask = x.eq(x.max(true, dimension)).castTo(x.dataType());
        INDArray maxShare = epsMax.div(argMaxMask.sum(true, dimension));

        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        Nd4j.exec(new MulOp(argMaxMask, maxShare, dx));
        // d out_mean / d x = 1 / n for every element
        Nd4j.exec(new AddOp(dx, epsMean.div(x.size(dimension)), dx));
        return new Pair<>(null, new INDArray[] {dx});
    }

    /** Index selecting position {@code i} (0 = mean, 1 = max) of the pooled axis, keeping the dimension. */
    private INDArrayIndex[] half(int i) {
        INDArrayIndex[] index = {NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()};
        index[dimension] = NDArrayIndex.interval(i, i + 1);
        return index;
    }

    @Override
    public String toString() {
        return "MeanMaxPoolVertex(id=" + vertexIndex + ",name=\"" + vertexName + "\",dimension=" + dimension + ")";
    }
}
