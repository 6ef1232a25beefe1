package org.emoscope.model;

import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Process-wide settings for ND4J / DL4J. Call {@link #configure()} first thing in {@code main}, before any ND4J,
 * DL4J or SLF4J class is touched: most of these settings are read once, when those classes initialise.
 *
 * <p>What {@link #configure()} does, each only if the user has not set it already (a {@code -D} system property
 * always wins):
 * <ul>
 *   <li>{@code org.slf4j.simpleLogger.defaultLogLevel=warn}, and the same level for the loggers under
 *       {@code org.nd4j}, {@code org.deeplearning4j} and {@code org.bytedeco} (which also works if SLF4J was started
 *       before this call): silences the ND4J/DL4J start-up banner and info logging;</li>
 *   <li>{@code org.bytedeco.javacpp.logger=slf4j}: JavaCPP's own messages go through SLF4J instead of straight to
 *       standard error;</li>
 *   <li>{@code org.bytedeco.javacpp.maxbytes=1g}: caps ND4J's off-heap memory, which ND4J frees only when the
 *       garbage collector runs; reaching the cap triggers a collection. JavaCPP's default is the heap maximum (a
 *       quarter of the RAM unless {@code -Xmx} is given). Training this network at batch 32 peaks at about 0.9 GB
 *       resident either way; the cap guards against growth in long runs;</li>
 *   <li>{@code org.bytedeco.javacpp.maxphysicalbytes}: if {@code maxbytes} was not set by the user either, the
 *       process's total resident size is capped at the heap maximum plus {@code maxbytes} plus 1 GiB for code and
 *       thread stacks (JavaCPP's default: four times {@code maxbytes});</li>
 *   <li>threads: {@link #setThreads(int)} with the value of the system property {@value #THREADS_PROPERTY} if set,
 *       else, unless the environment variable {@code OMP_NUM_THREADS} is set (ND4J then follows it), with half the
 *       available processors (at least 1). This step starts ND4J (about a second).</li>
 * </ul>
 *
 * <p>Threads: ND4J's OpenMP threads busy-wait, so when they do not each get a core (another process is busy, or this
 * one is capturing audio and drawing a UI) every operation slows down. Measured on 2 cores with other work running,
 * with {@code ModelBenchmark} in the test tree under {@code OMP_NUM_THREADS=1} and {@code 2}: 2 threads gave 120-130
 * training samples/s and a batch-1 latency of 11-15 ms (p50), 1 thread 170-195 samples/s and 6-7 ms. Hence the
 * default of half the cores. ND4J sizes its internal thread pool once, from {@code OMP_NUM_THREADS} (default: the
 * physical cores), and no Java call changes that pool later in DL4J 1.0.0-M2.1
 * (its {@code Environment.setMaxThreads} is a no-op); {@link #setThreads(int)} changes what can be changed at run
 * time, the OpenMP and the BLAS (OpenBLAS) thread counts, which recovers most of the difference. For full control
 * set {@code OMP_NUM_THREADS} before the JVM starts (for example in the launcher script).
 */
public final class Nd4jRuntime {

    /** System property giving the thread count for {@link #setThreads(int)} during {@link #configure()}. */
    public static final String THREADS_PROPERTY = "emoscope.threads";
    /** Off-heap memory cap set by {@link #configure()} unless the user set one. */
    public static final String DEFAULT_MAX_BYTES = "1g";

    static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    static final String LOGGER_LEVEL_PREFIX = "org.slf4j.simpleLogger.log.";
    static final String JAVACPP_LOGGER = "org.bytedeco.javacpp.logger";
    static final String MAX_BYTES = "org.bytedeco.javacpp.maxbytes";
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";
    static final String OMP_NUM_THREADS = "OMP_NUM_THREADS";

    private static final List<String> QUIET_PACKAGES = List.of("org.nd4j", "org.deeplearning4j", "org.bytedeco");
    private static final long DEFAULT_MAX_BYTES_VALUE = 1L << 30;
    private static final long NATIVE_OVERHEAD_BYTES = 1L << 30;

    private static boolean configured;

    /** The count {@link #setThreads} last applied, 0 when the environment ({@code OMP_NUM_THREADS}) decides. */
    private static volatile int appliedThreads;

    private Nd4jRuntime() {
    }

    /**
     * Applies the configured thread count to the calling thread. OpenMP's thread count is a per-thread setting:
     * {@link #setThreads} changes it for the thread that calls it, and every other thread that runs ND4J operations
     * (an analysis session's inference thread, say) starts from the process default, 2 on this machine, unless it
     * calls this first. Does nothing when {@code OMP_NUM_THREADS} decides, because then every thread starts right.
     */
    public static void applyToCurrentThread() {
        int n = appliedThreads;
        if (n > 0) NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
    }

    /**
     * Applies the defaults described in the class comment. Idempotent: later calls do nothing. Call it before ND4J is
     * first used; it starts ND4J itself at the end, unless {@code OMP_NUM_THREADS} is set.
     *
     * @throws IllegalArgumentException if {@value #THREADS_PROPERTY} is set but not a positive integer
     */
    public static synchronized void configure() {
        if (configured) return;
        String threads = System.getProperty(THREADS_PROPERTY);
        int requestedThreads = threads == null ? 0 : parseThreads(threads); // fail before changing anything
        configured = true;
        if (System.getProperty(LOG_LEVEL) == null) {
            System.setProperty(LOG_LEVEL, "warn");
            // per-package levels too: SLF4J-simple reads them whenever a logger is created, while the default level
            // is read once, when SLF4J starts, which another library may have made happen already
            for (String quiet : QUIET_PACKAGES) setIfAbsent(LOGGER_LEVEL_PREFIX + quiet, "warn");
        }
        setIfAbsent(JAVACPP_LOGGER, "slf4j");
        if (System.getProperty(MAX_BYTES) == null) {
            System.setProperty(MAX_BYTES, DEFAULT_MAX_BYTES);
            setIfAbsent(MAX_PHYSICAL_BYTES, Long.toString(
                    Runtime.getRuntime().maxMemory() + DEFAULT_MAX_BYTES_VALUE + NATIVE_OVERHEAD_BYTES));
        }
        if (requestedThreads > 0) setThreads(requestedThreads);
        else if (System.getenv(OMP_NUM_THREADS) == null) setThreads(defaultThreads());
    }

    /**
     * The OpenMP threads an ND4J operation uses on a thread that called {@link #applyToCurrentThread}: what
     * {@link #setThreads} applied, else what {@code OMP_NUM_THREADS} made ND4J start with.
     */
    public static int threadsPerOperation() {
        int n = appliedThreads;
        if (n > 0) return n;
        Nd4j.factory(); // loads the backend, without which NativeOpsHolder fails to initialise
        return Math.max(1, NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
    }

    /** Threads used when neither {@value #THREADS_PROPERTY} nor {@code OMP_NUM_THREADS} says: half the processors. */
    static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /** The thread count in a {@value #THREADS_PROPERTY} value. */
    static int parseThreads(String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(THREADS_PROPERTY + " must be a positive integer, got \"" + value + "\"");
    }

    /**
     * Sets the OpenMP and BLAS thread counts (initialising ND4J if it is not yet). ND4J's internal thread pool keeps
     * the size it started with (see the class comment).
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static void setThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("thread count must be >= 1: " + threads);
        // Nd4j first: it loads the backend, which NativeOpsHolder needs to have been loaded
        Nd4j.factory().blas().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        appliedThreads = threads;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }

    /**
     * The thread counts ND4J runs with, as {@link #configure()} left them, for benchmark reports: OpenMP and BLAS on
     * this thread and OpenMP on a newly started one.
     */
    public static String describeThreads() {
        try {
            int omp = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
            int blas = Nd4j.factory().blas().getMaxThreads();
            String env = System.getenv("OMP_NUM_THREADS");
            int[] onNewThread = new int[1];
            Thread probe = new Thread(() ->
                    onNewThread[0] = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads());
            probe.start();
            try {
                probe.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "OpenMP " + omp + ", BLAS " + blas + " on the main thread (bench does not change them; "
                    + "`Nd4jRuntime.configure()` " + (System.getProperty("emoscope.threads") != null
                    ? "applied -Demoscope.threads" : env != null ? "left them to OMP_NUM_THREADS=" + env
                    : "chose half the cores") + "); a newly started thread, such as the pipeline's inference "
                    + "thread, reports OpenMP " + onNewThread[0];
        } catch (RuntimeException | LinkageError e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /**
     * Times ND4J's single-precision matrix product {@code [m x k] x [k x n]} on the calling thread (its OpenMP
     * threads): {@code warmUp} untimed products, then {@code runs} timed runs of enough products for about 0.2 s
     * each. What the machine's BLAS does at best, for benchmarks to set the network's speed against.
     *
     * @return seconds per product, one value per run
     */
    public static double[] timeGemm(int m, int k, int n, int warmUp, int runs) {
        INDArray a = Nd4j.rand(DataType.FLOAT, m, k);
        INDArray b = Nd4j.rand(DataType.FLOAT, k, n);
        INDArray c = Nd4j.create(DataType.FLOAT, m, n);
        int reps = (int) Math.max(1, 2e8 / ((double) m * k * n));
        for (int i = 0; i < warmUp; i++) Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        double[] seconds = new double[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            seconds[r] = (System.nanoTime() - t0) / 1e9 / reps;
        }
        return seconds;
    }
}
