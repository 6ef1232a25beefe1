package org.emoscope.model;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Work split in two: one part on the calling thread, the other at the same time on a pooled daemon thread, each with
 * its own copy of the network (a network is not thread-safe). For bursts that would otherwise leave the machine's
 * second core idle: explaining a window, and the trunk and heads of a file once it has been read. The pool is shared
 * by every user, and its idle threads end after a minute.
 */
final class SecondCore {

    /** Whether there is a second core to split work with. */
    static final boolean AVAILABLE = Runtime.getRuntime().availableProcessors() >= 2;

    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "emoscope-second-core");
        t.setDaemon(true);
        return t;
    });

    private SecondCore() {
    }

    /** The results of the two parts, in order. */
    record Both<T>(T here, T there) {
    }

    /**
     * Runs {@code there} on the pool (with ND4J's thread settings applied) while {@code here} runs on the calling
     * thread, and returns both results.
     *
     * @throws CancellationException if the calling thread is interrupted while waiting
     */
    static <T> Both<T> split(Supplier<T> here, Supplier<T> there) {
        Future<T> later = POOL.submit(() -> {
            Nd4jRuntime.applyToCurrentThread();
            return there.get();
        });
        T first;
        try {
            first = here.get();
        } catch (RuntimeException | Error e) {
            later.cancel(true);
            throw e;
        }
        try {
            return new Both<>(first, later.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            later.cancel(true);
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
