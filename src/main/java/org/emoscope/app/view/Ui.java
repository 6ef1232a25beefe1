package org.emoscope.app.view;

import javafx.beans.InvalidationListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.emoscope.app.service.Assets;

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
        return wholeWords(l);
    }

    /**
     * Keeps a wrapping label at least as wide as its longest word, so a narrow window wraps it between words
     * ("emodb-2s" never becomes "emodb-2 / s"); its container shrinks something else or scrolls instead.
     */
    public static <T extends Labeled> T wholeWords(T label) {
        InvalidationListener update = o -> label.setMinWidth(Math.ceil(longestWord(label.getText(), label.getFont())
                + label.getInsets().getLeft() + label.getInsets().getRight() + 1));
        label.textProperty().addListener(update);
        label.fontProperty().addListener(update);
        label.insetsProperty().addListener(update);
        update.invalidated(null);
        return label;
    }

    /** The width of the widest word of {@code text}: JavaFX wraps text at white space only. */
    public static double longestWord(String text, Font font) {
        if (text == null || text.isEmpty()) return 0;
        Text t = new Text();
        t.setFont(font);
        double max = 0;
        for (String word : text.split("\\s+")) {
            t.setText(word);
            max = Math.max(max, t.getLayoutBounds().getWidth());
        }
        return max;
    }

    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("\\S+");

    /**
     * {@code text} with every file path longer than {@code max} characters cut to its last folders:
     * "(/tmp/x/recordings/2024/missing.wav)" becomes "(…/2024/missing.wav)". JavaFX wraps only at white space, so
     * a long path in a wrapping label would otherwise be broken anywhere ("missing.wa / v)"); the full text goes
     * in the label's tooltip.
     */
    public static String shortPaths(String text, int max) {
        if (text == null) return null;
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = TOKEN.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start()).append(shortPath(m.group(), max));
            last = m.end();
        }
        return out.append(text.substring(last)).toString();
    }

    private static String shortPath(String token, int max) {
        if (token.length() <= max || (token.indexOf('/') < 0 && token.indexOf('\\') < 0)) return token;
        int a = 0;
        while (a < token.length() && "(['\"".indexOf(token.charAt(a)) >= 0) a++;
        int b = token.length();
        while (b > a && ")]'\",.:;".indexOf(token.charAt(b - 1)) >= 0) b--;
        String[] parts = token.substring(a, b).split("(?<=[/\\\\])");
        if (parts.length < 2) return token;
        StringBuilder tail = new StringBuilder(parts[parts.length - 1]);
        for (int i = parts.length - 2; i >= 1 && tail.length() + parts[i].length() + 2 <= max; i--)
            tail.insert(0, parts[i]);
        char separator = token.indexOf('/') >= 0 ? '/' : '\\';
        return token.substring(0, a) + "…" + separator + tail + token.substring(b);
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

    /** The app's icon at {@code size} pixels (drawn from the 64 or 128 pixel one). */
    public static ImageView icon(int size) {
        ImageView v = new ImageView();
        Assets.url("icons/emoscope-" + (size > 64 ? 128 : 64) + ".png").ifPresent(u -> v.setImage(new Image(u)));
        v.setFitWidth(size);
        v.setFitHeight(size);
        v.setSmooth(true);
        return v;
    }
}
