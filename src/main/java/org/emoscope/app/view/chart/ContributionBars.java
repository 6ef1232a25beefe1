package org.emoscope.app.view.chart;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;
import org.emoscope.model.Explanation;

import java.util.List;
import java.util.Locale;

/**
 * The window statistics that pushed a class most, one row each: the statistic's name, a bar from a zero line (red to
 * the right: for the class; blue to the left: against it), and the signed push. Bars share one scale, the largest.
 */
public final class ContributionBars extends ChartCanvas {

    /** Rows shown at most. */
    public static final int ROWS = 5;
    private static final double ROW = 18;
    private static final double NAME = 132;
    private static final double VALUE = 40;
    private List<Explanation.Contribution> rows = List.of();

    public ContributionBars() {
        super(270, ROWS * ROW);
        setMinHeight(ROWS * ROW);
        setMaxHeight(ROWS * ROW);
        setMinWidth(220);
        getStyleClass().add("contribution-bars");
    }

    /** Shows the first {@value #ROWS} of {@code contributions} (largest first). */
    public void show(List<Explanation.Contribution> contributions) {
        rows = contributions == null ? List.of() : contributions.subList(0, Math.min(ROWS, contributions.size()));
        redraw();
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        if (rows.isEmpty()) return;
        double max = 0;
        for (Explanation.Contribution c : rows) max = Math.max(max, Math.abs(c.value()));
        double x0 = NAME + 6;
        double bw = w - x0 - VALUE - 4;
        double zero = x0 + bw / 2;
        g.setStroke(theme().grid());
        g.strokeLine(zero + 0.5, 0, zero + 0.5, rows.size() * ROW);
        for (int i = 0; i < rows.size(); i++) {
            Explanation.Contribution c = rows.get(i);
            double y = i * ROW;
            g.setFill(theme().text());
            g.setTextAlign(TextAlignment.LEFT);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(c.name(), 0, y + ROW / 2, NAME); // a longer name is squeezed, not drawn over its bar
            double len = max > 0 ? Math.abs(c.value()) / max * bw / 2 : 0;
            g.setFill(c.value() >= 0 ? ExplanationMap.forColour(theme()) : ExplanationMap.againstColour(theme()));
            g.fillRect(c.value() >= 0 ? zero + 1 : zero - len, y + 4, Math.max(1, len), ROW - 8);
            g.setFill(theme().text());
            label(g, String.format(Locale.ROOT, "%+.2f", c.value()), w, y + ROW / 2, TextAlignment.RIGHT,
                    VPos.CENTER);
        }
    }
}
