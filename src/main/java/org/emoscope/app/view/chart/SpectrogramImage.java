package org.emoscope.app.view.chart;

import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;

import java.util.Arrays;

/** Log-mel frames as an image: one column per frame (max-pooled when there are too many), low bands at the bottom. */
public final class SpectrogramImage {

    /** Columns at most: wider images are pooled (keeps textures within every pipeline's limits). */
    static final int MAX_COLUMNS = 4096;
    private static final double RANGE_DB = 80;

    private SpectrogramImage() {
    }

    /** The image of {@code frames[from, to)}, coloured from 80 dB below the loudest 0.5 % of values up to them. */
    public static WritableImage of(float[][] frames, int from, int to, ColorMap map) {
        to = Math.min(to, frames.length);
        from = Math.max(0, Math.min(from, to));
        int n = Math.max(1, to - from);
        int bands = frames.length == 0 ? 1 : frames[0].length;
        int cols = Math.min(n, MAX_COLUMNS);
        double top = top(frames, from, to);
        WritableImage img = new WritableImage(cols, bands);
        PixelWriter pw = img.getPixelWriter();
        for (int c = 0; c < cols; c++) {
            int f0 = from + (int) ((long) c * n / cols);
            int f1 = Math.max(f0 + 1, from + (int) ((long) (c + 1) * n / cols));
            for (int b = 0; b < bands; b++) {
                float v = -200;
                for (int f = f0; f < f1 && f < to; f++) v = Math.max(v, frames[f][b]);
                double t = f0 < to ? (v - (top - RANGE_DB)) / RANGE_DB : 0;
                pw.setArgb(c, bands - 1 - b, map.argb(t));
            }
        }
        return img;
    }

    private static double top(float[][] frames, int from, int to) {
        int bands = frames.length == 0 ? 0 : frames[0].length;
        int n = (to - from) * bands;
        if (n <= 0) return 0;
        float[] all = new float[n];
        int k = 0;
        for (int f = from; f < to; f++) for (float v : frames[f]) all[k++] = v;
        Arrays.sort(all);
        return Math.max(all[Math.min(n - 1, (int) (n * 0.995))], -40);
    }
}
