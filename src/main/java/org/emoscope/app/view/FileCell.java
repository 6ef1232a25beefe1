package org.emoscope.app.view;

import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.css.PseudoClass;
import org.emoscope.app.viewmodel.FileItem;
import org.emoscope.app.viewmodel.FilesViewModel;

/** A file in the list: name, progress while analysing, then its verdict or why it failed; cancel or remove. */
final class FileCell extends ListCell<FileItem> {

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private final Label name = new Label();
    private final Label status = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Button action = new Button("✕");
    private final VBox box;
    private final FilesViewModel vm;
    private FileItem bound;
    private InvalidationListener statusListener;

    FileCell(FilesViewModel vm) {
        this.vm = vm;
        name.getStyleClass().add("file-name");
        status.getStyleClass().add("file-status");
        status.setWrapText(true);
        status.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Ui.wholeWords(status);
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.managedProperty().bind(progress.visibleProperty());
        action.getStyleClass().addAll("flat", "small");
        action.setFocusTraversable(false);
        HBox top = new HBox(6, name, Ui.spacer(), action);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(name, Priority.NEVER);
        box = new VBox(4, top, progress, status);
        box.getStyleClass().add("file-cell");
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(FileItem item, boolean empty) {
        super.updateItem(item, empty);
        if (bound != null) {
            status.textProperty().unbind();
            progress.progressProperty().unbind();
            progress.visibleProperty().unbind();
            bound.status().removeListener(statusListener);
        }
        bound = empty ? null : item;
        if (bound == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        name.setText(item.name());
        name.setTooltip(new Tooltip(item.path().toString()));
        // the cell is narrow: a path in the message shows its last folder and name, the tooltip all of it
        status.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> Ui.shortPaths(item.message().get(), 28), item.message()));
        status.tooltipProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> new javafx.scene.control.Tooltip(item.message().get()), item.message()));
        progress.progressProperty().bind(item.progress());
        progress.visibleProperty().bind(Bindings.createBooleanBinding(() ->
                item.status().get() == FileItem.Status.ANALYZING || item.status().get() == FileItem.Status.QUEUED,
                item.status()));
        Runnable style = () -> {
            boolean running = item.status().get() == FileItem.Status.ANALYZING
                    || item.status().get() == FileItem.Status.QUEUED;
            action.setTooltip(new Tooltip(running ? "Cancel the analysis" : "Remove from the list"));
            String key = item.name().replaceAll("[^A-Za-z0-9]", "-");
            action.setId(running ? "cancel-" + key : "remove-" + key);
            action.setOnAction(e -> {
                if (running) vm.cancel(item);
                else vm.remove(item);
            });
            box.pseudoClassStateChanged(FAILED, item.status().get() == FileItem.Status.FAILED);
        };
        statusListener = o -> style.run();
        item.status().addListener(statusListener);
        style.run();
        setGraphic(box);
        setText(null);
    }
}
