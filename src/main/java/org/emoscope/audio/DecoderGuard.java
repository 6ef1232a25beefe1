package org.emoscope.audio;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Runs calls into a third-party decoder (the Java Sound SPI readers) on a private daemon thread, with a time limit,
 * and turns whatever they throw (checked exceptions, RuntimeExceptions, Errors) into an {@link AudioDecodeException}
 * that names the file. A decoder that spins forever on corrupt data therefore costs one stuck daemon thread, not a
 * hung application. One guard serves one file; calls are executed one at a time, in order.
 */
final class DecoderGuard implements Closeable {

    /** Longest a single decoder call may take; real calls take milliseconds. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String name;
    private final String label;
    private final Duration timeout;
    private final ExecutorService executor;
    private volatile boolean stuck;

    /**
     * @param name  file name for messages
     * @param label format name for messages, e.g. "FLAC"
     */
    DecoderGuard(String name, String label, Duration timeout) {
        this.name = name;
        this.label = label;
        this.timeout = timeout;
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "emoscope-decoder-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs {@code task} on the decoder thread and waits at most the time limit for it.
     *
     * @throws AudioDecodeException if the task fails in any way or takes too long
     */
    <T> T call(Callable<T> task) throws AudioDecodeException {
        if (stuck) throw timedOut();
        Future<T> future;
        try {
            future = executor.submit(task);
        } catch (RuntimeException e) {
            throw new AudioDecodeException(name + ": the file was closed while decoding", e);
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stuck = true;
            future.cancel(true);
            throw timedOut();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new AudioDecodeException(name + ": decoding was interrupted", e);
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        }
    }

    /**
     * A view of {@code in} whose reads run through {@link #call}. An {@link EOFException} from the decoder (a
     * truncated file) reads as the end of the stream.
     */
    InputStream guard(InputStream in) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n <= 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return call(() -> {
                    try {
                        return in.read(b, off, len);
                    } catch (EOFException e) {
                        return -1;
                    }
                });
            }

            @Override
            public void close() {
                if (!stuck) {
                    try {
                        call(() -> {
                            in.close();
                            return null;
                        });
                    } catch (AudioDecodeException e) {
                        // Closing a stream that failed to decode may fail again; nothing is left to release.
                    }
                }
            }
        };
    }

    /** Stops the decoder thread (interrupting it if a call is still running). */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    private AudioDecodeException timedOut() {
        long millis = timeout.toMillis();
        String seconds = millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0);
        return new AudioDecodeException(name + ": the " + label + " decoder stopped responding for " + seconds
                + " s (the file is probably corrupt)");
    }

    private AudioDecodeException translate(Throwable cause) {
        if (cause instanceof AudioDecodeException e) return e;
        if (cause instanceof UnsupportedAudioFileException) {
            return new AudioDecodeException(name + ": not a valid " + label + " file, or a variant of " + label
                    + " that cannot be decoded", cause);
        }
        if (cause instanceof EOFException) {
            return new AudioDecodeException(name + ": truncated " + label
                    + " file (it ends in the middle of its header)", cause);
        }
        // a decoder's own crash (NullPointerException, ...) means nothing to the user; it stays in the cause
        String detail = cause instanceof IOException && cause.getMessage() != null
                ? cause.getMessage()
                : "the decoder gave up on it";
        return new AudioDecodeException(name + ": corrupt " + label + " data (" + detail + ")", cause);
    }
}
