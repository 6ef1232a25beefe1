package org.emoscope.app.view;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Small building blocks shared by the pages. */
public final class Ui {

    private Ui() {
    }

    /** A titled card; {@code content} grows with it. */
    public static VBox card(String title, Node content) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        VBox box = new VBox(8, t, content);
        box.getStyleClass().add("card");
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    /** A card whose title row also holds {@code extra} on the right. */
    public static VBox card(String title, Node extra, Node content) {
        Label t = new Label(title);
        t.getStyleClass().add("card-title");
        HBox head = new HBox(8, t, spacer(), extra);
        head.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, head, content);
        box.getStyleClass().add("card");
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    /** Page heading: title and a line of explanation. */
    public static VBox header(String title, Node subtitle) {
        Label t = new Label(title);
        t.getStyleClass().add("page-title");
        VBox box = new VBox(2, t, subtitle);
        box.setPadding(new Insets(0, 0, 4, 0));
        return box;
    }

    public static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    public static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    public static Button button(String text, String tooltip, Runnable action) {
        Button b = new Button(text);
        if (tooltip != null) b.setTooltip(new Tooltip(tooltip));
        b.setOnAction(e -> action.run());
        return b;
    }

    public static Region spacerV() {
        Region r = new Region();
        VBox.setVgrow(r, Priority.ALWAYS);
        return r;
    }

    /** The standard page container: padding and spacing. */
    public static VBox page(String styleClass, Node... children) {
        VBox box = new VBox(12, children);
        box.getStyleClass().addAll("page", styleClass);
        box.setPadding(new Insets(18, 20, 18, 20));
        return box;
    }
}
