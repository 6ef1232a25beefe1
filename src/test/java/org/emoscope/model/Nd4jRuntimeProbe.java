package org.emoscope.model;

import java.util.List;

import org.bytedeco.javacpp.Pointer;
import org.emoscope.features.FeatureConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Run in a fresh JVM by {@link Nd4jRuntimeTest}: configures the runtime the way the CLI does, runs a model once and
 * prints the settings in force as {@code key=value} lines on standard output (and nothing else anywhere).
 */
public final class Nd4jRuntimeProbe {

    private Nd4jRuntimeProbe() {
    }

    public static void main(String[] args) {
        Nd4jRuntime.configure();
        // asked before any model exists, as evaluate does to size its parallel folds
        int threadsPerOperation = Nd4jRuntime.threadsPerOperation();
        EmotionModel model = new EmotionModel(ModelBundle.untrained(List.of("a", "b", "c"), FeatureConfig.defaults()));
        model.warmUp(50, 2);
        System.out.println("maxBytes=" + Pointer.maxBytes());
        System.out.println("maxPhysicalBytes=" + Pointer.maxPhysicalBytes());
        System.out.println("heapMax=" + Runtime.getRuntime().maxMemory());
        System.out.println("ompThreads=" + NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
        System.out.println("blasThreads=" + Nd4j.factory().blas().getMaxThreads());
        System.out.println("threadsPerOperation=" + threadsPerOperation);
    }
}
