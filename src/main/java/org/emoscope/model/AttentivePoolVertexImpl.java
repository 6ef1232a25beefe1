package org.emoscope.model;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Run-time side of {@link AttentivePoolVertex}. With {@code d = h - mu}, {@code v = sum_t w d^2}, {@code s = sqrt(v +
 * eps)} and upstream gradients {@code gm} (of mu) and {@code gs} (of s), {@code gv = gs / (2 s)}:
 * {@code dh[c, t] = w[t] (gm[c] + 2 gv[c] d[c, t])} and
 * {@code dw[t] = sum_c gm[c] h[c, t] + gv[c] (d[c, t]^2 - 2 h[c, t] r[c])}, {@code r[c] = sum_t w[t] d[c, t]} (zero
 * when the weights sum to 1; kept so the gradient is exact for any weights).
 */
final class AttentivePoolVertexImpl extends ParameterFreeVertexImpl {

    private static final long serialVersionUID = 1L;

    private final boolean deviation;

    AttentivePoolVertexImpl(ComputationGraph graph, String name, int vertexIndex, DataType dataType,
                            boolean deviation) {
        super(graph, name, vertexIndex, dataType);
        this.deviation = deviation;
    }

    /** Weighted mean {@code [B, C, 1, 1]}, centred map {@code [B, C, 1, T]} and weighted variance {@code [B, C, 1, 1]}. */
    private INDArray[] statistics(INDArray h, INDArray w) {
        INDArray hw = Nd4j.createUninitialized(h.dataType(), h.shape(), 'c');
        Nd4j.exec(new MulOp(h, w, hw));
        INDArray mu = hw.sum(true, 3);
        INDArray d = Nd4j.createUninitialized(h.dataType(), h.shape(), 'c');
        Nd4j.exec(new SubOp(h, mu, d));
        INDArray d2w = d.mul(d);
        Nd4j.exec(new MulOp(d2w, w, d2w));
        INDArray var = d2w.sum(true, 3);
        return new INDArray[] {mu, d, var};
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoForward())
            throw new IllegalStateException("Vertex \"" + vertexName + "\": cannot do forward pass, input not set");
        INDArray h = inputs[0];
        INDArray w = inputs[1];
        VertexChecks.requireRank4(vertexName, h, "features");
        VertexChecks.requireRank4(vertexName, w, "weights");
        long b = h.size(0);
        long c = h.size(1) * h.size(2);
        if (!deviation) {
            // the weighted mean alone: [B, C, 1, T] x [B, 1, 1, T] summed over time
            INDArray hw = Nd4j.createUninitialized(h.dataType(), h.shape(), 'c');
            Nd4j.exec(new MulOp(h, w, hw));
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, h.dataType(), new long[] {b, c}, 'c');
            out.assign(hw.sum(3).reshape('c', b, c));
            return out;
        }
        INDArray[] st = statistics(h, w);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, h.dataType(),
                new long[] {b, (deviation ? 2 : 1) * c}, 'c');
        out.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, c))
                .assign(st[0].reshape('c', b, c));
        if (deviation) out.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(c, 2 * c))
                .assign(Transforms.sqrt(st[2].addi(AttentivePoolVertex.EPSILON), false).reshape('c', b, c));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (!canDoBackward())
            throw new IllegalStateException("Vertex \"" + vertexName + "\": cannot do backward pass, epsilon not set");
        INDArray h = inputs[0];
        INDArray w = inputs[1];
        long b = h.size(0);
        long c = h.size(1) * h.size(2);
        long[] pooled = {h.size(0), h.size(1), h.size(2), 1};
        if (!deviation) {
            // mu = sum_t w h: dh = w gm, dw = sum_c gm h
            INDArray gmOnly = epsilon.dup('c').reshape('c', pooled);
            INDArray dh = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, h.dataType(), h.shape(), 'c');
            Nd4j.exec(new MulOp(w, gmOnly, dh));
            INDArray hgm = Nd4j.createUninitialized(h.dataType(), h.shape(), 'c');
            Nd4j.exec(new MulOp(h, gmOnly, hgm));
            INDArray dw = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, w.dataType(), w.shape(), 'c');
            dw.assign(hgm.sum(true, 1));
            return new Pair<>(null, new INDArray[] {dh, dw});
        }
        INDArray[] st = statistics(h, w);
        INDArray d = st[1];
        INDArray sd = Transforms.sqrt(st[2].add(AttentivePoolVertex.EPSILON), false);
        INDArray eps = epsilon.dup('c');
        INDArray gm = eps.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, c)).dup('c').reshape('c', pooled);
        INDArray gv = deviation ? eps.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(c, 2 * c)).dup('c').reshape('c', pooled)
                .divi(sd.mul(2)) : Nd4j.zeros(h.dataType(), pooled);

        // dh = w (gm + 2 gv d)
        INDArray dh = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, h.dataType(), h.shape(), 'c');
        Nd4j.exec(new MulOp(d, gv.mul(2), dh));
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp(dh, gm, dh));
        Nd4j.exec(new MulOp(dh, w, dh));

        // dw = sum_c gm h + gv (d^2 - 2 h r)
        INDArray dwIn = Nd4j.createUninitialized(h.dataType(), h.shape(), 'c');
        INDArray r = d.dup('c');
        Nd4j.exec(new MulOp(r, w, r));
        r = r.sum(true, 3);
        Nd4j.exec(new MulOp(h, r.mul(2), dwIn)); // 2 h r
        dwIn.rsubi(0).addi(d.mul(d)); // d^2 - 2 h r
        Nd4j.exec(new MulOp(dwIn, gv, dwIn));
        INDArray hgm = Nd4j.createUninitialized(h.dataType(), h.shape(), 'c');
        Nd4j.exec(new MulOp(h, gm, hgm));
        dwIn.addi(hgm);
        INDArray dw = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, w.dataType(), w.shape(), 'c');
        dw.assign(dwIn.sum(true, 1));
        return new Pair<>(null, new INDArray[] {dh, dw});
    }

    @Override
    public String toString() {
        return "AttentivePoolVertex(id=" + vertexIndex + ",name=\"" + vertexName + "\")";
    }
}
