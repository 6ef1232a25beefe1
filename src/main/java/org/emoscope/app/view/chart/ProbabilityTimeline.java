package org.emoscope.app.view.chart;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.emoscope.app.viewmodel.LiveDisplay;
import org.emoscope.app.viewmodel.ProbabilityHistory;

import java.util.List;

/**
 * The live probability of every label over the last minute, one line per label in its colour; stretches without
 * speech are shaded and have no lines.
 */
public final class ProbabilityTimeline extends ChartCanvas {

    private static final double LEFT = 40;
    private static final double BOTTOM = 18;
    private final LiveDisplay display;

    public ProbabilityTimeline(LiveDisplay display) {
        super(600, 150);
        setMinHeight(100); // smaller than this its axis labels collide
        this.display = display;
        display.historyVersion().addListener(o -> redraw());
        getStyleClass().add("probability-timeline");
    }

    private static void shade(GraphicsContext g, double from, double to, double t0, double span, double pw, double y0,
                              double ph) {
        double x0 = LEFT + Math.max(0, from - t0) / span * pw;
        double x1 = LEFT + (to - t0) / span * pw;
        g.fillRect(x0, y0, Math.max(1, x1 - x0), ph);
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        double span = display.history().spanSeconds();
        double pw = w - LEFT - 6;
        double ph = h - BOTTOM - 4;
        double y0 = 4;
        g.setFill(theme().plot());
        g.fillRect(LEFT, y0, pw, ph);
        g.setStroke(theme().grid());
        g.setFill(theme().text());
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        for (double p = 0; p <= 1.001; p += 0.25) {
            double y = y0 + ph * (1 - p);
            g.strokeLine(LEFT, y, LEFT + pw, y);
            if (p == 0 || p == 0.5 || p == 1) g.fillText(String.format("%.0f%%", p * 100), LEFT - 6, y);
        }
        List<ProbabilityHistory.Point> pts = display.history().points();
        double now = Math.max(display.streamSeconds().get(), pts.isEmpty() ? 0 : pts.get(pts.size() - 1).seconds());
        double t0 = now - span;
        double hop = 0.25;
        // no-speech shading: one band per run of windows without speech
        g.setFill(LabelColors.NO_SPEECH);
        double runStart = Double.NaN;
        double runEnd = Double.NaN;
        for (ProbabilityHistory.Point p : pts) {
            if (p.speech() || p.seconds() < t0) {
                if (!Double.isNaN(runStart)) shade(g, runStart, runEnd, t0, span, pw, y0, ph);
                runStart = Double.NaN;
                continue;
            }
            if (Double.isNaN(runStart)) runStart = p.seconds() - hop;
            runEnd = p.seconds();
        }
        if (!Double.isNaN(runStart)) shade(g, runStart, runEnd, t0, span, pw, y0, ph);
        List<String> labels = display.labels();
        g.setLineWidth(1.8);
        for (int k = 0; k < labels.size(); k++) {
            g.setStroke(LabelColors.of(labels.get(k), k));
            g.beginPath();
            boolean pen = false;
            for (ProbabilityHistory.Point p : pts) {
                if (!p.speech() || p.seconds() < t0 || k >= p.probabilities().length) {
                    pen = false;
                    continue;
                }
                double x = LEFT + (p.seconds() - t0) / span * pw;
                double y = y0 + ph * (1 - p.probabilities()[k]);
                if (pen) g.lineTo(x, y);
                else g.moveTo(x, y);
                pen = true;
            }
            g.stroke();
        }
        g.setLineWidth(1);
        Axes.timeTicks(g, theme(), LEFT, pw, -span, 0, y0 + ph + 3, "s");
        if (pts.isEmpty()) {
            g.setFill(theme().text().deriveColor(0, 1, 1, 0.7));
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText("The last minute of probabilities appears here while listening", LEFT + pw / 2, y0 + ph / 2);
        }
        g.setStroke(Color.TRANSPARENT);
    }
}
