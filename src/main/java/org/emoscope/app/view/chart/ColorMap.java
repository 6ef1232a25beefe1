package org.emoscope.app.view.chart;

import javafx.scene.paint.Color;

/**
 * Perceptually uniform colour maps (matplotlib's viridis and magma, sampled at 9 stops, interpolated), and two grey
 * ramps for a spectrogram that other colours are laid over (quiet to loud, on a light or a dark plot).
 */
public enum ColorMap {
    VIRIDIS("#440154", "#472c7a", "#3b518b", "#2c718e", "#21908d", "#27ad81", "#5cc863", "#aadc32", "#fde725"),
    MAGMA("#000004", "#1c1044", "#4f127b", "#812581", "#b5367a", "#e55964", "#fb8761", "#fec287", "#fcfdbf"),
    GREYS_LIGHT("#fafafb", "#6e727a"),
    GREYS_DARK("#1b1c21", "#8a8f99");

    private final int[] lut = new int[256];

    ColorMap(String... stops) {
        Color[] c = new Color[stops.length];
        for (int i = 0; i < stops.length; i++) c[i] = Color.web(stops[i]);
        for (int i = 0; i < lut.length; i++) {
            double x = i / 255.0 * (c.length - 1);
            int k = Math.min((int) x, c.length - 2);
            Color m = c[k].interpolate(c[k + 1], x - k);
            lut[i] = 0xff000000 | (int) Math.round(m.getRed() * 255) << 16 | (int) Math.round(m.getGreen() * 255) << 8
                    | (int) Math.round(m.getBlue() * 255);
        }
    }

    /** ARGB of {@code t} in [0, 1] (clamped). */
    public int argb(double t) {
        if (!(t > 0)) return lut[0];
        return lut[Math.min(255, (int) (t * 255.999))];
    }

    public Color color(double t) {
        int v = argb(t);
        return Color.rgb(v >> 16 & 255, v >> 8 & 255, v & 255);
    }
}
