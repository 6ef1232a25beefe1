package org.emoscope.app.view;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.emoscope.app.bus.PageId;
import org.emoscope.app.view.chart.LabelColors;
import org.emoscope.app.viewmodel.ModelViewModel;

import java.util.List;

/** The model in use: bundle, labels, training figures, everything recorded in it, and loading another one. */
public final class ModelPage implements Page {

    private final VBox root;

    public ModelPage(ModelViewModel vm, Runnable loadOther) {
        Label path = new Label();
        path.setId("model-path");
        path.getStyleClass().add("strong");
        path.setWrapText(true);
        path.textProperty().bind(Bindings.createStringBinding(() -> vm.path().get() == null ? "No model loaded"
                : vm.path().get().toAbsolutePath().toString(), vm.path()));
        ProgressIndicator spin = new ProgressIndicator();
        spin.setPrefSize(18, 18);
        Label loading = new Label();
        loading.textProperty().bind(vm.loading());
        HBox loadingRow = new HBox(8, spin, loading);
        loadingRow.setAlignment(Pos.CENTER_LEFT);
        loadingRow.visibleProperty().bind(vm.state().isEqualTo(ModelViewModel.State.LOADING));
        loadingRow.managedProperty().bind(loadingRow.visibleProperty());
        Button load = Ui.button("Load another bundle…", "Choose a .emo model bundle", loadOther);
        load.setId("load-model");
        load.disableProperty().bind(vm.state().isEqualTo(ModelViewModel.State.LOADING));

        Label untrained = new Label("Untrained model: its weights are random, so its emotions are meaningless. "
                + "Load a trained bundle (models/default.emo from a release, or one made with emoscope train).");
        untrained.setWrapText(true);
        untrained.getStyleClass().add("warning-box");
        untrained.setId("untrained-warning");
        untrained.visibleProperty().bind(vm.untrained());
        untrained.managedProperty().bind(untrained.visibleProperty());
        Label error = new Label();
        error.setWrapText(true);
        error.getStyleClass().add("error-box");
        error.setId("model-error");
        error.textProperty().bind(vm.error());
        error.visibleProperty().bind(vm.error().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        FlowPane labels = new FlowPane(8, 6);
        labels.setId("model-labels");
        Runnable fillLabels = () -> {
            labels.getChildren().clear();
            List<String> l = vm.labels();
            for (int i = 0; i < l.size(); i++) {
                Label chip = new Label(l.get(i), new Circle(5, LabelColors.of(l.get(i), i)));
                chip.getStyleClass().add("chip");
                labels.getChildren().add(chip);
            }
        };
        vm.labels().addListener((ListChangeListener<String>) c -> fillLabels.run());
        fillLabels.run();
        VBox bundle = Ui.card("Bundle in use", load, new VBox(10, path, loadingRow, untrained, error,
                new Label("Labels"), labels));

        GridPane figures = grid("model-figures");
        vm.figures().addListener((ListChangeListener<ModelViewModel.Figure>) c -> fill(figures, vm.figures(), true));
        GridPane meta = grid("model-metadata");
        vm.metadata().addListener((ListChangeListener<ModelViewModel.Figure>) c -> fill(meta, vm.metadata(), false));
        VBox figuresCard = Ui.card("Evaluation figures", new VBox(8, Ui.muted("Scores on speakers held out of "
                + "training, as recorded in the bundle when it was trained."), figures));
        // no scroll pane of its own: the page scrolls when the window is too short for everything
        VBox metaCard = Ui.card("Everything recorded in the bundle", meta);
        HBox row = new HBox(12, figuresCard, metaCard);
        row.setAlignment(Pos.TOP_LEFT);
        figuresCard.setMaxHeight(Region.USE_PREF_SIZE);
        metaCard.setMaxHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(figuresCard, Priority.ALWAYS);
        HBox.setHgrow(metaCard, Priority.ALWAYS);
        figuresCard.setPrefWidth(480);
        metaCard.setPrefWidth(480);
        root = Ui.page("model-page", Ui.header("Model", Ui.muted(
                "The network that hears the emotions, and how well it did when it was trained.")), bundle, row);
    }

    private static GridPane grid(String id) {
        GridPane g = new GridPane();
        g.setHgap(16);
        g.setVgap(6);
        g.setId(id);
        // names take what they need; values get the rest and wrap between words
        javafx.scene.layout.ColumnConstraints names = new javafx.scene.layout.ColumnConstraints();
        names.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints values = new javafx.scene.layout.ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        values.setFillWidth(true);
        g.getColumnConstraints().addAll(names, values);
        g.getStyleClass().add("figure-grid");
        return g;
    }

    private static void fill(GridPane grid, List<ModelViewModel.Figure> figures, boolean names) {
        grid.getChildren().clear();
        int row = 0;
        for (ModelViewModel.Figure f : figures) {
            Label k = new Label(names ? f.name() : f.key());
            k.getStyleClass().add("figure-name");
            k.setMinWidth(Region.USE_PREF_SIZE); // keys never shrink to "...": the value column wraps instead
            Label v = new Label(f.value());
            v.setWrapText(true);
            v.setMinHeight(Region.USE_PREF_SIZE);
            v.setMaxWidth(Double.MAX_VALUE);
            Ui.wholeWords(v);
            v.getStyleClass().add("figure-value");
            if ("not recorded".equals(f.value())) v.getStyleClass().add("muted");
            grid.addRow(row++, k, v);
        }
    }

    @Override
    public PageId id() {
        return PageId.MODEL;
    }

    @Override
    public VBox node() {
        return root;
    }
}
