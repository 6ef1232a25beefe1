package org.emoscope.app.view;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.emoscope.app.bus.Inspection;
import org.emoscope.app.view.chart.ChartTheme;
import org.emoscope.app.view.chart.ColorBar;
import org.emoscope.app.view.chart.ColorMap;
import org.emoscope.app.view.chart.WindowAttention;
import org.emoscope.app.viewmodel.AttentionViewModel;
import org.emoscope.pipeline.WindowResult;

import java.util.Locale;

/**
 * Attention inspection of one window: its spectrogram with the frame attention aligned underneath, and the window's
 * probabilities.
 */
public final class AttentionPage {

    private final AttentionViewModel vm;
    private final VBox root;
    private final VBox content;
    private final WindowAttention windowView = new WindowAttention();
    private final MomentPanel moment;
    private final Label source = Ui.muted("");
    private final Label position = new Label();
    private final Label facts = Ui.muted("");

    public AttentionPage(AttentionViewModel vm, ObservableValue<ChartTheme> theme, Runnable saveImage) {
        this.vm = vm;
        this.moment = new MomentPanel();
        windowView.themeProperty().bind(theme);
        windowView.setId("window-attention");
        position.setId("attention-position");
        position.getStyleClass().add("strong");

        Button prev = Ui.button("◀  Previous", "Previous window (Left)", vm::previous);
        prev.setId("attention-previous");
        Button next = Ui.button("Next  ▶", "Next window (Right)", vm::next);
        next.setId("attention-next");
        Button image = Ui.button("Save image…", "PNG of this view", saveImage);
        image.setId("save-attention-image");
        HBox toolbar = new HBox(10, prev, next, position, Ui.spacer(), image);
        toolbar.setAlignment(Pos.CENTER_LEFT);

        ColorBar frameLegend = new ColorBar(ColorMap.MAGMA, "frame attention");
        frameLegend.themeProperty().bind(theme);
        HBox windowRow = new HBox(6, windowView, frameLegend);
        HBox.setHgrow(windowView, Priority.ALWAYS);
        VBox windowCard = Ui.card("This window: spectrogram and frame attention", windowRow);
        windowCard.getChildren().add(Ui.muted("The strip under the spectrogram is the model's attention over time "
                + "within the window: bright moments weighed most. Each cell covers 40 ms."));
        VBox left = new VBox(12, windowCard);
        VBox.setVgrow(windowCard, Priority.ALWAYS);
        HBox.setHgrow(left, Priority.ALWAYS);
        VBox side = new VBox(12, Ui.card("Prediction", moment), Ui.card("Window", facts));
        side.setPrefWidth(300);
        side.setMinWidth(260);
        HBox body = new HBox(14, left, side);
        VBox.setVgrow(body, Priority.ALWAYS);
        content = new VBox(12, toolbar, body);
        VBox.setVgrow(content, Priority.ALWAYS);
        root = Ui.page("attention-page", Ui.header("Attention", source), content);
        vm.inspection().addListener(o -> refresh());
        vm.window().addListener(o -> refresh());
        refresh();
    }

    private void refresh() {
        Inspection i = vm.inspection().get();
        WindowResult w = vm.window().get();
        source.setText(i == null
                ? "Where the model looked. Analyse a file and click its timeline, or inspect live audio."
                : "Where the model looked in " + i.source() + ".");
        position.setText(i == null || w == null ? "No window selected" : String.format(Locale.ROOT,
                "Window %d of %d · %.2f – %.2f s", vm.selected().get() + 1, i.windows().size(), w.startSeconds(),
                w.endSeconds()));
        windowView.show(i, w);
        moment.show(w);
        facts.setText(w == null ? "" : facts(w));
    }

    private static String facts(WindowResult w) {
        return String.format(Locale.ROOT, "%.0f %% of frames voiced\n%d attention frames of %.0f ms",
                100 * w.speechFraction(), w.prediction().frameAttention().length, 1000 * w.prediction().frameSeconds());
    }

    public VBox root() {
        return root;
    }

    public Node snapshotNode() {
        return content;
    }
}
