package org.emoscope.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many files analysed several at a time: each job takes the next file not yet taken, on its own
 * {@link FileAnalyzer#copy copy} of the analyzer (and so its own copy of the network), and the outcomes are handed
 * on in the order of the files, each as soon as those before it are done. A folder of recordings so uses every core
 * the jobs are given; one job is plain file-after-file analysis.
 */
public final class FileBatch {

    /** A file's analysis, or why it failed (a message naming the file). */
    public record Outcome(Path file, FileAnalysis analysis, String failure) {
        public boolean failed() {
            return analysis == null;
        }
    }

    /** What a batch reports; called from the jobs' threads. */
    public interface Listener {
        /** A job has started on file {@code index}. */
        default void started(int index, Path file) {
        }

        /** How far file {@code index} is, 0-1. */
        default void progress(int index, double fraction) {
        }

        /** File {@code index} is done, in whatever order the jobs finish. */
        default void finished(int index, Outcome outcome) {
        }

        /** File {@code index} is done and so is every file before it: called once per file, in order. */
        void inOrder(int index, Outcome outcome);
    }

    private FileBatch() {
    }

    /**
     * Analyses {@code files} with {@code jobs} jobs at most (never more than there are files); returns when all are
     * done.
     *
     * @throws InterruptedException when the calling thread is interrupted (the jobs are stopped)
     */
    public static void run(FileAnalyzer analyzer, List<Path> files, int jobs, Listener listener)
            throws InterruptedException {
        if (jobs < 1) throw new IllegalArgumentException("jobs must be at least 1: " + jobs);
        int workers = Math.max(1, Math.min(jobs, files.size()));
        Outcome[] outcomes = new Outcome[files.size()];
        int[] handedOn = {0};
        AtomicInteger next = new AtomicInteger();
        List<FileAnalyzer> analyzers = new ArrayList<>(List.of(analyzer));
        for (int w = 1; w < workers; w++) analyzers.add(analyzer.copy());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "emoscope-file-job");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (FileAnalyzer a : analyzers) {
                running.add(pool.submit(() -> {
                    org.emoscope.model.Nd4jRuntime.applyToCurrentThread();
                    for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
                        Outcome o = analyse(a, files.get(i), i, listener);
                        listener.finished(i, o);
                        synchronized (outcomes) {
                            outcomes[i] = o;
                            for (; handedOn[0] < outcomes.length && outcomes[handedOn[0]] != null; handedOn[0]++)
                                listener.inOrder(handedOn[0], outcomes[handedOn[0]]);
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof InterruptedException ie) throw ie;
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    if (e.getCause() instanceof Error err) throw err;
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome analyse(FileAnalyzer analyzer, Path file, int index, Listener listener)
            throws InterruptedException {
        listener.started(index, file);
        try {
            return new Outcome(file, analyzer.analyze(file, f -> listener.progress(index, f), null), null);
        } catch (java.util.concurrent.CancellationException e) {
            throw new InterruptedException(e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new Outcome(file, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
