package org.emoscope.app.view;

import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.emoscope.app.bus.Inspection;
import org.emoscope.app.bus.PageId;
import org.emoscope.app.view.chart.ChartTheme;
import org.emoscope.app.view.chart.ContributionBars;
import org.emoscope.app.view.chart.ExplanationMap;
import org.emoscope.app.view.chart.WindowStrip;
import org.emoscope.app.viewmodel.AttentionViewModel;
import org.emoscope.model.Explanation;
import org.emoscope.pipeline.WindowResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why the model decided what it did on one window: the window's spectrogram with the attribution of a class laid
 * over it (red for, blue against) and its legend, the frame attention aligned underneath, a class picker, a one-line
 * reading of the map, what share of the decision the map explains, and the window's probabilities. An overview strip
 * of every window picks another.
 */
public final class AttentionPage implements Page {

    private final AttentionViewModel vm;
    private final VBox root;
    private final VBox content;
    private final ExplanationMap map = new ExplanationMap();
    private final WindowStrip strip = new WindowStrip();
    private final MomentPanel moment = new MomentPanel();
    private final ComboBox<String> classPicker = new ComboBox<>();
    private final Label source = Ui.muted("");
    private final Label position = new Label();
    private final Label stripCaption = Ui.muted("");
    private final Label reading = new Label();
    private final Label caveat = Ui.muted("");
    private final Label numbers = Ui.muted("");
    private final Label statisticsTitle = new Label();
    private final ContributionBars statistics = new ContributionBars();
    private boolean syncing;

