package org.emoscope.app.view.chart;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.emoscope.app.bus.Inspection;
import org.emoscope.features.FeatureConfig;
import org.emoscope.pipeline.WindowResult;

/**
 * One window up close: its log-mel spectrogram, and under it, on the same time axis, the model's frame attention as
 * a heat strip (attention frame i covers [start + i * frameSeconds, start + (i + 1) * frameSeconds)) and as a curve.
 */
public final class WindowAttention extends ChartCanvas {

    private static final double LEFT = 66;
    private static final double RIGHT = 8;
    private static final double STRIP = 26;
    private static final double CURVE = 46;
    private static final double AXIS = 18;
    private Inspection inspection;
    private WindowResult window;
    private WritableImage image;

    public WindowAttention() {
        super(700, 330);
        setMinHeight(170); // smaller than this its axis labels collide
        getStyleClass().add("window-attention");
    }

    public void show(Inspection i, WindowResult w) {
        inspection = i;
        window = w;
        image = null;
        if (i != null && w != null) {
            int from = (int) Math.round((w.startSeconds() - i.firstFrameSeconds()) / i.hopSeconds());
            int to = (int) Math.round((w.endSeconds() - i.firstFrameSeconds()) / i.hopSeconds());
            if (to > from && from < i.logMel().length) image = SpectrogramImage.of(i.logMel(), from, to, ColorMap.VIRIDIS);
        }
        redraw();
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        if (window == null) {
            g.setFill(theme().text());
            label(g, "Analyse a file, then click a moment on its timeline (or inspect live audio)", w / 2, h / 2,
                    TextAlignment.CENTER, VPos.CENTER);
            return;
        }
        double pw = w - LEFT - RIGHT;
        double sh = h - STRIP - CURVE - AXIS - 12;
        double span = window.endSeconds() - window.startSeconds();
        if (image != null) {
            g.setImageSmoothing(false);
            g.drawImage(image, LEFT, 0, pw, sh);
            g.setImageSmoothing(true);
        }
        FeatureConfig config = inspection.model() == null ? null : inspection.model().featureConfig();
        if (config != null) Axes.frequencyLabels(g, theme(), config, LEFT - 6, 0, sh);
        double y = sh + 6;
        g.setFill(theme().text());
        label(g, "frame", LEFT - 6, y + STRIP / 2 - 6, TextAlignment.RIGHT, VPos.CENTER);
        label(g, "attention", LEFT - 6, y + STRIP / 2 + 6, TextAlignment.RIGHT, VPos.CENTER);
        float[] att = window.prediction().frameAttention();
        double fs = window.prediction().frameSeconds();
        for (int i = 0; i < att.length; i++) {
            double t0 = i * fs;
            if (t0 >= span) break;
            double t1 = Math.min(span, t0 + fs);
            g.setFill(ColorMap.MAGMA.color(att[i]));
            g.fillRect(LEFT + t0 / span * pw, y, Math.max(1, (t1 - t0) / span * pw + 0.5), STRIP);
        }
        y += STRIP + 6;
        g.setFill(theme().plot());
        g.fillRect(LEFT, y, pw, CURVE);
        g.setStroke(theme().grid());
        g.strokeLine(LEFT, y + CURVE / 2, LEFT + pw, y + CURVE / 2);
        g.setStroke(Color.web("#f97316"));
        g.setLineWidth(1.8);
        g.beginPath();
        for (int i = 0; i < att.length && i * fs < span; i++) {
            double x = LEFT + Math.min(span, (i + 0.5) * fs) / span * pw;
            double yy = y + CURVE * (1 - att[i]);
            if (i == 0) g.moveTo(x, yy);
            else g.lineTo(x, yy);
        }
        g.stroke();
        g.setLineWidth(1);
        g.setFill(theme().text());
        label(g, "1", LEFT - 6, y + 5, TextAlignment.RIGHT, VPos.CENTER);
        label(g, "0", LEFT - 6, y + CURVE - 5, TextAlignment.RIGHT, VPos.CENTER);
        Axes.timeTicks(g, theme(), LEFT, pw, window.startSeconds(), window.endSeconds(), y + CURVE + 3, "s");
    }
}
