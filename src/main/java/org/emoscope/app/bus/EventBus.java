package org.emoscope.app.bus;

import javafx.application.Platform;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A tiny publish/subscribe bus for events that cross pages (model changed, file analysed, error, inspect a window).
 * Handlers always run on the JavaFX thread: {@link #publish} from another thread hands the event over with
 * {@link Platform#runLater}. A handler receives events of its type and of its subtypes.
 */
public final class EventBus {

    private final Map<Class<?>, List<Consumer<Object>>> handlers = new ConcurrentHashMap<>();
    private final Consumer<Runnable> onFxThread;

    /** A bus whose handlers run on the JavaFX thread. */
    public EventBus() {
        this(delivery -> {
            if (Platform.isFxApplicationThread()) delivery.run();
            else Platform.runLater(delivery);
        });
    }

    /**
     * A bus that hands every delivery to {@code onFxThread}, which runs it on the JavaFX thread; tests of view-models
     * without one pass {@code Runnable::run} (delivered at once, on the publishing thread).
     */
    public EventBus(Consumer<Runnable> onFxThread) {
        this.onFxThread = onFxThread;
    }

    /** Registers {@code handler} for events of {@code type}; returns an action that unregisters it. */
    public <E> Runnable subscribe(Class<E> type, Consumer<? super E> handler) {
        Consumer<Object> wrapped = event -> handler.accept(type.cast(event));
        handlers.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(wrapped);
        return () -> handlers.getOrDefault(type, List.of()).remove(wrapped);
    }

    /** Delivers {@code event} to its handlers on the JavaFX thread (now if called there, else soon). */
    public void publish(Object event) {
        onFxThread.accept(() -> deliver(event));
    }

    private void deliver(Object event) {
        for (Map.Entry<Class<?>, List<Consumer<Object>>> e : handlers.entrySet()) {
            if (!e.getKey().isInstance(event)) continue;
            for (Consumer<Object> h : e.getValue()) h.accept(event);
        }
    }
}
