package org.emoscope.model;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.emoscope.features.FeatureConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Speed of the default network (not a test: timings depend on the machine and its load). Measures training
 * throughput at batch 32 with 198 frames (2 s of audio at a 10 ms hop) and batch-1 inference latency through
 * {@link EmotionModel#predict} after warm-up. Run after {@code mvn test-compile} with
 * <pre>
 *   java -cp target/test-classes:target/classes:$(mvn -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout) \
 *       org.emoscope.model.ModelBenchmark [rounds]
 * </pre>
 * and optionally {@code OMP_NUM_THREADS=1} or {@code 2} in the environment to compare thread counts. (It does not
 * use {@link TestNd4j}, which pins tests to one thread.)
 */
public final class ModelBenchmark {

    private static final int BATCH = 32;
    private static final int FRAMES = 198;
    private static final int CLASSES = 7;

    private ModelBenchmark() {
    }

    public static void main(String[] args) {
        Nd4jRuntime.configure();
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Random rng = new Random(1);
        ModelBundle bundle = ModelBundle.untrained(
                List.of("angry", "disgust", "fear", "happy", "neutral", "sad", "surprise"), FeatureConfig.defaults());
        ComputationGraph net = bundle.network();
        System.out.printf("parameters: %d%n", net.numParams());

        float[] data = new float[BATCH * 40 * FRAMES];
        for (int i = 0; i < data.length; i++) data[i] = (float) rng.nextGaussian();
        INDArray x = Nd4j.create(data, new long[] {BATCH, 40, 1, FRAMES}, DataType.FLOAT);
        INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, CLASSES);
        for (int i = 0; i < BATCH; i++) y.putScalar(i, i % CLASSES, 1f);
        DataSet batch = new DataSet(x, y);
        for (int i = 0; i < 5; i++) net.fit(batch);
        for (int r = 0; r < rounds; r++) {
            int steps = 10;
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) net.fit(batch);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("training: %.0f samples/s (batch %d, %d frames)%n", steps * BATCH / seconds, BATCH,
                    FRAMES);
        }

        EmotionModel model = new EmotionModel(bundle);
        model.warmUp();
        float[][] window = new float[FRAMES][40];
        for (float[] frame : window) for (int c = 0; c < 40; c++) frame[c] = (float) rng.nextGaussian();
        for (int r = 0; r < rounds; r++) {
            long[] nanos = new long[200];
            for (int i = 0; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                model.predict(window);
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            System.out.printf("inference, batch 1, %d frames: p50 %.2f ms, p90 %.2f ms%n", FRAMES,
                    nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 9 / 10] / 1e6);
        }
    }
}
