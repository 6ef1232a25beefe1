package org.emoscope.model;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Run-time side of {@link TimeSoftmaxVertex}: softmax along NCHW dimension 3, hand-written backward pass. */
final class TimeSoftmaxVertexImpl extends ParameterFreeVertexImpl {

    private static final long serialVersionUID = 1L;

    TimeSoftmaxVertexImpl(ComputationGraph graph, String name, int vertexIndex, DataType dataType) {
        super(graph, name, vertexIndex, dataType);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward())
            throw new IllegalStateException("Vertex \"" + vertexName + "\": cannot do forward pass, input not set");
        INDArray s = inputs[0];
        VertexChecks.requireRank4(vertexName, s, "input");
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, s.dataType(), s.shape(), 'c');
        out.assign(softmax(s));
        return out;
    }

    /** Softmax over dimension 3, shifted by the maximum so that large scores do not overflow. */
    static INDArray softmax(INDArray s) {
        INDArray e = s.dup('c');
        Nd4j.exec(new SubOp(e, s.max(true, 3), e));
        Transforms.exp(e, false);
        Nd4j.exec(new DivOp(e, e.sum(true, 3), e));
        return e;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward())
            throw new IllegalStateException("Vertex \"" + vertexName + "\": cannot do backward pass, epsilon not set");
        INDArray w = softmax(inputs[0]);
        // ds[t] = w[t] (dw[t] - sum_u w[u] dw[u])
        INDArray dot = w.mul(epsilon).sum(true, 3);
        INDArray ds = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, w.dataType(), w.shape(), 'c');
        Nd4j.exec(new SubOp(epsilon, dot, ds));
        ds.muli(w);
        return new Pair<>(null, new INDArray[] {ds});
    }

    @Override
    public String toString() {
        return "TimeSoftmaxVertex(id=" + vertexIndex + ",name=\"" + vertexName + "\")";
    }
}
