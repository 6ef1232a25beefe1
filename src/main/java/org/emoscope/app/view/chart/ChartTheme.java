package org.emoscope.app.view.chart;

import javafx.scene.paint.Color;

/**
 * Colours for what the charts draw themselves (canvases do not follow CSS): one set per app theme.
 *
 * @param background behind axes and labels
 * @param plot       behind data
 * @param text       axis labels
 * @param grid       grid lines
 * @param accent     selection and cursors
 */
public record ChartTheme(Color background, Color plot, Color text, Color grid, Color accent) {

    public static final ChartTheme LIGHT = new ChartTheme(Color.web("#ffffff"), Color.web("#f6f7f9"),
            Color.web("#4b5563"), Color.web("#e5e7eb"), Color.web("#6d28d9"));
    public static final ChartTheme DARK = new ChartTheme(Color.web("#23252b"), Color.web("#1b1c21"),
            Color.web("#b9bec9"), Color.web("#363943"), Color.web("#c4b5fd"));

    public static ChartTheme of(boolean dark) {
        return dark ? DARK : LIGHT;
    }
}
