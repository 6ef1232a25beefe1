package org.emoscope.app.view.chart;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/** A canvas that fills its region, repaints when resized or re-themed, and paints nothing when too small. */
public abstract class ChartCanvas extends Region {

    protected static final Font AXIS_FONT = Font.font(11);
    protected final Canvas canvas = new Canvas();
    private final ObjectProperty<ChartTheme> theme = new SimpleObjectProperty<>(ChartTheme.LIGHT);

    protected ChartCanvas(double prefWidth, double prefHeight) {
        canvas.setManaged(false);
        getChildren().add(canvas);
        setPrefSize(prefWidth, prefHeight);
        setMinSize(60, 30);
        theme.addListener(o -> redraw());
        getStyleClass().add("chart");
    }

    @Override
    protected void layoutChildren() {
        double w = Math.floor(getWidth());
        double h = Math.floor(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
        }
        redraw();
    }

    /** Paints now (JavaFX thread). */
    public final void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w < 20 || h < 10) return;
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        g.setFill(theme().background());
        g.fillRect(0, 0, w, h);
        g.setFont(AXIS_FONT);
        g.setImageSmoothing(true);
        paint(g, w, h);
    }

    protected abstract void paint(GraphicsContext g, double w, double h);

    public ObjectProperty<ChartTheme> themeProperty() {
        return theme;
    }

    protected ChartTheme theme() {
        return theme.get();
    }

    /** Draws {@code text} with the given alignment around (x, y). */
    protected void label(GraphicsContext g, String text, double x, double y, TextAlignment align, VPos base) {
        g.setTextAlign(align);
        g.setTextBaseline(base);
        g.fillText(text, x, y);
    }
}
