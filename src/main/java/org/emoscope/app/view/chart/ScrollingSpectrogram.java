package org.emoscope.app.view.chart;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.text.TextAlignment;
import org.emoscope.app.viewmodel.LiveDisplay;
import org.emoscope.app.viewmodel.SpectrogramRing;
import org.emoscope.features.FeatureConfig;

/**
 * The live log-mel spectrogram: the last {@value #SECONDS} s scroll from right (now) to left, low frequencies at the
 * bottom, on a mel-spaced axis. Colours follow the loudest recent band: the top of the scale decays slowly, and 80 dB
 * below it is the darkest colour.
 */
public final class ScrollingSpectrogram extends ChartCanvas {

    static final int SECONDS = 10;
    private static final double RANGE_DB = 80;
    private static final double LEFT = 40;
    private static final double BOTTOM = 18;

    private final SpectrogramRing ring;
    private FeatureConfig config;
    private int columns;
    private WritableImage image;
    private long drawn;
    private double top = 10;

    /** The spectrogram of {@code display}, drawn with its model's feature config (mel axis, hop). */
    public ScrollingSpectrogram(LiveDisplay display) {
        super(600, 220);
        setMinHeight(120); // smaller than this its axis labels collide
        this.ring = display.spectrogram();
        configure(display.featureConfig().get());
        display.featureConfig().addListener((o, a, b) -> configure(b));
        display.frames().addListener((o, a, b) -> update());
        getStyleClass().add("spectrogram");
    }

    /** Sizes the image for {@code fc}'s bands and hop (null: no model yet, nothing to draw). */
    private void configure(FeatureConfig fc) {
        if (fc != null && config != null && fc.melFilters() == config.melFilters()
                && fc.hopSeconds() == config.hopSeconds()) {
            config = fc;
            return;
        }
        config = fc;
        image = null;
        if (fc != null) {
            columns = SECONDS * (int) Math.round(1 / fc.hopSeconds());
            image = new WritableImage(columns, fc.melFilters());
            clearImage();
        }
        redraw();
    }

    private void clearImage() {
        PixelWriter pw = image.getPixelWriter();
        int c = ColorMap.VIRIDIS.argb(0);
        for (int x = 0; x < columns; x++) for (int y = 0; y < image.getHeight(); y++) pw.setArgb(x, y, c);
        drawn = 0;
    }

    private void update() {
        if (image == null) return;
        long total = ring.total();
        if (total < drawn) clearImage();
        long from = Math.max(drawn, total - columns);
        PixelWriter pw = image.getPixelWriter();
        int bands = (int) image.getHeight();
        for (long i = from; i < total; i++) {
            float[] f = ring.frame(i);
            if (f == null) continue;
            float max = -200;
            for (float v : f) max = Math.max(max, v);
            top = Math.max(max, Math.max(0, top - 0.02));
            int x = (int) (i % columns);
            for (int b = 0; b < bands && b < f.length; b++) {
                pw.setArgb(x, bands - 1 - b, ColorMap.VIRIDIS.argb((f[b] - (top - RANGE_DB)) / RANGE_DB));
            }
        }
        drawn = total;
        redraw();
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        double pw = w - LEFT - 6;
        double ph = h - BOTTOM;
        if (image == null) {
            g.setFill(theme().plot());
            g.fillRect(LEFT, 0, pw, ph);
            return;
        }
        g.setImageSmoothing(false);
        int head = (int) (drawn % columns);
        if (drawn < columns) {
            g.setFill(theme().plot());
            g.fillRect(LEFT, 0, pw, ph);
            double x0 = LEFT + pw * (columns - head) / columns;
            if (head > 0) g.drawImage(image, 0, 0, head, image.getHeight(), x0, 0, pw * head / columns, ph);
        } else {
            double split = pw * (columns - head) / columns;
            g.drawImage(image, head, 0, columns - head, image.getHeight(), LEFT, 0, split, ph);
            if (head > 0) g.drawImage(image, 0, 0, head, image.getHeight(), LEFT + split, 0, pw - split, ph);
        }
        g.setImageSmoothing(true);
        Axes.frequencyLabels(g, theme(), config, LEFT - 6, 0, ph);
        g.setFill(theme().text());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.save();
        g.translate(9, ph / 2);
        g.rotate(-90);
        g.fillText("Hz (mel scale)", 0, 0);
        g.restore();
        Axes.timeTicks(g, theme(), LEFT, pw, -SECONDS, 0, ph + 3, "s");
    }
}
