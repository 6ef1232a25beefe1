package org.emoscope.app.view.chart;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

/** A vertical colour scale from 0 (bottom) to 1 (top) with a caption: the legend of an attention map. */
public final class ColorBar extends ChartCanvas {

    private final ColorMap map;
    private final String caption;

    public ColorBar(ColorMap map, String caption) {
        super(70, 200);
        setMinWidth(70);
        setMaxWidth(70);
        this.map = map;
        this.caption = caption;
        getStyleClass().add("color-bar");
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        double top = 8;
        double bh = h - 16;
        double x = 26;
        double bw = 14;
        for (int i = 0; i < (int) bh; i++) {
            g.setFill(map.color(1 - i / bh));
            g.fillRect(x, top + i, bw, 1.5);
        }
        g.setStroke(theme().grid());
        g.strokeRect(x, top, bw, bh);
        g.setFill(theme().text());
        for (int k = 0; k <= 4; k++) {
            double v = k / 4.0;
            label(g, k == 0 ? "0" : k == 4 ? "1" : String.valueOf(v), x + bw + 4, top + bh * (1 - v),
                    TextAlignment.LEFT, VPos.CENTER);
        }
        g.save();
        g.translate(10, top + bh / 2);
        g.rotate(-90);
        label(g, caption, 0, 0, TextAlignment.CENTER, VPos.CENTER);
        g.restore();
    }
}