    public AttentionPage(AttentionViewModel vm, ObservableValue<ChartTheme> theme, Runnable saveImage) {
        this.vm = vm;
        map.themeProperty().bind(theme);
        map.setId("explanation-map");
        strip.themeProperty().bind(theme);
        strip.setId("window-strip");
        strip.setOnSelect(vm::select);
        Tooltip.install(strip, new Tooltip("Every window, coloured by its label: click one to explain it"));
        position.setId("attention-position");
        position.getStyleClass().add("strong");
        position.setMinWidth(Region.USE_PREF_SIZE);

        Button prev = Ui.button("◀  Previous", "Previous window (Left)", vm::previous);
        prev.setId("attention-previous");
        prev.setMinWidth(Region.USE_PREF_SIZE);
        Button next = Ui.button("Next  ▶", "Next window (Right)", vm::next);
        next.setId("attention-next");
        next.setMinWidth(Region.USE_PREF_SIZE);
        Button image = Ui.button("Save image…", "PNG of this view", saveImage);
        image.setId("save-attention-image");
        image.setMinWidth(Region.USE_PREF_SIZE);
        Label explain = new Label("Explain");
        explain.setMinWidth(Region.USE_PREF_SIZE);
        classPicker.setId("class-picker");
        classPicker.setTooltip(new Tooltip("The class whose probability the map explains: the predicted one by "
                + "default; another one shows what argued for and against it"));
        classPicker.setPrefWidth(190);
        classPicker.setMinWidth(150);
        classPicker.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (!syncing && b.intValue() >= 0) vm.explainClass(b.intValue() - 1);
        });
        HBox.setHgrow(strip, Priority.ALWAYS);
        strip.managedProperty().bind(strip.visibleProperty());
        Region gap = Ui.spacer(); // takes the strip's room when there is one window only
        gap.visibleProperty().bind(strip.visibleProperty().not());
        gap.managedProperty().bind(gap.visibleProperty());
        HBox toolbar = new HBox(10, prev, next, position, strip, gap, explain, classPicker, image);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        spinner.setMaxSize(16, 16);
        Label working = Ui.muted("Explaining…");
        HBox progress = new HBox(6, spinner, working);
        progress.setId("explain-progress");
        progress.setAlignment(Pos.CENTER_RIGHT);
        progress.visibleProperty().bind(vm.computing());

        stripCaption.setId("strip-caption");
        reading.setId("explanation-reading");
        reading.getStyleClass().addAll("strong", "explanation-reading");
        reading.setWrapText(true);
        Ui.wholeWords(reading);
        caveat.setId("explanation-caveat");
        for (Label l : List.of(reading, caveat)) l.setMinHeight(34); // two lines kept, so the map does not jump
        caveat.managedProperty().bind(caveat.visibleProperty());
        VBox mapBox = new VBox(8, map, stripCaption, reading, caveat);
        VBox.setVgrow(map, Priority.ALWAYS);
        VBox mapCard = Ui.card("What moved the decision", progress, mapBox);
        HBox.setHgrow(mapCard, Priority.ALWAYS);

        numbers.setId("explanation-numbers");
        statistics.setId("statistics-bars");
        statistics.themeProperty().bind(theme);
        statisticsTitle.getStyleClass().add("strong");
        statisticsTitle.setWrapText(true);
        statisticsTitle.setMinHeight(Region.USE_PREF_SIZE);
        Ui.wholeWords(statisticsTitle);
        Tooltip.install(numbers, new Tooltip("A neutral window: every frame the voice's average frame. The map "
                + "shows how each part of the spectrogram moved the network's probability away from it."));
        VBox statisticsBox = new VBox(6, statisticsTitle, statistics);
        statisticsBox.visibleProperty().bind(vm.caveat().isNotEmpty());
        statisticsBox.managedProperty().bind(statisticsBox.visibleProperty());
        VBox side = new VBox(12, Ui.card("Prediction", moment), Ui.card("Behind the map",
                new VBox(10, numbers, statisticsBox)));
        // the side scrolls on its own in a short window, so the map keeps its height
        ScrollPane sideScroll = new ScrollPane(side);
        sideScroll.setFitToWidth(true);
        sideScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        sideScroll.getStyleClass().add("plain-scroll");
        sideScroll.setPrefWidth(310);
        sideScroll.setMinWidth(270);
        HBox body = new HBox(14, mapCard, sideScroll);
        VBox.setVgrow(body, Priority.ALWAYS);
        content = new VBox(12, toolbar, body);
        VBox.setVgrow(content, Priority.ALWAYS);
        root = Ui.page("attention-page", Ui.header("Attention", source), content);

        vm.inspection().addListener(o -> refresh());
        vm.window().addListener(o -> refresh());
        vm.explanation().addListener(o -> refresh());
        vm.status().addListener(o -> refresh());
        vm.classes().addListener((ListChangeListener<String>) c -> syncPicker());
        vm.predictedClass().addListener(o -> syncPicker());
        vm.pinnedClass().addListener(o -> syncPicker());
        reading.textProperty().bind(vm.reading());
        caveat.textProperty().bind(vm.caveat());
        caveat.visibleProperty().bind(vm.caveat().isNotEmpty().or(vm.computing()));
        numbers.textProperty().bind(vm.numbers());
        syncPicker();
        refresh();
    }

    /** The picker's entries: "predicted (angry)" first, then every class; the chosen one selected. */
    private void syncPicker() {
        syncing = true;
        try {
            List<String> items = new ArrayList<>();
            int predicted = vm.predictedClass().get();
            List<String> classes = vm.classes();
            items.add(predicted >= 0 && predicted < classes.size() ? "Predicted: " + classes.get(predicted)
                    : "Predicted class");
            for (int k = 0; k < classes.size(); k++) items.add(classes.get(k) + (k == predicted ? " (predicted)" : ""));
            // rebuilt only when the entries change: never from inside the picker's own selection event
            if (!classPicker.getItems().equals(items)) classPicker.getItems().setAll(items);
            int chosen = vm.pinnedClass().get() + 1;
            if (classPicker.getSelectionModel().getSelectedIndex() != chosen)
                classPicker.getSelectionModel().select(chosen);
            classPicker.setDisable(classes.isEmpty());
        } finally {
            syncing = false;
        }
    }

    private void refresh() {
        Inspection i = vm.inspection().get();
        WindowResult w = vm.window().get();
        source.setText(i == null
                ? "Why the model decided what it did. Analyse a file and click its timeline, or inspect live audio."
                : "Why the model decided what it did in " + i.source() + ".");
        position.setText(i == null || w == null ? "No window selected" : String.format(Locale.ROOT,
                "Window %d of %d · %.2f – %.2f s", vm.selected().get() + 1, i.windows().size(), w.startSeconds(),
                w.endSeconds()));
        strip.show(i, vm.selected().get());
        map.setMessage(vm.status().get());
        map.show(i, w, vm.explanation().get());
        moment.show(w);
        stripCaption.setText(w == null ? "" : stripCaption(i, w));
        Explanation e = vm.explanation().get();
        statistics.show(e == null ? List.of() : e.statistics());
        statisticsTitle.setText(e == null ? "" : "Statistics: push on " + e.label());
        boolean several = i != null && i.windows().size() > 1;
        strip.setVisible(several);
    }

    /** What the strip under the map is, honestly: a distribution over frames, or a gate that is not one. */
    static String stripCaption(Inspection i, WindowResult w) {
        double ms = 1000 * w.prediction().frameSeconds();
        if (i.model() != null && i.model().attentivePooling()) {
            float max = 0;
            for (float a : w.prediction().frameAttention()) max = Math.max(max, a);
            return String.format(Locale.ROOT, "Strip: attention weights (sum to 1), one per %.0f ms; the brightest "
                    + "frame, weighed most, has %.3f. They say where the network looked, not what it saw there.",
                    ms, max);
        }
        return String.format(Locale.ROOT, "Strip: frame gate, one value per %.0f ms from 0 (dark: suppressed) to 1 "
                + "(bright: passed on). Each frame is gated alone, so it is not a distribution and is rarely far "
                + "below 1.", ms);
    }

    @Override
    public PageId id() {
        return PageId.ATTENTION;
    }

    @Override
    public VBox node() {
        return root;
    }

    @Override
    public Node snapshotNode() {
        return content;
    }

    /** The map, for tests. */
    public ExplanationMap map() {
        return map;
    }
}
