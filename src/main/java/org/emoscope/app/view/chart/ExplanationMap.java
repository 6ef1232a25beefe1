package org.emoscope.app.view.chart;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.emoscope.app.bus.Inspection;
import org.emoscope.features.FeatureConfig;
import org.emoscope.model.Explanation;
import org.emoscope.pipeline.WindowExplanations;
import org.emoscope.pipeline.WindowResult;

import java.util.Locale;

/**
 * One window up close: its log-mel spectrogram in grey, the explanation's attribution laid over it (red where a cell
 * pushed the explained class up, blue where it pushed it down, clear where it did nothing; one symmetric scale up to
 * the strongest cell, whose legend is on the right), and under it, on the same time axis, the model's frame attention
 * as a heat strip (attention frame i covers [start + i * frameSeconds, start + (i + 1) * frameSeconds)).
 */
public final class ExplanationMap extends ChartCanvas {

    /** Attribution drawn for the explained class (red) and against it (blue): RdBu's ends, lighter on a dark plot. */
    private static final Color FOR = Color.web("#c0262d");
    private static final Color AGAINST = Color.web("#1f63b4");
    private static final Color FOR_DARK = Color.web("#f4565c");
    private static final Color AGAINST_DARK = Color.web("#4b94f0");
    private static final double LEFT = 66;
    private static final double RIGHT = 104;
    private static final double STRIP = 22;
    private static final double GAP = 6;
    private static final double AXIS = 18;
    /**
     * A cell of the map sums this many 10 ms frames and mel bands of the explanation, the grid of the JSON export:
     * one frame by one band is too fine to read (a few cells set the scale and the rest is pale speckle, red and
     * blue alternating from band to band), 40 ms by four bands shows where the evidence lies.
     */
    public static final int CELL_FRAMES = WindowExplanations.FRAMES_PER_CELL;
    public static final int CELL_BANDS = WindowExplanations.BANDS_PER_CELL;
    private static final Font BOLD = Font.font(null, FontWeight.BOLD, 11);

    private Inspection inspection;
    private WindowResult window;
    private Explanation source;
    /** {@link #source} on the map's grid. */
    private Explanation explanation;
    private WritableImage spectrogram;
    private WritableImage overlay;
    private ChartTheme imageTheme;
    private String message = "";

    public ExplanationMap() {
        super(760, 400);
        setMinHeight(250); // smaller than this the legend's caption and the axis labels collide
        getStyleClass().add("explanation-map");
        themeProperty().addListener(o -> {
            spectrogram = null;
            overlay = null;
        });
    }

    /** Shows window {@code w} of {@code i} (both may be null) and {@code e}, its explanation (null: none yet). */
    public void show(Inspection i, WindowResult w, Explanation e) {
        if (i != inspection || w != window) spectrogram = null;
        if (e != source) {
            source = e;
            explanation = e == null ? null : e.pooled(CELL_FRAMES, CELL_BANDS);
            overlay = null;
        }
        inspection = i;
        window = w;
        redraw();
    }

    /** What to say over the map when there is no explanation (computing, no speech…); empty: nothing. */
    public void setMessage(String m) {
        message = m == null ? "" : m;
        redraw();
    }

    /** The explanation shown, on the map's grid ({@link #CELL_FRAMES} x {@link #CELL_BANDS}), or null. */
    public Explanation shown() {
        return explanation;
    }

    /**
     * The opacity of a cell of value {@code v} on a scale whose strongest cell is {@code scale}: 0 for nothing, 0.95
     * for the strongest, rising with |v| to the power 0.6 so that cells a fifth as strong as the strongest still
     * show (linear opacity left all but a few cells invisible). The legend is drawn with the same function, so a
     * colour reads off it as a value.
     */
    static double alpha(double v, double scale) {
        if (!(scale > 0)) return 0;
        return Math.pow(Math.min(1, Math.abs(v) / scale), 0.6) * 0.95;
    }

    /** The colour of evidence for the explained class on {@code t}'s plot. */
    public static Color forColour(ChartTheme t) {
        return t == ChartTheme.DARK ? FOR_DARK : FOR;
    }

