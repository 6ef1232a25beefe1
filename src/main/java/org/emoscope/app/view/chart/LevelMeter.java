package org.emoscope.app.view.chart;

import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableDoubleValue;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

import java.util.Locale;

/**
 * Input level, -80 to 0 dBFS, with a decaying peak mark, coloured by what the speech detector decides: green (then
 * yellow and red near full scale) while it hears speech, grey for noise or silence, whatever their level.
 */
public final class LevelMeter extends ChartCanvas {

    private static final double FLOOR = -80;
    private final ObservableBooleanValue speech;
    private double level = -120;
    private double peak = FLOOR;
    private long peakNanos;

    public LevelMeter(ObservableDoubleValue levelDb, ObservableBooleanValue speech) {
        super(300, 34);
        setMinHeight(34); // smaller than this its axis labels collide
        this.speech = speech;
        speech.addListener((o, a, b) -> redraw());
        levelDb.addListener((o, a, b) -> {
            level = b.doubleValue() <= -119 ? b.doubleValue() : Math.max(b.doubleValue(), level - 3);
            long now = System.nanoTime();
            if (level >= peak || now - peakNanos > 1_500_000_000L) {
                peak = Math.max(level, peak - 6);
                peakNanos = now;
            }
            redraw();
        });
        getStyleClass().add("level-meter");
    }

    private double x(double db, double w) {
        return (Math.max(FLOOR, Math.min(0, db)) - FLOOR) / -FLOOR * w;
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h) {
        double barH = h - 14;
        g.setFill(theme().plot());
        g.fillRoundRect(0, 0, w, barH, 6, 6);
        double lx = x(level, w);
        double yellow = x(-12, w);
        double red = x(-3, w);
        boolean heard = speech.get();
        g.setFill(heard ? Color.web("#22c55e") : Color.web("#94a3b8"));
        g.fillRoundRect(0, 0, Math.min(lx, yellow), barH, 6, 6);
        if (lx > yellow) {
            g.setFill(Color.web("#eab308"));
            g.fillRect(yellow, 0, Math.min(lx, red) - yellow, barH);
        }
        if (lx > red) {
            g.setFill(Color.web("#ef4444"));
            g.fillRect(red, 0, lx - red, barH);
        }
        g.setFill(theme().text());
        double px = x(peak, w);
        if (peak > FLOOR) g.fillRect(Math.max(0, px - 1.5), 0, 3, barH);
        g.setFill(theme().text());
        g.setTextBaseline(VPos.TOP);
        for (int db = -80; db <= 0; db += 10) {
            double x = x(db, w);
            g.setTextAlign(db == -80 ? TextAlignment.LEFT : db == 0 ? TextAlignment.RIGHT : TextAlignment.CENTER);
            g.fillText(db == 0 ? "0 dB" : String.valueOf(db), x, barH + 1);
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        String text = level <= -119 ? "no input"
                : String.format(Locale.ROOT, "%.0f dBFS · %s", level, heard ? "speech" : "no speech");
        boolean inside = lx > 130;
        g.setFill(inside ? Color.WHITE : theme().text());
        g.fillText(text, inside ? 6 : lx + 6, barH / 2);
    }
}
