package org.emoscope.app.view;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.shape.Circle;
import org.emoscope.app.view.chart.LabelColors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One bar per label with its probability, in the label's colour; dimmed when there is no speech. */
public final class ProbabilityBars extends GridPane {

    private final List<ProgressBar> bars = new ArrayList<>();
    private final List<Label> values = new ArrayList<>();
    private List<String> labels = List.of();

    public ProbabilityBars() {
        getStyleClass().add("probability-bars");
        setHgap(8);
        setVgap(6);
        ColumnConstraints dot = new ColumnConstraints();
        ColumnConstraints name = new ColumnConstraints(64, 74, 120);
        ColumnConstraints bar = new ColumnConstraints(60, 140, Double.MAX_VALUE);
        bar.setHgrow(Priority.ALWAYS);
        ColumnConstraints pct = new ColumnConstraints(52);
        pct.setHalignment(javafx.geometry.HPos.RIGHT);
        getColumnConstraints().addAll(dot, name, bar, pct);
    }

    public void setLabels(List<String> names) {
        if (names.equals(labels)) return;
        labels = List.copyOf(names);
        getChildren().clear();
        bars.clear();
        values.clear();
        for (int i = 0; i < labels.size(); i++) {
            Circle c = new Circle(5, LabelColors.of(labels.get(i), i));
            Label name = new Label(labels.get(i));
            name.getStyleClass().add("prob-name");
            ProgressBar b = new ProgressBar(0);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setStyle("-fx-accent: " + LabelColors.css(labels.get(i), i) + ";");
            b.getStyleClass().add("prob-bar");
            b.setId("prob-" + labels.get(i));
            Label v = new Label("0 %");
            v.getStyleClass().add("prob-value");
            v.setAlignment(Pos.CENTER_RIGHT);
            addRow(i, c, name, b, v);
            bars.add(b);
            values.add(v);
        }
    }

    /** Shows {@code p} (label order); {@code active} false dims the bars (no speech). */
    public void setValues(float[] p, boolean active) {
        for (int i = 0; i < bars.size(); i++) {
            double v = p != null && i < p.length ? p[i] : 0;
            bars.get(i).setProgress(v);
            values.get(i).setText(active ? String.format(Locale.ROOT, "%.0f %%", 100 * v) : "—");
        }
        setOpacity(active ? 1 : 0.45);
    }

    /** The value shown for label {@code i} (for tests). */
    public double value(int i) {
        return bars.get(i).getProgress();
    }
}
