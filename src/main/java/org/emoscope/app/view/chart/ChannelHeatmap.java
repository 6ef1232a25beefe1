package org.emoscope.app.view.chart;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.TextAlignment;
import org.emoscope.app.bus.Inspection;
import org.emoscope.pipeline.WindowResult;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * Channel attention over time: one column per analysed window (in time order), one row per feature-map channel of
 * the network's last block (channel 0 at the top), coloured by that window's channel gate (0 = suppressed, 1 =
 * passed). A strip above shows each window's label. The selected window is outlined; a click selects a window.
 */
public final class ChannelHeatmap extends ChartCanvas {

    private static final double LEFT = 66;
    private static final double RIGHT = 8;
    private static final double TOP = 12;
    private static final double AXIS = 18;
    private Inspection inspection;
    private int selected = -1;
    private WritableImage image;
    private IntConsumer onSelect = i -> { };

    public ChannelHeatmap() {
        super(700, 260);
        setMinHeight(140); // smaller than this its axis labels collide
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> pick(e.getX()));
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> pick(e.getX()));
        getStyleClass().add("channel-heatmap");
    }

    public void setOnSelect(IntConsumer onSelect) {
        this.onSelect = onSelect;
    }

    public void show(Inspection i, int selectedWindow) {
        if (i != inspection) {
            inspection = i;
            image = i == null ? null : image(i.windows());
        }
        selected = selectedWindow;
        redraw();
    }

    private static WritableImage image(List<WindowResult> ws) {
        if (ws.isEmpty()) return null;
        int channels = ws.get(0).prediction().channelAttention().length;
        if (channels == 0) return null;
        WritableImage img = new WritableImage(ws.size(), channels);
        PixelWriter pw = img.getPixelWriter();
        for (int x = 0; x < ws.size(); x++) {
            float[] gate = ws.get(x).prediction().channelAttention();
            for (int c = 0; c < channels && c < gate.length; c++) pw.setArgb(x, c, ColorMap.MAGMA.argb(gate[c]));
        }
        return img;
    }

    private void pick(double x) {
        if (inspection == null || inspection.windows().isEmpty()) return;
        double pw = getWidth() - LEFT - RIGHT;
        int n = inspection.windows().size();
        int i = (int) Math.floor((x - LEFT) / pw * n);
        onSelect.accept(Math.max(0, Math.min(n - 1, i)));
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        if (image == null) {
            g.setFill(theme().text());
            label(g, "No windows to show yet", w / 2, h / 2, TextAlignment.CENTER, VPos.CENTER);
            return;
        }
        List<WindowResult> ws = inspection.windows();
        int n = ws.size();
        double pw = w - LEFT - RIGHT;
        double ph = h - TOP - AXIS - 4;
        double colW = pw / n;
        List<String> labels = ws.get(0).prediction().labels();
        for (int i = 0; i < n; i++) {
            String l = ws.get(i).label();
            g.setFill(LabelColors.of(l, labels.indexOf(l)));
            g.fillRect(LEFT + i * colW, 0, Math.max(1, colW + 0.5), TOP - 3);
        }
        g.setImageSmoothing(false);
        g.drawImage(image, LEFT, TOP, pw, ph);
        g.setImageSmoothing(true);
        int channels = (int) image.getHeight();
        g.setFill(theme().text());
        for (int c = 0; c < channels; c += 32) {
            label(g, String.valueOf(c), LEFT - 6, TOP + (c + 0.5) / channels * ph, TextAlignment.RIGHT, VPos.CENTER);
        }
        label(g, String.valueOf(channels - 1), LEFT - 6, TOP + ph - 4, TextAlignment.RIGHT, VPos.CENTER);
        g.save();
        g.translate(10, TOP + ph / 2);
        g.rotate(-90);
        label(g, "channel", 0, 0, TextAlignment.CENTER, VPos.CENTER);
        g.restore();
        if (selected >= 0 && selected < n) {
            g.setStroke(theme().accent());
            g.setLineWidth(2);
            g.strokeRect(LEFT + selected * colW - 1, 1, colW + 2, TOP + ph - 1);
            g.setLineWidth(1);
        }
        double t0 = centre(ws.get(0));
        double t1 = centre(ws.get(n - 1));
        if (n > 1) Axes.timeTicks(g, theme(), LEFT + colW / 2, pw - colW, t0, t1, TOP + ph + 3, "s");
    }

    private static double centre(WindowResult w) {
        return (w.startSeconds() + w.endSeconds()) / 2;
    }
}
