package org.emoscope.app.view.chart;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;
import org.emoscope.features.FeatureConfig;

import java.util.Locale;

/** Axis helpers shared by the charts: nice time ticks and the mel frequency scale. */
public final class Axes {

    private static final double[] STEPS = {0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600};
    private static final double[] FREQUENCIES = {100, 250, 500, 1000, 2000, 4000, 8000};

    private Axes() {
    }

    /** A tick step giving at most about {@code pixels / minGap} ticks over {@code span} seconds. */
    public static double timeStep(double span, double pixels, double minGap) {
        for (double s : STEPS) if (span / s * minGap <= pixels) return s;
        return STEPS[STEPS.length - 1];
    }

    /**
     * A tick label at {@code t} with as many decimals as the step has, so every tick reads as what it is: 5.25 and
     * 5.75 at quarter seconds (not 5.3 and 5.8), 5.5 at half seconds, 5 at whole ones.
     */
    public static String seconds(double t, double step) {
        if (Math.abs(t) < step * 1e-6) t = 0;
        if (step < 1) {
            int decimals = Math.max(0, new java.math.BigDecimal(Double.toString(step)).stripTrailingZeros().scale());
            return String.format(Locale.ROOT, "%." + decimals + "f", t);
        }
        if (Math.abs(t) >= 60 && step >= 10) return String.format(Locale.ROOT, "%d:%02d", (int) t / 60, (int) Math.abs(t) % 60);
        return String.format(Locale.ROOT, "%.0f", t);
    }

    /** HTK mel of {@code hz}. */
    public static double mel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    /** Where {@code hz} falls on a mel-spaced axis of {@code config}, 0 (lowest) to 1 (highest). */
    public static double melFraction(double hz, FeatureConfig config) {
        double lo = mel(config.minFrequency());
        double hi = mel(config.maxFrequency());
        return (mel(hz) - lo) / (hi - lo);
    }

    /** Frequency labels on the left of a spectrogram drawn in [top, top + height), right-aligned at {@code x}. */
    public static void frequencyLabels(GraphicsContext g, ChartTheme t, FeatureConfig config, double x, double top,
                                       double height) {
        g.setFill(t.text());
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        double last = Double.MAX_VALUE;
        for (double f : FREQUENCIES) {
            if (f < config.minFrequency() || f > config.maxFrequency()) continue;
            double y = top + height * (1 - melFraction(f, config));
            if (last - y < 13) continue;
            last = y;
            g.fillText(f >= 1000 ? (int) (f / 1000) + "k" : String.valueOf((int) f), x, Math.max(top + 5, Math.min(top + height - 5, y)));
        }
    }

    /** Time ticks and labels under [x0, x0 + width) covering [t0, t1], text at {@code y}. */
    public static void timeTicks(GraphicsContext g, ChartTheme th, double x0, double width, double t0, double t1,
                                 double y, String unit) {
        double span = t1 - t0;
        if (span <= 0) return;
        double step = timeStep(span, width, 60);
        g.setFill(th.text());
        g.setStroke(th.grid());
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        for (double t = Math.ceil(t0 / step - 1e-9) * step; t <= t1 + 1e-9; t += step) {
            double x = x0 + (t - t0) / span * width;
            g.strokeLine(x, y - 4, x, y - 1);
            boolean lastTick = Math.abs(t - t1) < step / 2;
            // the last label ends at its tick, so it is not cut by the chart's right edge
            g.setTextAlign(lastTick && Math.abs(t - t1) < 1e-9 ? TextAlignment.RIGHT : TextAlignment.CENTER);
            g.fillText(seconds(t, step) + (lastTick && unit != null ? " " + unit : ""),
                    g.getTextAlign() == TextAlignment.RIGHT ? x + 3 : x, y);
        }
    }
}
