package org.emoscope.app;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.StackPane;

import java.io.File;
import java.util.List;
import java.util.function.Consumer;

/** Files dropped anywhere on the window: an overlay says what a drop does while they hover, then they are opened. */
final class DragAndDrop {

    private DragAndDrop() {
    }

    /** Lays the overlay over {@code root} (the scene's root) and hands what is dropped on {@code scene} to {@code open}. */
    static void install(Scene scene, StackPane root, Consumer<List<File>> open) {
        StackPane overlay = overlay();
        root.getChildren().add(overlay);
        scene.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                overlay.setVisible(true);
            }
            e.consume();
        });
        scene.setOnDragExited(e -> overlay.setVisible(false));
        scene.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            overlay.setVisible(false);
            boolean ok = e.getDragboard().hasFiles();
            if (ok) open.accept(e.getDragboard().getFiles());
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private static StackPane overlay() {
        Label l = new Label("Drop audio files to analyse them");
        l.getStyleClass().add("drop-overlay-text");
        StackPane p = new StackPane(l);
        p.getStyleClass().add("drop-overlay");
        p.setVisible(false);
        p.setMouseTransparent(true);
        return p;
    }
}
