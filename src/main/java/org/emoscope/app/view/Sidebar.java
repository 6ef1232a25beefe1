package org.emoscope.app.view;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.emoscope.app.bus.PageId;
import org.emoscope.app.viewmodel.ModelViewModel;
import org.emoscope.app.viewmodel.ShellViewModel;

import java.util.function.Function;

/** The window's left side: the name, a button per page, the model in use, the keys, and the theme switch. */
public final class Sidebar extends VBox {

    /**
     * @param shortcut the key that shows each page, as the page's tooltip says it ("Ctrl+1")
     */
    public Sidebar(ShellViewModel shell, ModelViewModel model, Function<PageId, String> shortcut) {
        super(18);
        Label name = new Label("EmoScope");
        name.getStyleClass().add("app-name");
        Label tag = new Label("emotion in speech");
        tag.getStyleClass().add("app-tagline");
        HBox brand = new HBox(10, Ui.icon(40), new VBox(0, name, tag));
        brand.setAlignment(Pos.CENTER_LEFT);
        brand.getStyleClass().add("brand");

        ToggleGroup group = new ToggleGroup();
        VBox nav = new VBox(4);
        for (PageId p : PageId.values()) {
            ToggleButton b = new ToggleButton(p.title());
            b.setId("nav-" + p.name().toLowerCase());
            b.getStyleClass().add("nav-button");
            b.setMaxWidth(Double.MAX_VALUE);
            b.setToggleGroup(group);
            b.setUserData(p);
            b.setTooltip(new Tooltip(shortcut.apply(p)));
            b.setOnAction(e -> {
                shell.selectPage(p);
                b.setSelected(true); // pressing the page in front again keeps it pressed
            });
            nav.getChildren().add(b);
        }
        Runnable sync = () -> group.getToggles().forEach(t -> t.setSelected(t.getUserData() == shell.page().get()));
        shell.page().addListener(o -> sync.run());
        sync.run();

        Label modelName = new Label();
        modelName.setId("sidebar-model");
        modelName.setWrapText(true);
        modelName.getStyleClass().add("sidebar-model");
        modelName.textProperty().bind(Bindings.createStringBinding(() -> {
            if (model.state().get() == ModelViewModel.State.LOADING) return model.loading().get();
            if (model.path().get() == null) return "No model loaded";
            return "Model: " + model.path().get().getFileName();
        }, model.state(), model.loading(), model.path()));
        Label untrained = new Label("untrained");
        untrained.getStyleClass().add("chip-warning");
        untrained.visibleProperty().bind(model.untrained());
        untrained.managedProperty().bind(untrained.visibleProperty());

        ToggleButton dark = new ToggleButton("Dark theme");
        dark.setId("theme-toggle");
        dark.getStyleClass().add("theme-toggle");
        dark.setSelected(shell.dark().get());
        dark.selectedProperty().addListener((o, was, on) -> shell.setDark(on));
        shell.dark().addListener((o, was, on) -> dark.setSelected(on));
        dark.setMaxWidth(Double.MAX_VALUE);
        Label keysHelp = new Label("Space  start / stop\nCtrl+O  open files\nCtrl+E  export timeline");
        keysHelp.getStyleClass().add("keys-help");

        getChildren().addAll(brand, nav, Ui.spacerV(), new VBox(6, modelName, untrained), keysHelp, dark);
        getStyleClass().add("sidebar");
        setPrefWidth(200);
        setMinWidth(200);
    }
}
