package org.emoscope.model;

import java.util.Random;
import java.util.function.Supplier;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Shared test helpers: runtime set-up, precision switching, deterministic random arrays. */
final class TestNd4j {

    static {
        Nd4jRuntime.configure();
        // one thread: these tests use small arrays, and on a shared, busy machine more OpenMP threads than free
        // cores make every ND4J call spin (measured: a tiny network's forward pass 5 ms -> 120 ms)
        Nd4jRuntime.setThreads(1);
    }

    private TestNd4j() {
    }

    /**
     * Makes sure {@link Nd4jRuntime#configure()} ran before ND4J starts: call it from every test class's
     * {@code @BeforeAll}, and keep ND4J/DL4J objects out of static fields (their initialisation would come first).
     */
    static void init() {
        // the static initialiser does the work
    }

    /** Runs {@code body} with ND4J's default data types set to double, restoring the previous ones afterwards. */
    static <T> T inDoublePrecision(Supplier<T> body) {
        DataType previous = Nd4j.dataType();
        DataType previousFloat = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            return body.get();
        } finally {
            Nd4j.setDefaultDataTypes(previous, previousFloat);
        }
    }

    /** Gaussian random array of {@code shape} in {@code type}, from a seeded Java RNG (reproducible). */
    static INDArray gaussian(Random rng, DataType type, long... shape) {
        long n = 1;
        for (long s : shape) n *= s;
        double[] data = new double[(int) n];
        for (int i = 0; i < data.length; i++) data[i] = rng.nextGaussian();
        return Nd4j.create(data, shape, DataType.DOUBLE).castTo(type);
    }

    /** Flat C-order copy of {@code a} as doubles. */
    static double[] flat(INDArray a) {
        return a.dup('c').data().asDouble();
    }
}
