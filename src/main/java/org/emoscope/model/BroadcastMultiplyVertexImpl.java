package org.emoscope.model;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/** Run-time side of {@link BroadcastMultiplyVertex}: {@code x * g} with a hand-written backward pass. */
final class BroadcastMultiplyVertexImpl extends ParameterFreeVertexImpl {

    private static final long serialVersionUID = 1L;

    BroadcastMultiplyVertexImpl(ComputationGraph graph, String name, int vertexIndex, DataType dataType) {
        super(graph, name, vertexIndex, dataType);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward())
            throw new IllegalStateException("Vertex \"" + vertexName + "\": cannot do forward pass, inputs not set");
        INDArray x = inputs[0];
        INDArray g = inputs[1];
        checkShapes(x, g);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, x.dataType(), x.shape(), 'c');
        Nd4j.exec(new MulOp(x, g, out));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward())
            throw new IllegalStateException("Vertex \"" + vertexName + "\": cannot do backward pass, epsilon not set");
        INDArray x = inputs[0];
        INDArray g = inputs[1];

        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, x.dataType(), x.shape(), 'c');
        Nd4j.exec(new MulOp(epsilon, g, dx));

        INDArray dg = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, g.dataType(), g.shape(), 'c');
        int[] broadcastDims = IntStream.range(1, 4).filter(d -> g.size(d) == 1 && x.size(d) != 1).toArray();
        if (broadcastDims.length == 0) {
            Nd4j.exec(new MulOp(epsilon, x, dg));
        } else {
            dg.assign(epsilon.mul(x).sum(true, broadcastDims));
        }
        return new Pair<>(null, new INDArray[] {dx, dg});
    }

    private void checkShapes(INDArray x, INDArray g) {
        VertexChecks.requireRank4(vertexName, x, "input 0 (features)");
        VertexChecks.requireRank4(vertexName, g, "input 1 (gate)");
        boolean ok = g.size(0) == x.size(0);
        for (int d = 1; d < 4; d++) ok &= g.size(d) == 1 || g.size(d) == x.size(d);
        if (!ok)
            throw new IllegalStateException("Vertex \"" + vertexName + "\": gate of shape " + Arrays.toString(g.shape())
                    + " cannot be broadcast over features of shape " + Arrays.toString(x.shape()));
    }

    @Override
    public String toString() {
        return "BroadcastMultiplyVertex(id=" + vertexIndex + ",name=\"" + vertexName + "\")";
    }
}
