package org.emoscope.app.view;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.emoscope.app.view.chart.LabelColors;
import org.emoscope.pipeline.WindowResult;

import java.util.List;
import java.util.Locale;

/** The dominant emotion in large type with its confidence, or a clear "no speech". */
public final class EmotionBadge extends VBox {

    private final Circle dot = new Circle(9);
    private final Label name = new Label();
    private final Label detail = new Label();

    public EmotionBadge() {
        getStyleClass().add("emotion-badge");
        name.getStyleClass().add("emotion-name");
        name.setId("dominant-emotion");
        detail.getStyleClass().add("emotion-detail");
        detail.setId("dominant-confidence");
        HBox row = new HBox(10, dot, name);
        row.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(row, detail);
        setSpacing(2);
        show(WindowResult.NO_SPEECH, 0, List.of(), "Waiting for audio");
    }

    /** Shows {@code label} with {@code confidence}; for no speech, {@code idleText} below it. */
    public void show(String label, double confidence, List<String> labels, String idleText) {
        boolean speech = !WindowResult.NO_SPEECH.equals(label);
        dot.setFill(LabelColors.of(label, labels.indexOf(label)));
        name.setText(speech ? label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1) : "No speech");
        detail.setText(speech ? String.format(Locale.ROOT, "%.0f %% confidence", 100 * confidence) : idleText);
        pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("silent"), !speech);
    }
}
