package org.emoscope.app.service;

import javafx.animation.AnimationTimer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Hands items from worker threads to the JavaFX thread in batches: workers {@link #offer} (never blocks), and once
 * per frame pulse an {@link AnimationTimer} drains everything queued into one call of the consumer. The UI thread
 * never waits on a worker, and a burst of 100 frames a second costs one UI update per pulse.
 */
public final class FxBatchQueue<T> {

    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final Consumer<List<T>> consumer;
    private final AnimationTimer timer;
    private final int limit;

    /**
     * @param limit at most this many items wait; beyond it the oldest are dropped (a stalled UI must not make the
     *              queue grow without bound)
     */
    public FxBatchQueue(int limit, Consumer<List<T>> consumer) {
        this.limit = limit;
        this.consumer = consumer;
        this.timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                drain();
            }
        };
    }

    /** Queues an item; any thread. */
    public void offer(T item) {
        queue.offer(item);
        if (size.incrementAndGet() > limit && queue.poll() != null) size.decrementAndGet();
    }

    /** Starts draining on every pulse; JavaFX thread. */
    public void start() {
        timer.start();
    }

    /** Stops the pulse after a last drain; JavaFX thread. */
    public void stop() {
        drain();
        timer.stop();
    }

    /** Delivers what is queued now; JavaFX thread. */
    public void drain() {
        if (queue.isEmpty()) return;
        List<T> batch = new ArrayList<>();
        for (T t; (t = queue.poll()) != null; ) {
            size.decrementAndGet();
            batch.add(t);
        }
        consumer.accept(batch);
    }
}
