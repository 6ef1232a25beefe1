package org.emoscope.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Computing many independent things (features of many files) on a few daemon threads, in order. */
final class Parallel {

    private Parallel() {
    }

    /**
     * Runs {@code tasks} on {@code threads} daemon threads named {@code name} and returns their results in task
     * order. The first failure is rethrown as an {@link IOException} (the task's own when it threw one); the pool
     * is shut down either way.
     *
     * @param what what is being computed, for the message when the calling thread is interrupted
     */
    static <T> List<T> map(List<Callable<T>> tasks, int threads, String name, String what) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>(tasks.size());
            for (Callable<T> task : tasks) futures.add(pool.submit(task));
            List<T> out = new ArrayList<>(futures.size());
            for (Future<T> f : futures) out.add(f.get());
            return out;
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) throw io;
            throw new IOException(c.getMessage(), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while computing " + what, e);
        } finally {
            pool.shutdownNow();
        }
    }
}
