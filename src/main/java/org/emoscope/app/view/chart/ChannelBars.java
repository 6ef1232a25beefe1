package org.emoscope.app.view.chart;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

/** One window's channel attention: a thin bar per channel, its height the gate weight (0-1). */
public final class ChannelBars extends ChartCanvas {

    private static final double LEFT = 22;
    private static final double BOTTOM = 14;
    private float[] gate = new float[0];

    public ChannelBars() {
        super(260, 90);
        setMinHeight(70); // smaller than this its axis labels collide
        getStyleClass().add("channel-bars");
    }

    public void show(float[] gateWeights) {
        gate = gateWeights == null ? new float[0] : gateWeights;
        redraw();
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        double pw = w - LEFT - 2;
        double ph = h - BOTTOM - 2;
        g.setFill(theme().plot());
        g.fillRect(LEFT, 1, pw, ph);
        int n = gate.length;
        for (int c = 0; c < n; c++) {
            double v = Math.max(0, Math.min(1, gate[c]));
            double x = LEFT + c * pw / n;
            g.setFill(theme().accent().deriveColor(0, 1, 1, 0.35 + 0.65 * v));
            g.fillRect(x, 1 + ph * (1 - v), Math.max(1, pw / n - 0.3), ph * v);
        }
        g.setFill(theme().text());
        label(g, "1", LEFT - 4, 6, TextAlignment.RIGHT, VPos.CENTER);
        label(g, "0", LEFT - 4, ph - 3, TextAlignment.RIGHT, VPos.CENTER);
        label(g, "channel 0", LEFT, ph + 3, TextAlignment.LEFT, VPos.TOP);
        if (n > 0) label(g, String.valueOf(n - 1), LEFT + pw, ph + 3, TextAlignment.RIGHT, VPos.TOP);
    }
}