    /** The colour of evidence against the explained class on {@code t}'s plot. */
    public static Color againstColour(ChartTheme t) {
        return t == ChartTheme.DARK ? AGAINST_DARK : AGAINST;
    }

    static int argb(double v, double scale, ChartTheme t) {
        Color c = v >= 0 ? forColour(t) : againstColour(t);
        int a = (int) Math.round(255 * alpha(v, scale));
        return a << 24 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }

    private WritableImage overlay() {
        Explanation e = explanation;
        if (overlay != null || e == null || e.frames() == 0 || e.bands() == 0) return overlay;
        double scale = e.maxAbs();
        WritableImage img = new WritableImage(e.frames(), e.bands());
        PixelWriter pw = img.getPixelWriter();
        float[][] cells = e.cells();
        for (int t = 0; t < e.frames(); t++)
            for (int b = 0; b < e.bands(); b++) pw.setArgb(t, e.bands() - 1 - b, argb(cells[t][b], scale, theme()));
        overlay = img;
        return img;
    }

    private WritableImage spectrogram() {
        if (spectrogram == null && inspection != null && window != null) {
            int from = (int) Math.round((window.startSeconds() - inspection.firstFrameSeconds())
                    / inspection.hopSeconds());
            int to = (int) Math.round((window.endSeconds() - inspection.firstFrameSeconds())
                    / inspection.hopSeconds());
            if (to > from && from < inspection.logMel().length)
                spectrogram = SpectrogramImage.of(inspection.logMel(), from, to, greys(theme()));
        }
        return spectrogram;
    }

    /** Quiet to loud: from the plot's colour towards the text's, so the colours laid over it stand out. */
    private static ColorMap greys(ChartTheme t) {
        return t == ChartTheme.DARK ? ColorMap.GREYS_DARK : ColorMap.GREYS_LIGHT;
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        if (window == null) {
            g.setFill(theme().text());
            label(g, message.isEmpty() ? "Analyse a file, then click a moment on its timeline (or inspect live audio)"
                    : message, w / 2, h / 2, TextAlignment.CENTER, VPos.CENTER);
            return;
        }
        double pw = w - LEFT - RIGHT;
        double sh = h - STRIP - 2 * GAP - AXIS;
        double span = window.endSeconds() - window.startSeconds();
        g.setFill(theme().plot());
        g.fillRect(LEFT, 0, pw, sh);
        WritableImage spec = spectrogram();
        g.setImageSmoothing(false);
        if (spec != null) g.drawImage(spec, LEFT, 0, pw, sh);
        WritableImage overlay = overlay();
        if (overlay != null) {
            double seconds = explanation.frames() * explanation.hopSeconds();
            double fraction = Math.min(1, seconds / span);
            // cells past the window's end (a last window padded with silence) are left out
            double columns = overlay.getWidth() * Math.min(1, span / seconds);
            g.drawImage(overlay, 0, 0, columns, overlay.getHeight(), LEFT, 0, pw * fraction, sh);
        }
        g.setImageSmoothing(true);
        g.setStroke(theme().grid());
        g.strokeRect(LEFT + 0.5, 0.5, pw - 1, sh - 1);
        FeatureConfig config = inspection.model() == null ? null : inspection.model().featureConfig();
        if (config != null) Axes.frequencyLabels(g, theme(), config, LEFT - 6, 0, sh);
        g.save();
        g.translate(10, sh / 2);
        g.rotate(-90);
        g.setFill(theme().text());
        label(g, "Hz (mel scale)", 0, 0, TextAlignment.CENTER, VPos.CENTER);
        g.restore();
        if (explanation != null && config != null) {
            WindowExplanations.Region against = WindowExplanations.strongestRegion(source, -1);
            WindowExplanations.Region pro = WindowExplanations.strongestRegion(source, 1);
            for (boolean tags : new boolean[] {false, true}) { // outlines first, so no outline crosses a tag
                region(g, against, config, pw, sh, span, true, tags);
                region(g, pro, config, pw, sh, span, false, tags);
            }
        }
        if (explanation == null && !message.isEmpty()) banner(g, message, LEFT + pw / 2, sh / 2);
        legend(g, w - RIGHT + 12, 0, sh);

        double y = sh + GAP;
        strip(g, pw, y, span);
        Axes.timeTicks(g, theme(), LEFT, pw, window.startSeconds(), window.endSeconds(), y + STRIP + GAP + 3, "s");
    }

