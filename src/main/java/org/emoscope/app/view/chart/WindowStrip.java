package org.emoscope.app.view.chart;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import org.emoscope.app.bus.Inspection;
import org.emoscope.pipeline.WindowResult;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * Every window of an inspection in a row, one cell each in its label's colour (grey without speech), the selected
 * one outlined: an overview to pick a window from with a click or a drag.
 */
public final class WindowStrip extends ChartCanvas {

    private Inspection inspection;
    private int selected = -1;
    private IntConsumer onSelect = i -> { };

    public WindowStrip() {
        super(300, 26);
        setMinHeight(26);
        setMaxHeight(26);
        setMinWidth(80);
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> pick(e.getX()));
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> pick(e.getX()));
        getStyleClass().add("window-strip");
    }

    public void setOnSelect(IntConsumer onSelect) {
        this.onSelect = onSelect;
    }

    public void show(Inspection i, int selectedWindow) {
        inspection = i;
        selected = selectedWindow;
        redraw();
    }

    private void pick(double x) {
        if (inspection == null || inspection.windows().isEmpty()) return;
        int n = inspection.windows().size();
        int i = (int) Math.floor(x / getWidth() * n);
        onSelect.accept(Math.max(0, Math.min(n - 1, i)));
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        g.setFill(theme().plot());
        g.fillRoundRect(0, 2, w, h - 4, 6, 6);
        if (inspection == null || inspection.windows().isEmpty()) return;
        List<WindowResult> ws = inspection.windows();
        List<String> labels = ws.get(0).prediction().labels();
        double cw = w / ws.size();
        for (int i = 0; i < ws.size(); i++) {
            String l = ws.get(i).label();
            g.setFill(LabelColors.of(l, labels.indexOf(l)));
            g.fillRect(i * cw, 4, Math.max(1, cw - (cw > 4 ? 1 : 0)), h - 8);
        }
        if (selected >= 0 && selected < ws.size()) {
            g.setStroke(theme().accent());
            g.setLineWidth(2.5);
            double x0 = Math.max(1.25, selected * cw - 1);
            double x1 = Math.min(w - 1.25, (selected + 1) * cw + 1);
            g.strokeRect(x0, 1.25, Math.max(3, x1 - x0), h - 2.5);
            g.setLineWidth(1);
        }
    }
}
