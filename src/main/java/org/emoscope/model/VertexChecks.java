package org.emoscope.model;

import java.util.Arrays;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Shape checks shared by this package's custom graph vertices. */
final class VertexChecks {

    private VertexChecks() {
    }

    /** Input {@code index} of {@code vertex} as an NCHW convolutional type, or an exception naming the vertex. */
    static InputType.InputTypeConvolutional requireNchw(GraphVertex vertex, InputType[] inputs, int index) {
        if (inputs == null || inputs.length <= index)
            throw new InvalidInputTypeException(vertex + ": missing input " + index);
        if (!(inputs[index] instanceof InputType.InputTypeConvolutional conv) || conv.getFormat() != CNN2DFormat.NCHW)
            throw new InvalidInputTypeException(vertex + ": input " + index
                    + " must be a convolutional NCHW activation, got " + inputs[index]);
        return conv;
    }

    /** Checks that {@code array} is rank 4 (NCHW) at run time. */
    static void requireRank4(String vertexName, INDArray array, String what) {
        if (array.rank() != 4)
            throw new IllegalStateException("Vertex \"" + vertexName + "\": " + what + " must be rank 4 [B, C, H, W], "
                    + "got shape " + Arrays.toString(array.shape()));
    }

    /** Mask propagation for vertices that do not support masks: passes "no mask" through, rejects real masks. */
    static Pair<INDArray, MaskState> noMasks(String vertexName, INDArray[] maskArrays, MaskState state) {
        if (maskArrays != null)
            for (INDArray m : maskArrays)
                if (m != null)
                    throw new UnsupportedOperationException("Vertex \"" + vertexName + "\" does not support masks");
        return new Pair<>(null, state);
    }
}