    /** Outlines the box the reading names, or ({@code tag}) puts its tag ("for" / "against") on a plate by it. */
    private void region(GraphicsContext g, WindowExplanations.Region r, FeatureConfig config, double pw,
                        double sh, double span, boolean dashed, boolean tag) {
        if (r == null) return;
        double x0 = LEFT + Math.max(0, Math.min(1, r.fromSeconds() / span)) * pw;
        double x1 = LEFT + Math.max(0, Math.min(1, r.toSeconds() / span)) * pw;
        double y0 = sh * (1 - Math.max(0, Math.min(1, Axes.melFraction(r.highHz(), config))));
        double y1 = sh * (1 - Math.max(0, Math.min(1, Axes.melFraction(r.lowHz(), config))));
        if (x1 - x0 < 2 || y1 - y0 < 2) return;
        if (!tag) {
            outline(g, x0, y0, x1, y1, dashed);
            return;
        }
        // "for" above the box's top left corner, "against" below its bottom right one: the two boxes often overlap
        String text = dashed ? "against" : "for";
        Text probe = new Text(text);
        probe.setFont(BOLD);
        double tw = probe.getLayoutBounds().getWidth() + 8;
        double tx = dashed ? x1 - tw : x0;
        double ty = dashed ? (y1 + 16 <= sh ? y1 + 1 : y1 - 17) : (y0 - 16 >= 0 ? y0 - 16 : y0 + 2);
        g.setFill(theme().background().deriveColor(0, 1, 1, 0.92));
        g.fillRoundRect(tx, ty, tw, 15, 6, 6);
        g.setFont(BOLD);
        g.setFill(dashed ? againstColour(theme()) : forColour(theme()));
        label(g, text, tx + 4, ty + 7.5, TextAlignment.LEFT, VPos.CENTER);
        g.setFont(AXIS_FONT);
    }

    private void outline(GraphicsContext g, double x0, double y0, double x1, double y1, boolean dashed) {
        Color ink = theme().text().deriveColor(0, 1, theme() == ChartTheme.DARK ? 1.3 : 0.5, 1);
        g.setStroke(theme().background());
        g.setLineWidth(4);
        g.strokeRect(x0, y0, x1 - x0, y1 - y0);
        g.setStroke(ink);
        g.setLineWidth(2);
        if (dashed) g.setLineDashes(6, 4);
        g.strokeRect(x0, y0, x1 - x0, y1 - y0);
        g.setLineDashes();
        g.setLineWidth(1);
    }

    /** A message on a plate in the middle of the map, readable over the spectrogram. */
    private void banner(GraphicsContext g, String text, double x, double y) {
        Text probe = new Text(text);
        probe.setFont(AXIS_FONT);
        double tw = probe.getLayoutBounds().getWidth() + 20;
        g.setFill(theme().background().deriveColor(0, 1, 1, 0.9));
        g.fillRoundRect(x - tw / 2, y - 13, tw, 26, 8, 8);
        g.setFill(theme().text());
        label(g, text, x, y, TextAlignment.CENTER, VPos.CENTER);
    }

