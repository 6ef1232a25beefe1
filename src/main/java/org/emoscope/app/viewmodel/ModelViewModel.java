package org.emoscope.app.viewmodel;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.emoscope.app.bus.EventBus;
import org.emoscope.app.bus.Events;
import org.emoscope.model.EmotionModel;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * The model in use: which bundle, its labels, its training figures, and loading another one. Loading runs in a
 * background task (state {@link State#LOADING}); a bundle that fails to load leaves the previous model in use and
 * sets {@link #error()} to the reason. Every successful load is published as {@link Events.ModelChanged}.
 */
public final class ModelViewModel {

    public enum State { LOADING, READY, FAILED }

    /** One line of the model panel. */
    public record Figure(String key, String name, String value) {
    }

    private final EventBus bus;
    private final Executor executor;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.LOADING);
    private final ReadOnlyObjectWrapper<EmotionModel> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> path = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper loading = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper untrained = new ReadOnlyBooleanWrapper();
    private final ObservableList<String> labels = FXCollections.observableArrayList();
    private final ObservableList<String> labelsView = FXCollections.unmodifiableObservableList(labels);
    private final ObservableList<Figure> figures = FXCollections.observableArrayList();
    private final ObservableList<Figure> figuresView = FXCollections.unmodifiableObservableList(figures);
    private final ObservableList<Figure> metadata = FXCollections.observableArrayList();
    private final ObservableList<Figure> metadataView = FXCollections.unmodifiableObservableList(metadata);

    public ModelViewModel(EventBus bus, Executor executor) {
        this.bus = bus;
        this.executor = executor;
    }

    /** Loads the bundle at the path {@code where} gives (called in the background, e.g. DefaultModel::locate). */
    public void load(Callable<Path> where) {
        state.set(State.LOADING);
        error.set("");
        loading.set("Loading model…");
        Task<Loaded> task = new Task<>() {
            @Override
            protected Loaded call() throws Exception {
                Path p = where.call();
                updateMessage(p.getFileName().toString());
                EmotionModel m = EmotionModel.load(p);
                m.warmUp(m.featureConfig().framesFor(m.windowSeconds()), 5);
                return new Loaded(p, m);
            }
        };
        task.messageProperty().addListener((o, a, name) -> loading.set("Loading model " + name + "…"));
        task.setOnSucceeded(e -> apply(task.getValue()));
        task.setOnFailed(e -> failed(task.getException()));
        executor.execute(task);
    }

    /** Loads {@code file}. */
    public void load(Path file) {
        load(() -> file);
    }

    private record Loaded(Path path, EmotionModel model) {
    }

    private void apply(Loaded l) {
        path.set(l.path());
        untrained.set(l.model().untrained());
        labels.setAll(l.model().labels());
        figures.setAll(figures(l.model().metadata(), l.model().windowSeconds()));
        metadata.setAll(metadata(l.model().metadata()));
        model.set(l.model());
        loading.set("");
        state.set(State.READY);
        bus.publish(new Events.ModelChanged(l.model(), l.path()));
    }

    private void failed(Throwable t) {
        String msg = t.getMessage() == null ? t.toString() : t.getMessage();
        error.set(msg);
        loading.set("");
        state.set(model.get() == null ? State.FAILED : State.READY);
        bus.publish(new Events.ErrorRaised(model.get() == null ? "No model loaded" : "Model not changed", msg));
    }

    /** The training figures the panel always lists, with "not recorded" for those missing from the bundle. */
    static final List<String[]> KNOWN = List.of(
            new String[]{"validation_wa", "Accuracy, held-out speakers"},
            new String[]{"validation_ua", "Unweighted accuracy (mean recall)"},
            new String[]{"validation_macro_f1", "Macro F1"},
            new String[]{"validation_one_file_ua", "Unweighted accuracy, one file alone (voice unknown)"},
            new String[]{"corpora", "Trained on"},
            new String[]{"label_set", "Label set"},
            new String[]{"date", "Trained"},
            new String[]{"epochs_run", "Epochs run"},
            new String[]{"best_epoch", "Best epoch"},
            new String[]{"training_items", "Training items"},
            new String[]{"validation_items", "Validation items"});

    static final String NOT_RECORDED = "not recorded";
    static final String WINDOW_KEY = "window_seconds";

    /** The {@link #KNOWN} figures, then the analysis window the model was trained on (which every bundle has). */
    static List<Figure> figures(Map<String, Object> meta, double windowSeconds) {
        List<Figure> out = new ArrayList<>();
        for (String[] k : KNOWN) {
            Object v = meta.get(k[0]);
            out.add(new Figure(k[0], k[1], v == null ? NOT_RECORDED : format(k[0], v)));
        }
        out.add(new Figure(WINDOW_KEY, "Analysis window", seconds(windowSeconds)));
        return out;
    }

    /** A length in seconds as people write it: "2 s", "3.5 s". */
    static String seconds(double seconds) {
        return BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString() + " s";
    }

    static List<Figure> metadata(Map<String, Object> meta) {
        List<Figure> out = new ArrayList<>();
        meta.forEach((k, v) -> out.add(new Figure(k, k, format(k, v))));
        return out;
    }

    static String format(String key, Object v) {
        if (v instanceof Number n && (key.endsWith("_wa") || key.endsWith("_ua") || key.endsWith("_f1")
                || key.contains("accuracy")) && n.doubleValue() >= 0 && n.doubleValue() <= 1)
            return String.format("%.1f %%", 100 * n.doubleValue());
        if (v instanceof List<?> l) return String.join(", ", l.stream().map(String::valueOf).toList());
        if (v instanceof Map<?, ?> m) {
            List<String> lines = new ArrayList<>();
            m.forEach((k, x) -> lines.add(k + ": " + x));
            return String.join("\n", lines);
        }
        String text = String.valueOf(v);
        java.util.regex.Matcher record = RECORD.matcher(text);
        if (record.matches()) // a Java record's toString ("TrainingSettings[maxEpochs=40, ...]"): "maxEpochs 40 · ..."
            return String.join(" · ", java.util.Arrays.stream(record.group(1).split(", (?=\\w+=)"))
                    .map(kv -> kv.replaceFirst("=", NBSP).replace(" ", NBSP)).toList());
        return text;
    }

    /** A space the text never wraps at: a setting and its value stay on one line. */
    static final String NBSP = "\u00A0";
    private static final java.util.regex.Pattern RECORD =
            java.util.regex.Pattern.compile("[A-Z]\\w*\\[(\\w+=.*)]", java.util.regex.Pattern.DOTALL);

    public ReadOnlyObjectProperty<State> state() {
        return state.getReadOnlyProperty();
    }

    /** The model in use; null until one has loaded. */
    public ReadOnlyObjectProperty<EmotionModel> model() {
        return model.getReadOnlyProperty();
    }

    /** Where the model in use came from; null until one has loaded. */
    public ReadOnlyObjectProperty<Path> path() {
        return path.getReadOnlyProperty();
    }

    /** "Loading model X…" while loading, else empty. */
    public ReadOnlyStringProperty loading() {
        return loading.getReadOnlyProperty();
    }

    /** Why the last load failed, or empty. */
    public ReadOnlyStringProperty error() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty untrained() {
        return untrained.getReadOnlyProperty();
    }

    public ObservableList<String> labels() {
        return labelsView;
    }

    public ObservableList<Figure> figures() {
        return figuresView;
    }

    public ObservableList<Figure> metadata() {
        return metadataView;
    }
}
