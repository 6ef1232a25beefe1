package org.emoscope.app.view.chart;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.emoscope.app.viewmodel.FileItem;
import org.emoscope.features.FeatureConfig;
import org.emoscope.pipeline.FileAnalysis;
import org.emoscope.pipeline.Segment;
import org.emoscope.pipeline.WindowResult;

import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * A file on one time axis: waveform, log-mel spectrogram, the selected window's frame attention, the emotion
 * segments and the probability of every label, with the selected window highlighted and the playback cursor. A
 * click or drag reports the time under the mouse.
 */
public final class FileTracks extends ChartCanvas {

    static final double LEFT = 66;
    static final double RIGHT = 8;
    private static final double WAVE = 56;
    private static final double ATTENTION = 16;
    private static final double SEGMENTS = 26;
    private static final double CURVES = 70;
    private static final double AXIS = 18;
    private static final double GAP = 6;

    private final Canvas overlay = new Canvas();
    private FileItem item;
    private WritableImage spectrogram;
    private DoubleConsumer onSeek = t -> { };

    public FileTracks() {
        super(800, 420);
        setMinHeight(260); // smaller than this its axis labels collide
        overlay.setManaged(false);
        overlay.setMouseTransparent(true);
        getChildren().add(overlay);
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> seek(e.getX()));
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> seek(e.getX()));
        getStyleClass().add("file-tracks");
    }

    /** Shows {@code file} (null: nothing). */
    public void show(FileItem file) {
        item = file;
        spectrogram = file == null || file.logMel().length == 0 ? null
                : SpectrogramImage.of(file.logMel(), 0, file.logMel().length, ColorMap.VIRIDIS);
        redraw();
    }

    public void setOnSeek(DoubleConsumer onSeek) {
        this.onSeek = onSeek;
    }

    private double duration() {
        FileAnalysis a = item == null ? null : item.analysis().get();
        return a == null ? 0 : Math.max(a.durationSeconds(), 1e-3);
    }

    private void seek(double x) {
        double d = duration();
        if (d <= 0) return;
        double pw = getWidth() - LEFT - RIGHT;
        onSeek.accept(Math.max(0, Math.min(d, (x - LEFT) / pw * d)));
    }

    @Override
    protected void layoutChildren() {
        overlay.setWidth(Math.floor(getWidth()));
        overlay.setHeight(Math.floor(getHeight()));
        super.layoutChildren();
    }

    private double spectrogramHeight(double h) {
        return Math.max(60, h - WAVE - ATTENTION - SEGMENTS - CURVES - AXIS - 4 * GAP);
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        FileAnalysis a = item == null ? null : item.analysis().get();
        double pw = w - LEFT - RIGHT;
        if (a == null) {
            g.setFill(theme().text());
            label(g, "No analysed file selected", w / 2, h / 2, TextAlignment.CENTER, VPos.CENTER);
            paintOverlay();
            return;
        }
        double d = duration();
        double y = 0;
        trackName(g, "wave", y, WAVE);
        waveform(g, a, pw, y, WAVE);
        y += WAVE + GAP;
        double sh = spectrogramHeight(h);
        if (spectrogram != null) {
            double frames = item.logMel().length * item.hopSeconds();
            g.setImageSmoothing(false);
            g.drawImage(spectrogram, LEFT, y, pw * Math.min(1, frames / d), sh);
            g.setImageSmoothing(true);
        }
        // the frequency axis of the model that made the frames
        FeatureConfig config = item.emotionModel() == null ? null : item.emotionModel().featureConfig();
        if (config != null) Axes.frequencyLabels(g, theme(), config, LEFT - 6, y, sh);
        y += sh + GAP;
        trackName(g, "attention", y, ATTENTION);
        attention(g, a, pw, y, d);
        y += ATTENTION + GAP;
        trackName(g, "emotion", y, SEGMENTS);
        segments(g, a, pw, y, d);
        y += SEGMENTS + GAP;
        trackName(g, "p", y, CURVES);
        curves(g, a, pw, y, d);
        y += CURVES + 2;
        Axes.timeTicks(g, theme(), LEFT, pw, 0, d, y + 2, "s");
        paintOverlay();
    }

    private void trackName(GraphicsContext g, String name, double y, double h) {
        g.setFill(theme().text());
        label(g, name, LEFT - 6, y + h / 2, TextAlignment.RIGHT, VPos.CENTER);
    }

    private void waveform(GraphicsContext g, FileAnalysis a, double pw, double y, double h) {
        g.setFill(theme().plot());
        g.fillRect(LEFT, y, pw, h);
        float[] s = item.clip() == null ? new float[0] : item.clip().samples();
        if (s.length == 0) return;
        g.setStroke(theme().accent().deriveColor(0, 1, 1, 0.85));
        double mid = y + h / 2;
        int cols = (int) pw;
        double samplesPerSecond = item.clip().sampleRate();
        double perCol = a.durationSeconds() * samplesPerSecond / cols;
        for (int c = 0; c < cols; c++) {
            int i0 = (int) (c * perCol);
            int i1 = Math.min(s.length, (int) ((c + 1) * perCol) + 1);
            float lo = 0;
            float hi = 0;
            for (int i = i0; i < i1; i++) {
                lo = Math.min(lo, s[i]);
                hi = Math.max(hi, s[i]);
            }
            g.strokeLine(LEFT + c + 0.5, mid - hi * h / 2, LEFT + c + 0.5, mid - lo * h / 2 + 0.5);
        }
    }

    private void attention(GraphicsContext g, FileAnalysis a, double pw, double y, double d) {
        g.setFill(theme().plot());
        g.fillRect(LEFT, y, pw, ATTENTION);
        int sel = item.selectedWindow().get();
        if (sel < 0 || sel >= a.windows().size()) {
            g.setFill(theme().text());
            label(g, "click a moment to see the model's attention there", LEFT + 6, y + ATTENTION / 2,
                    TextAlignment.LEFT, VPos.CENTER);
            return;
        }
        WindowResult w = a.windows().get(sel);
        double[] att = FrameStrip.levels(w.prediction().frameAttention(),
                item.emotionModel() != null && item.emotionModel().attentivePooling());
        double fs = w.prediction().frameSeconds();
        for (int i = 0; i < att.length; i++) {
            double t0 = w.startSeconds() + i * fs;
            if (t0 >= w.endSeconds()) break;
            double t1 = Math.min(t0 + fs, w.endSeconds());
            g.setFill(ColorMap.MAGMA.color(att[i]));
            double x0 = LEFT + t0 / d * pw;
            g.fillRect(x0, y, Math.max(1, (t1 - t0) / d * pw + 0.5), ATTENTION);
        }
        g.setStroke(theme().text().deriveColor(0, 1, 1, 0.5));
        g.strokeRect(LEFT + w.startSeconds() / d * pw + 0.5, y + 0.5, (w.endSeconds() - w.startSeconds()) / d * pw - 1,
                ATTENTION - 1);
    }

    private void segments(GraphicsContext g, FileAnalysis a, double pw, double y, double d) {
        List<String> labels = a.labels();
        for (Segment s : a.segments()) {
            double x0 = LEFT + s.startSeconds() / d * pw;
            double x1 = LEFT + s.endSeconds() / d * pw;
            g.setFill(LabelColors.of(s.label(), labels.indexOf(s.label())));
            g.fillRoundRect(x0 + 0.5, y, Math.max(1, x1 - x0 - 1), SEGMENTS, 6, 6);
            String text = LabelColors.display(s.label());
            if (x1 - x0 > text.length() * 7 + 8) {
                g.setFill(WindowResult.NO_SPEECH.equals(s.label()) ? theme().text() : Color.WHITE);
                label(g, text, (x0 + x1) / 2, y + SEGMENTS / 2, TextAlignment.CENTER, VPos.CENTER);
            }
        }
    }

    private void curves(GraphicsContext g, FileAnalysis a, double pw, double y, double d) {
        g.setFill(theme().plot());
        g.fillRect(LEFT, y, pw, CURVES);
        g.setStroke(theme().grid());
        g.strokeLine(LEFT, y + CURVES / 2, LEFT + pw, y + CURVES / 2);
        List<WindowResult> ws = a.windows();
        g.setLineWidth(1.6);
        for (int k = 0; k < a.labels().size(); k++) {
            g.setStroke(LabelColors.of(a.labels().get(k), k));
            g.beginPath();
            boolean pen = false;
            for (WindowResult w : ws) {
                if (!w.speech()) {
                    pen = false;
                    continue;
                }
                double x = LEFT + (w.startSeconds() + w.endSeconds()) / 2 / d * pw;
                double yy = y + CURVES * (1 - w.smoothed()[k]);
                if (pen) g.lineTo(x, yy);
                else g.moveTo(x, yy);
                pen = true;
            }
            g.stroke();
        }
        g.setLineWidth(1);
        g.setFill(theme().text());
        label(g, "1", LEFT - 20, y + 5, TextAlignment.RIGHT, VPos.CENTER);
        label(g, "0", LEFT - 20, y + CURVES - 5, TextAlignment.RIGHT, VPos.CENTER);
    }

    /** Redraws the selection and the cursor only (cheap: called on every playback pulse). */
    public void paintOverlay() {
        GraphicsContext g = overlay.getGraphicsContext2D();
        double w = overlay.getWidth();
        double h = overlay.getHeight();
        g.clearRect(0, 0, w, h);
        FileAnalysis a = item == null ? null : item.analysis().get();
        if (a == null) return;
        double d = duration();
        double pw = w - LEFT - RIGHT;
        double bottom = h - AXIS;
        int sel = item.selectedWindow().get();
        if (sel >= 0 && sel < a.windows().size()) {
            WindowResult win = a.windows().get(sel);
            double x0 = LEFT + win.startSeconds() / d * pw;
            double x1 = LEFT + win.endSeconds() / d * pw;
            g.setFill(theme().accent().deriveColor(0, 1, 1, 0.12));
            g.fillRect(x0, 0, x1 - x0, bottom);
            g.setStroke(theme().accent());
            g.setLineWidth(1.5);
            g.strokeRect(x0, 0.75, x1 - x0, bottom - 1.5);
        }
        double t = item.cursorSeconds().get();
        double x = LEFT + Math.max(0, Math.min(d, t)) / d * pw;
        g.setStroke(Color.web("#f43f5e"));
        g.setLineWidth(2);
        g.strokeLine(x, 0, x, bottom);
        g.setLineWidth(1);
    }
}