    /** The diverging scale: +max (red, for) at the top, 0 (clear) in the middle, -max (blue, against) at the bottom. */
    private void legend(GraphicsContext g, double x, double top, double height) {
        double bw = 14;
        g.setFill(theme().plot());
        g.fillRect(x, top, bw, height);
        double scale = explanation == null ? 0 : explanation.maxAbs();
        if (scale > 0) {
            for (int i = 0; i < (int) height; i++) {
                double v = scale * (1 - 2 * (i + 0.5) / height);
                int c = argb(v, scale, theme());
                g.setFill(Color.rgb(c >> 16 & 255, c >> 8 & 255, c & 255, (c >>> 24) / 255.0));
                g.fillRect(x, top + i, bw, 1.5);
            }
        }
        g.setStroke(theme().grid());
        g.strokeRect(x + 0.5, top + 0.5, bw - 1, height - 1);
        double tx = x + bw + 4;
        g.setFill(theme().text());
        if (scale > 0) {
            String s = number(scale);
            label(g, "+" + s, tx, top + 7, TextAlignment.LEFT, VPos.CENTER);
            g.setFont(BOLD);
            g.setFill(forColour(theme()));
            label(g, "for", tx, top + 21, TextAlignment.LEFT, VPos.CENTER);
            g.setFont(AXIS_FONT);
            g.setFill(theme().text());
            label(g, "0", tx, top + height / 2, TextAlignment.LEFT, VPos.CENTER);
            label(g, "\u2212" + s, tx, top + height - 7, TextAlignment.LEFT, VPos.CENTER);
            g.setFont(BOLD);
            g.setFill(againstColour(theme()));
            label(g, "against", tx, top + height - 21, TextAlignment.LEFT, VPos.CENTER);
            g.setFont(AXIS_FONT);
        }
        g.setFill(theme().text());
        g.save();
        g.translate(x + RIGHT - 22, top + height / 2);
        g.rotate(-90);
        String caption = "change in probability per cell";
        Text probe = new Text(caption);
        probe.setFont(AXIS_FONT);
        if (probe.getLayoutBounds().getWidth() + 8 <= height) {
            label(g, caption, 0, 0, TextAlignment.CENTER, VPos.CENTER);
        } else {
            label(g, "change in probability", 0, -7, TextAlignment.CENTER, VPos.CENTER);
            label(g, "per cell", 0, 7, TextAlignment.CENTER, VPos.CENTER);
        }
        g.restore();
    }

    /** A legend number with three significant digits: 0.0567, 0.00312, 0.125. */
    static String number(double v) {
        if (v >= 0.1) return String.format(Locale.ROOT, "%.3f", v);
        int decimals = Math.min(6, 2 - (int) Math.floor(Math.log10(v)));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** The frame attention under the map: a gate as it is (0-1), weights that sum to 1 relative to the largest. */
    private void strip(GraphicsContext g, double pw, double y, double span) {
        boolean distribution = inspection.model() != null && inspection.model().attentivePooling();
        g.setFill(theme().text());
        label(g, distribution ? "attention" : "frame", LEFT - 6, y + STRIP / 2 - 6, TextAlignment.RIGHT, VPos.CENTER);
        label(g, distribution ? "weights" : "gate", LEFT - 6, y + STRIP / 2 + 6, TextAlignment.RIGHT, VPos.CENTER);
        double[] att = FrameStrip.levels(window.prediction().frameAttention(), distribution);
        double fs = window.prediction().frameSeconds();
        for (int i = 0; i < att.length; i++) {
            double t0 = i * fs;
            if (t0 >= span) break;
            double t1 = Math.min(span, t0 + fs);
            g.setFill(ColorMap.MAGMA.color(att[i]));
            g.fillRect(LEFT + t0 / span * pw, y, Math.max(1, (t1 - t0) / span * pw + 0.5), STRIP);
        }
        // the strip's own scale, at the legend's place
        double x = getWidth() - RIGHT + 12;
        double bw = 40;
        for (int i = 0; i < bw; i++) {
            g.setFill(ColorMap.MAGMA.color(i / (bw - 1)));
            g.fillRect(x + i, y + 2, 1.5, STRIP - 10);
        }
        g.setFill(theme().text());
        label(g, "0", x, y + STRIP + 1, TextAlignment.LEFT, VPos.CENTER);
        label(g, distribution ? "max" : "1", x + bw, y + STRIP + 1, TextAlignment.RIGHT, VPos.CENTER);
    }
}
