package org.emoscope.app.viewmodel;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.emoscope.app.bus.EventBus;
import org.emoscope.app.bus.Events;
import org.emoscope.app.bus.Inspection;
import org.emoscope.app.service.WindowExplainer;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.Explanation;
import org.emoscope.pipeline.WindowExplanations;
import org.emoscope.pipeline.WindowResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The attention page's state: which analysed stretch (a file, or the last seconds of live audio), which of its
 * windows, which class to explain, and the explanation of that class on that window. Follows
 * {@link Events.InspectRequested}.
 *
 * <p>Explanations cost several network passes, so they are computed by {@code executor} (one background thread),
 * one request at a time: a request that is still waiting when the selection moves on is cancelled, and one already
 * running is finished but not shown. Results are kept per (stretch, window, class), so going back to a window shows
 * its explanation at once. Windows without speech are not explained: there is no decision to explain.
 */
public final class AttentionViewModel {

    /** Explanations kept (per stretch, window and class). */
    static final int CACHE = 64;

    private final ReadOnlyObjectWrapper<Inspection> inspection = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(-1);
    private final ObjectBinding<WindowResult> window;
    private final ObservableList<String> classes = FXCollections.observableArrayList();
    /** Held, not made per call: an unmodifiable view follows its list only as long as something holds it. */
    private final ObservableList<String> classesView = FXCollections.unmodifiableObservableList(classes);
    private final ReadOnlyIntegerWrapper pinnedClass = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyIntegerWrapper predictedClass = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyIntegerWrapper explainedClass = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<Explanation> explanation = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper computing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper reading = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper caveat = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper numbers = new ReadOnlyStringWrapper("");

