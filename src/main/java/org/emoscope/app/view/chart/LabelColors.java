package org.emoscope.app.view.chart;

import javafx.scene.paint.Color;
import org.emoscope.pipeline.WindowResult;

import java.util.Locale;
import java.util.Map;

/** One colour per emotion, the same on every chart, bar and badge. */
public final class LabelColors {

    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("neutral", "#94a3b8"), Map.entry("calm", "#2dd4bf"), Map.entry("happy", "#eab308"),
            Map.entry("sad", "#3b82f6"), Map.entry("angry", "#ef4444"), Map.entry("fear", "#a855f7"),
            Map.entry("fearful", "#a855f7"), Map.entry("disgust", "#22c55e"), Map.entry("surprise", "#f97316"),
            Map.entry("surprised", "#f97316"), Map.entry("boredom", "#a16207"));
    private static final String[] OTHERS = {"#0ea5e9", "#ec4899", "#84cc16", "#f59e0b", "#14b8a6", "#8b5cf6"};
    /** Colour of "no speech". */
    public static final Color NO_SPEECH = Color.web("#9ca3af", 0.35);

    private LabelColors() {
    }

    public static Color of(String label, int index) {
        if (label == null || WindowResult.NO_SPEECH.equals(label)) return NO_SPEECH;
        String c = KNOWN.get(label.toLowerCase(Locale.ROOT));
        return Color.web(c != null ? c : OTHERS[Math.floorMod(index, OTHERS.length)]);
    }

    /** CSS form of {@link #of}, for styles. */
    public static String css(String label, int index) {
        Color c = of(label, index);
        return String.format(Locale.ROOT, "rgba(%d,%d,%d,%.2f)", (int) (c.getRed() * 255), (int) (c.getGreen() * 255),
                (int) (c.getBlue() * 255), c.getOpacity());
    }

    /** "no speech" for {@link WindowResult#NO_SPEECH}, else the label. */
    public static String display(String label) {
        return WindowResult.NO_SPEECH.equals(label) ? "no speech" : label;
    }
}
