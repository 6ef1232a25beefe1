package org.emoscope.app.view;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.emoscope.pipeline.WindowResult;

import java.util.List;
import java.util.Locale;

/** The clicked window: when, what the model heard, all probabilities. */
final class MomentPanel extends VBox {

    private final Label when = new Label();
    private final EmotionBadge badge = new EmotionBadge();
    private final ProbabilityBars bars = new ProbabilityBars();
    private final Label note = Ui.muted("");

    MomentPanel() {
        super(10);
        when.getStyleClass().add("moment-time");
        when.setId("moment-time");
        bars.setId("moment-bars");
        getChildren().addAll(when, badge, bars, note);
        show(null);
    }

    void show(WindowResult w) {
        if (w == null) {
            when.setText("Click the timeline");
            badge.show(WindowResult.NO_SPEECH, 0, List.of(), "No window selected");
            bars.setLabels(List.of());
            note.setText("A new window starts every 250 ms.");
            return;
        }
        List<String> labels = w.prediction().labels();
        when.setText(String.format(Locale.ROOT, "%.2f – %.2f s", w.startSeconds(), w.endSeconds()));
        badge.show(w.label(), w.confidence(), labels, String.format(Locale.ROOT, "%.0f %% of frames voiced",
                100 * w.speechFraction()));
        bars.setLabels(labels);
        bars.setValues(w.speech() ? w.smoothed() : w.prediction().probabilities(), w.speech());
        note.setText(w.speech() // a no-break space keeps "53 %" on one line
                ? String.format(Locale.ROOT, "Smoothed probabilities; this window alone says %s (%.0f\u00A0%%).",
                w.prediction().label(), 100 * w.prediction().confidence())
                : "Too quiet to count as speech: no emotion is reported for it.");
    }

    ProbabilityBars bars() {
        return bars;
    }
}
