package org.emoscope.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.inputs.InvalidInputTypeException;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The two hand-written vertices: forward values against plain Java, backward passes against central finite
 * differences (in double precision), and their configuration contract (equality, cloning, JSON, output types).
 */
class CustomVertexTest {

    /** Largest relative error tolerated between the analytic and the numerical gradient. */
    private static final double TOLERANCE = 1e-6;

    @BeforeAll
    static void init() {
        TestNd4j.init();
    }

    private static LayerWorkspaceMgr noWorkspaces() {
        return LayerWorkspaceMgr.noWorkspaces();
    }

    private static org.deeplearning4j.nn.graph.vertex.GraphVertex instance(GraphVertex conf) {
        return conf.instantiate(null, "v", 0, null, false, DataType.DOUBLE);
    }

    // ---- MeanMaxPoolVertex: forward ------------------------------------------------------------------------------

    @Test
    void meanMaxOverTimeMatchesPlainJava() {
        INDArray x = TestNd4j.gaussian(new Random(1), DataType.DOUBLE, 3, 5, 1, 7);
        var v = instance(new MeanMaxPoolVertex(MeanMaxPoolVertex.Axis.TIME));
        v.setInputs(x);
        INDArray out = v.doForward(false, noWorkspaces());
        assertArrayEquals(new long[] {3, 5, 1, 2}, out.shape());
        double[] xs = TestNd4j.flat(x);
        for (int b = 0; b < 3; b++)
            for (int c = 0; c < 5; c++) {
                double sum = 0;
                double max = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < 7; t++) {
                    double value = xs[(b * 5 + c) * 7 + t];
                    sum += value;
                    max = Math.max(max, value);
                }
                assertEquals(sum / 7, out.getDouble(b, c, 0, 0), 1e-12);
                assertEquals(max, out.getDouble(b, c, 0, 1), 1e-12);
            }
    }

    @Test
    void meanMaxOverChannelsMatchesPlainJava() {
        INDArray x = TestNd4j.gaussian(new Random(2), DataType.DOUBLE, 2, 6, 1, 4);
        var v = instance(new MeanMaxPoolVertex(MeanMaxPoolVertex.Axis.CHANNELS));
        v.setInputs(x);
        INDArray out = v.doForward(false, noWorkspaces());
        assertArrayEquals(new long[] {2, 2, 1, 4}, out.shape());
        double[] xs = TestNd4j.flat(x);
        for (int b = 0; b < 2; b++)
            for (int t = 0; t < 4; t++) {
                double sum = 0;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < 6; c++) {
                    double value = xs[(b * 6 + c) * 4 + t];
                    sum += value;
                    max = Math.max(max, value);
                }
                assertEquals(sum / 6, out.getDouble(b, 0, 0, t), 1e-12);
                assertEquals(max, out.getDouble(b, 1, 0, t), 1e-12);
            }
    }

    // ---- MeanMaxPoolVertex: backward -----------------------------------------------------------------------------

    @Test
    void meanMaxOverTimeBackwardMatchesFiniteDifferences() {
        INDArray x = TestNd4j.gaussian(new Random(3), DataType.DOUBLE, 2, 4, 1, 5);
        double err = maxRelativeError(new MeanMaxPoolVertex(MeanMaxPoolVertex.Axis.TIME), new INDArray[] {x},
                new Random(4), UnaryOperator.identity());
        assertTrue(err < TOLERANCE, "max relative error " + err);
    }

    @Test
    void meanMaxOverChannelsBackwardMatchesFiniteDifferences() {
        INDArray x = TestNd4j.gaussian(new Random(5), DataType.DOUBLE, 2, 5, 1, 6);
        double err = maxRelativeError(new MeanMaxPoolVertex(MeanMaxPoolVertex.Axis.CHANNELS), new INDArray[] {x},
                new Random(6), UnaryOperator.identity());
        assertTrue(err < TOLERANCE, "max relative error " + err);
    }

    @Test
    void tiedMaximaShareTheGradient() {
        // one row of four equal values: the max's gradient is split equally (a valid subgradient), the mean's is 1/4
        INDArray x = Nd4j.create(new double[] {2, 2, 2, 2}, new long[] {1, 1, 1, 4}, DataType.DOUBLE);
        var v = instance(new MeanMaxPoolVertex(MeanMaxPoolVertex.Axis.TIME));
        v.setInputs(x);
        v.doForward(true, noWorkspaces());
        v.setEpsilon(Nd4j.create(new double[] {1, 8}, new long[] {1, 1, 1, 2}, DataType.DOUBLE));
        INDArray dx = v.doBackward(false, noWorkspaces()).getSecond()[0];
        assertArrayEquals(new double[] {2.25, 2.25, 2.25, 2.25}, TestNd4j.flat(dx), 1e-12);
    }

    // ---- BroadcastMultiplyVertex ---------------------------------------------------------------------------------

    @Test
    void broadcastMultiplyMatchesPlainJavaForChannelAndFrameGates() {
        Random rng = new Random(7);
        INDArray x = TestNd4j.gaussian(rng, DataType.DOUBLE, 2, 3, 1, 4);
        INDArray channelGate = TestNd4j.gaussian(rng, DataType.DOUBLE, 2, 3, 1, 1);
        INDArray frameGate = TestNd4j.gaussian(rng, DataType.DOUBLE, 2, 1, 1, 4);
        var v = instance(new BroadcastMultiplyVertex());

        v.setInputs(x, channelGate);
        INDArray byChannel = v.doForward(false, noWorkspaces());
        v.setInputs(x, frameGate);
        INDArray byFrame = v.doForward(false, noWorkspaces());
        for (int b = 0; b < 2; b++)
            for (int c = 0; c < 3; c++)
                for (int t = 0; t < 4; t++) {
                    double value = x.getDouble(b, c, 0, t);
                    assertEquals(value * channelGate.getDouble(b, c, 0, 0), byChannel.getDouble(b, c, 0, t), 1e-12);
                    assertEquals(value * frameGate.getDouble(b, 0, 0, t), byFrame.getDouble(b, c, 0, t), 1e-12);
                }
    }

    @Test
    void broadcastMultiplyBackwardMatchesFiniteDifferences() {
        Random rng = new Random(8);
        INDArray x = TestNd4j.gaussian(rng, DataType.DOUBLE, 2, 3, 1, 5);
        for (long[] gateShape : new long[][] {{2, 3, 1, 1}, {2, 1, 1, 5}, {2, 3, 1, 5}}) {
            INDArray g = TestNd4j.gaussian(rng, DataType.DOUBLE, gateShape);
            double err = maxRelativeError(new BroadcastMultiplyVertex(), new INDArray[] {x, g}, rng,
                    UnaryOperator.identity());
            assertTrue(err < TOLERANCE, "gate " + Arrays.toString(gateShape) + ": max relative error " + err);
        }
    }

    @Test
    void broadcastMultiplyRejectsGatesThatDoNotBroadcast() {
        var v = instance(new BroadcastMultiplyVertex());
        v.setInputs(Nd4j.zeros(DataType.DOUBLE, 2, 3, 1, 5), Nd4j.zeros(DataType.DOUBLE, 2, 2, 1, 1));
        assertThrows(IllegalStateException.class, () -> v.doForward(false, noWorkspaces()));
    }

    // ---- the checker itself can fail -----------------------------------------------------------------------------

    @Test
    void finiteDifferenceCheckCatchesWrongBackwardPasses() {
        Random rng = new Random(9);
        INDArray x = TestNd4j.gaussian(rng, DataType.DOUBLE, 2, 3, 1, 5);
        INDArray g = TestNd4j.gaussian(rng, DataType.DOUBLE, 2, 3, 1, 1);
        // gradients exactly 2x too large (the SameDiff bug of DL4J M2.1)
        double doubled = maxRelativeError(new BroadcastMultiplyVertex(), new INDArray[] {x, g}, new Random(10),
                grads -> new INDArray[] {grads[0].mul(2), grads[1].mul(2)});
        assertTrue(doubled > 0.3, "a doubled gradient must be caught, error " + doubled);
        // the gate's gradient dropped (forgetting the second input)
        double dropped = maxRelativeError(new BroadcastMultiplyVertex(), new INDArray[] {x, g}, new Random(10),
                grads -> new INDArray[] {grads[0], grads[1].mul(0)});
        assertTrue(dropped > 0.9, "a missing gradient must be caught, error " + dropped);
        // max routed to the wrong element (here: spread like a mean)
        INDArray y = TestNd4j.gaussian(rng, DataType.DOUBLE, 1, 2, 1, 4);
        double spread = maxRelativeError(new MeanMaxPoolVertex(MeanMaxPoolVertex.Axis.TIME), new INDArray[] {y},
                new Random(11), grads -> new INDArray[] {grads[0].add(grads[0].mean(true, 3).sub(grads[0]).mul(0.5))});
        assertTrue(spread > 0.1, "a mis-routed max gradient must be caught, error " + spread);
    }

    /**
     * Largest relative difference between the vertex's backward pass (passed through {@code tamper}) and central
     * differences of the scalar {@code L = sum(forward(inputs) * R)} for a random {@code R}, over every input element.
     */
    private static double maxRelativeError(GraphVertex conf, INDArray[] inputs, Random rng,
                                           UnaryOperator<INDArray[]> tamper) {
        var v = instance(conf);
        INDArray[] xs = new INDArray[inputs.length];
        for (int i = 0; i < xs.length; i++) xs[i] = inputs[i].dup();
        v.setInputs(xs);
        INDArray out = v.doForward(true, noWorkspaces());
        INDArray r = TestNd4j.gaussian(rng, DataType.DOUBLE, out.shape());
        v.setEpsilon(r);
        INDArray[] analytic = tamper.apply(v.doBackward(false, noWorkspaces()).getSecond());

        double h = 1e-6;
        double worst = 0;
        for (int i = 0; i < xs.length; i++) {
            assertArrayEquals(xs[i].shape(), analytic[i].shape(), "gradient shape of input " + i);
            INDArray flat = xs[i].reshape(xs[i].length());
            for (long j = 0; j < flat.length(); j++) {
                double original = flat.getDouble(j);
                flat.putScalar(j, original + h);
                double plus = loss(conf, xs, r);
                flat.putScalar(j, original - h);
                double minus = loss(conf, xs, r);
                flat.putScalar(j, original);
                double numeric = (plus - minus) / (2 * h);
                double a = analytic[i].reshape(analytic[i].length()).getDouble(j);
                double scale = Math.abs(a) + Math.abs(numeric);
                if (scale > 1e-10) worst = Math.max(worst, Math.abs(a - numeric) / scale);
            }
        }
        return worst;
    }

    private static double loss(GraphVertex conf, INDArray[] inputs, INDArray r) {
        var v = instance(conf);
        v.setInputs(inputs);
        return v.doForward(false, noWorkspaces()).mul(r).sumNumber().doubleValue();
    }

    // ---- configuration contract ----------------------------------------------------------------------------------

    @Test
    void configurationsCompareCloneAndRoundTripThroughJson() throws Exception {
        GraphVertex[] vertices = {new MeanMaxPoolVertex(MeanMaxPoolVertex.Axis.TIME),
                new MeanMaxPoolVertex(MeanMaxPoolVertex.Axis.CHANNELS), new BroadcastMultiplyVertex()};
        var mapper = NeuralNetConfiguration.mapper();
        for (GraphVertex v : vertices) {
            GraphVertex copy = v.clone();
            assertNotSame(v, copy);
            assertEquals(v, copy);
            assertEquals(v.hashCode(), copy.hashCode());
            GraphVertex read = mapper.readValue(mapper.writeValueAsString(v), GraphVertex.class);
            assertEquals(v, read, "JSON round trip of " + v);
            assertEquals(0, v.numParams(true));
        }
        assertNotEquals(vertices[0], vertices[1]);
        assertNotEquals(vertices[0].hashCode(), vertices[1].hashCode());
        assertNotEquals(vertices[0], vertices[2]);
    }

    @Test
    void outputTypesAndMemoryReports() {
        InputType in = InputType.convolutional(1, 50, 128, CNN2DFormat.NCHW);
        GraphVertex time = new MeanMaxPoolVertex(MeanMaxPoolVertex.Axis.TIME);
        GraphVertex channels = new MeanMaxPoolVertex(MeanMaxPoolVertex.Axis.CHANNELS);
        assertEquals(InputType.convolutional(1, 2, 128, CNN2DFormat.NCHW), time.getOutputType(0, in));
        assertEquals(InputType.convolutional(1, 50, 2, CNN2DFormat.NCHW), channels.getOutputType(0, in));

        GraphVertex multiply = new BroadcastMultiplyVertex();
        assertEquals(in, multiply.getOutputType(0, in, InputType.convolutional(1, 1, 128, CNN2DFormat.NCHW)));
        assertEquals(in, multiply.getOutputType(0, in, InputType.convolutional(1, 50, 1, CNN2DFormat.NCHW)));
        assertThrows(InvalidInputTypeException.class,
                () -> multiply.getOutputType(0, in, InputType.convolutional(1, 7, 1, CNN2DFormat.NCHW)));
        assertThrows(InvalidInputTypeException.class, () -> time.getOutputType(0, InputType.feedForward(10)));

        for (GraphVertex v : new GraphVertex[] {time, channels})
            assertNotNull(v.getMemoryReport(in));
        assertNotNull(multiply.getMemoryReport(in, InputType.convolutional(1, 1, 128, CNN2DFormat.NCHW)));
    }
}