    private final Executor executor;
    private final WindowExplainer explainer;
    private final Consumer<Runnable> fx;
    private final Map<Key, Explanation> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Explanation> eldest) {
            return size() > CACHE;
        }
    };
    private FutureTask<Explanation> pending;
    private Key pendingKey;
    private long requests;

    /** What an explanation is of: the stretch's frames and model (by identity), the window, the class. */
    private record Key(float[][] logMel, EmotionModel model, double windowStart, int target) {
    }

    /**
     * @param executor  where explanations are computed (one background thread; never the JavaFX thread)
     * @param explainer what computes them
     * @param fx        hands a result back to the JavaFX thread ({@code Platform::runLater}; tests run it at once)
     */
    public AttentionViewModel(EventBus bus, Executor executor, WindowExplainer explainer, Consumer<Runnable> fx) {
        this.executor = executor;
        this.explainer = explainer;
        this.fx = fx;
        window = Bindings.createObjectBinding(() -> {
            Inspection i = inspection.get();
            int s = selected.get();
            return i == null || s < 0 || s >= i.windows().size() ? null : i.windows().get(s);
        }, inspection, selected);
        window.addListener(o -> update());
        pinnedClass.addListener(o -> update());
        bus.subscribe(Events.InspectRequested.class, e -> show(e.inspection(), e.selected()));
    }

    public void show(Inspection i, int index) {
        if (i != inspection.get()) {
            selected.set(-1);
            inspection.set(i);
            List<String> labels = i == null || i.windows().isEmpty() ? List.of()
                    : i.windows().get(0).prediction().labels();
            if (!classes.equals(labels)) {
                classes.setAll(labels);
                pinnedClass.set(-1);
            }
        }
        select(index);
    }

    public void select(int index) {
        Inspection i = inspection.get();
        if (i == null || i.windows().isEmpty()) return;
        selected.set(Math.max(0, Math.min(index, i.windows().size() - 1)));
    }

    public void next() {
        select(selected.get() + 1);
    }

    public void previous() {
        select(selected.get() - 1);
    }

    /** Selects the window centred nearest to stream time {@code t}. */
    public void selectAt(double t) {
        Inspection i = inspection.get();
        if (i == null) return;
        int best = -1;
        double bestDistance = Double.MAX_VALUE;
        for (int k = 0; k < i.windows().size(); k++) {
            WindowResult w = i.windows().get(k);
            double d = Math.abs((w.startSeconds() + w.endSeconds()) / 2 - t);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        if (best >= 0) select(best);
    }

    /**
     * Explains class {@code index} (into {@link #classes()}) on this and every window chosen after it, until
     * another is chosen; -1 explains each window's predicted class (the default).
     */
    public void explainClass(int index) {
        pinnedClass.set(index < 0 || index >= classes.size() ? -1 : index);
    }

    private void update() {
        Inspection i = inspection.get();
        WindowResult w = window.get();
        int predicted = w == null ? -1 : argMax(w.prediction().probabilities());
        int pinned = pinnedClass.get();
        int target = w == null ? -1 : pinned >= 0 ? pinned : predicted;
        predictedClass.set(predicted);
        explainedClass.set(target);
        if (w == null) {
            cancelPending();
            clear(i == null ? "" : "No window selected.");
            return;
        }
        if (!w.speech()) {
            cancelPending();
            clear("Too quiet to count as speech: the model reports no emotion here, so there is no decision to "
                    + "explain. Pick a window with speech.");
            return;
        }
        Key key = new Key(i.logMel(), i.model(), w.startSeconds(), target);
        Explanation known = cache.get(key);
        if (known != null) {
            cancelPending();
            shown(known, w);
            return;
        }
        if (pending != null && key.equals(pendingKey)) return; // already on its way
        cancelPending();
        clear("Explaining " + name(target) + " on this window…");
        computing.set(true);
        long request = ++requests;
        FutureTask<Explanation> task = new FutureTask<>(() -> explainer.explain(i, w, target)) {
            @Override
            protected void done() {
                if (!isCancelled()) fx.accept(() -> finished(this, key, request, w));
            }
        };
        pending = task;
        pendingKey = key;
        try {
            executor.execute(task);
        } catch (RejectedExecutionException closing) {
            cancelPending();
            clear("");
        }
    }

    private void finished(FutureTask<Explanation> task, Key key, long request, WindowResult w) {
        if (pending == task) {
            pending = null;
            pendingKey = null;
        }
        Explanation e;
        try {
            e = task.get();
        } catch (CancellationException | InterruptedException ex) {
            return;
        } catch (ExecutionException ex) {
            if (request != requests) return;
            Throwable t = ex.getCause();
            clear("Could not explain this window: " + (t.getMessage() == null ? t.toString() : t.getMessage()));
            return;
        }
        cache.put(key, e);
        if (request == requests) shown(e, w);
    }

    /** Stops the request in flight, if any: a waiting one never runs; a running one finishes unseen. */
    private void cancelPending() {
        requests++;
        if (pending != null) pending.cancel(false);
        pending = null;
        pendingKey = null;
    }

    private void clear(String why) {
        computing.set(false);
        explanation.set(null);
        status.set(why);
        reading.set("");
        caveat.set("");
        numbers.set("");
    }

    private void shown(Explanation e, WindowResult w) {
        computing.set(false);
        explanation.set(e);
        status.set("");
        reading.set(reading(e, w.startSeconds()));
        caveat.set(caveat(e));
        numbers.set(numbers(e));
    }

    private String name(int target) {
        return target >= 0 && target < classes.size() ? classes.get(target) : "the class";
    }

    /** The one-line reading of {@code e}, with stream times: "For angry: mostly 1.20-1.60 s at 250-900 Hz (…)…". */
    static String reading(Explanation e, double windowStart) {
        String r = WindowExplanations.reading(e, windowStart);
        return r.isEmpty() ? r : Character.toUpperCase(r.charAt(0)) + r.substring(1) + ".";
    }

    /**
     * For a model that fuses its network with a classifier over window statistics: what share of the shown
     * probability the spectrogram map explains, and the three statistics that pushed the class most (signed); empty
     * for a network alone.
     */
    static String caveat(Explanation e) {
        if (e.networkWeight() >= 1) return "";
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "The spectrogram map explains the network, %.0f\u00A0%% of this decision; the other %.0f\u00A0%% is a "
                        + "classifier over the window's statistics", 100 * e.networkWeight(),
                100 * (1 - e.networkWeight())));
        List<String> top = new ArrayList<>();
        for (Explanation.Contribution c : e.statistics().subList(0, Math.min(3, e.statistics().size())))
            top.add(String.format(Locale.ROOT, "%s %+.2f", c.name(), c.value()));
        if (!top.isEmpty()) b.append(". The statistics that moved it most: ").append(String.join(", ", top));
        return b.append('.').toString();
    }

    /** The probabilities the map adds up to, the shown (fused) one when the model fuses, and the map's grid. */
    static String numbers(Explanation e) {
        String label = e.label();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "Network alone: p(%s) %.2f here, %.2f on a neutral window; the cells add up to the difference, "
                        + "%+.2f.", label, e.probability(), e.baselineProbability(),
                e.probability() - e.baselineProbability()));
        if (e.networkWeight() < 1 && e.target() < e.fusedProbabilities().length)
            b.append(String.format(Locale.ROOT, "\nShown: %.2f (network %.0f\u00A0%%, statistics %.0f\u00A0%%).",
                    e.fusedProbabilities()[e.target()], 100 * e.networkWeight(), 100 * (1 - e.networkWeight())));
        Explanation map = e.pooled(WindowExplanations.FRAMES_PER_CELL, WindowExplanations.BANDS_PER_CELL);
        b.append(String.format(Locale.ROOT, "\nA cell: %.0f ms × %d mel bands.", 1000 * map.hopSeconds(),
                WindowExplanations.BANDS_PER_CELL));
        return b.toString();
    }

    private static int argMax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
        return p.length == 0 ? -1 : best;
    }

    public ReadOnlyObjectProperty<Inspection> inspection() {
        return inspection.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty selected() {
        return selected.getReadOnlyProperty();
    }

    /** The selected window, or null. */
    public ObjectBinding<WindowResult> window() {
        return window;
    }

    /** The classes that can be explained (the model's labels). */
    public ObservableList<String> classes() {
        return classesView;
    }

    /** The class chosen to explain on every window, or -1: each window's predicted class. */
    public ReadOnlyIntegerProperty pinnedClass() {
        return pinnedClass.getReadOnlyProperty();
    }

    /** The selected window's predicted class (its most probable, as the model gave it), or -1. */
    public ReadOnlyIntegerProperty predictedClass() {
        return predictedClass.getReadOnlyProperty();
    }

    /** The class being explained on the selected window, or -1. */
    public ReadOnlyIntegerProperty explainedClass() {
        return explainedClass.getReadOnlyProperty();
    }

    /** The explanation of the explained class on the selected window; null while computing or when there is none. */
    public ReadOnlyObjectProperty<Explanation> explanation() {
        return explanation.getReadOnlyProperty();
    }

    /** True while the explanation is being computed. */
    public ReadOnlyBooleanProperty computing() {
        return computing.getReadOnlyProperty();
    }

    /** Why there is no explanation (computing, no speech, failed), or empty. */
    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }

    /** The one-line reading of the explanation, or empty. */
    public ReadOnlyStringProperty reading() {
        return reading.getReadOnlyProperty();
    }

    /** The network-share caveat of a fused model, or empty. */
    public ReadOnlyStringProperty caveat() {
        return caveat.getReadOnlyProperty();
    }

    /** The probabilities behind the map, or empty. */
    public ReadOnlyStringProperty numbers() {
        return numbers.getReadOnlyProperty();
    }
}
