package org.emoscope.app;

import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.emoscope.app.bus.EventBus;
import org.emoscope.app.bus.PageId;
import org.emoscope.app.service.AppSettings;
import org.emoscope.app.view.Ui;
import org.emoscope.app.view.chart.ChartCanvas;
import org.emoscope.app.viewmodel.FileItem;
import org.emoscope.app.viewmodel.LiveState;
import org.emoscope.pipeline.TestAudio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.prefs.Preferences;

import static org.emoscope.app.AppTestSupport.fx;
import static org.emoscope.app.AppTestSupport.fxRun;
import static org.emoscope.app.AppTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page reads well at the window sizes people have (1366x768, the default 1280x820, 1920x1080), in both
 * themes, with real content: the shipped model's labels and metadata, analysed files, an error banner with a long
 * path, a truncation note, live listening. Fails when a label is cut short ("Mi..."), a wrapped label breaks a word
 * ("emodb-2 / s"), a node lies outside the window, a page needs a scroll bar it should not, or a chart is squashed
 * below the size its axis labels need.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(300)
class LayoutTest {

    static {
        System.setProperty("headless.geometry", "1920x1080-32");
    }

    private static final int[][] SIZES = {{1366, 768}, {1280, 820}, {1920, 1080}};
    private final FakeDialogs dialogs = new FakeDialogs();
    private final Preferences prefs = AppTestSupport.testNode();
    private final FakeMicrophones mics = new FakeMicrophones();
    private MainWindow window;
    private Stage stage;
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        // the shipped model: seven labels and everything a trained bundle records, as users see it
        AppContext ctx = new AppContext(new EventBus(), mics, dialogs, new AppSettings(prefs),
                () -> Path.of("models/default.emo").toAbsolutePath());
        window = new MainWindow(ctx);
        window.show(stage);
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeWindow(window, prefs);
    }

    @Test
    void theWindowFitsTheScreenItOpensOn() {
        Rectangle2D laptop = new Rectangle2D(0, 0, 1366, 768 - 28); // a 1366x768 screen with a top panel
        assertArrayEquals(new double[] {1280, 740}, MainWindow.fit(MainWindow.DEFAULT_WIDTH, MainWindow.DEFAULT_HEIGHT,
                laptop));
        assertArrayEquals(new double[] {1280, 820}, MainWindow.fit(1280, 820, new Rectangle2D(0, 0, 1920, 1050)));
        // a new window with no size of its own on this (1920x1080) screen: the default size, inside the screen
        // (TestFX's primary stage keeps the size an earlier test gave it, so this opens a stage of its own)
        double[] opened = fx(() -> {
            Stage fresh = new Stage();
            MainWindow w = new MainWindow(new AppContext(new EventBus(), new FakeMicrophones(), dialogs,
                    new AppSettings(prefs), AppTestSupport::bundle));
            w.show(fresh);
            double[] r = {fresh.getWidth(), fresh.getHeight(), fresh.getY()};
            fresh.close();
            return r;
        });
        assertEquals(MainWindow.DEFAULT_WIDTH, opened[0]);
        assertEquals(MainWindow.DEFAULT_HEIGHT, opened[1]);
        assertTrue(opened[2] >= 0 && opened[2] + opened[1] <= 1080, "inside the screen: y " + opened[2]);
    }

    @Test
    void everyPageReadsWellAtCommonSizesInBothThemes(FxRobot robot) throws IOException {
        AppTestSupport.waitForModel(window);
        ViewModels vms = window.viewModels();
        fill(vms);

        List<String> problems = new ArrayList<>();
        for (int[] size : SIZES) {
            fxRun(() -> {
                stage.setX(0);
                stage.setY(0);
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            waitUntil("the window at " + size[0] + "x" + size[1], 10, () -> window.scene().getWidth() == size[0]
                    && window.scene().getHeight() == size[1]);
            for (boolean dark : new boolean[] {false, true}) {
                fxRun(() -> vms.shell.setDark(dark));
                for (PageId page : PageId.values()) {
                    fxRun(() -> vms.shell.selectPage(page));
                    settle();
                    String where = String.format(Locale.ROOT, "%dx%d %s %s: ", size[0], size[1],
                            dark ? "dark" : "light", page);
                    problems.addAll(fx(() -> check(window.scene(), page, where)));
                    String shots = System.getProperty("emoscope.layout.shots"); // to look at what was checked
                    if (shots != null) fxRun(() -> {
                        try {
                            org.emoscope.app.service.Snapshots.save(window.scene(), Path.of(shots).resolve(
                                    String.format(Locale.ROOT, "%dx%d-%s-%s.png", size[0], size[1],
                                            dark ? "dark" : "light", page.name().toLowerCase(Locale.ROOT))).toFile());
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                }
            }
        }
        fxRun(() -> vms.live.stop());
        assertTrue(problems.isEmpty(), problems.size() + " layout problems:\n" + String.join("\n", problems));
    }

    @Test
    void theCheckFindsWhatItLooksFor() {
        List<String> found = fx(() -> {
            javafx.scene.control.Label cut = new javafx.scene.control.Label("Microphone");
            cut.setMaxWidth(40);
            javafx.scene.control.Label broken = new javafx.scene.control.Label("seven-class emodb-2s");
            broken.setWrapText(true);
            broken.setMaxWidth(40);
            javafx.scene.layout.Region far = new javafx.scene.layout.Region();
            far.setManaged(false);
            far.resizeRelocate(150, 150, 100, 100);
            javafx.scene.layout.Pane root = new javafx.scene.layout.VBox(cut, broken);
            root.getChildren().add(far);
            Scene scene = new Scene(root, 200, 200);
            Stage s = new Stage();
            s.setScene(scene);
            s.show();
            List<String> out = check(scene, PageId.LIVE, "");
            s.close();
            return out;
        });
        assertEquals(3, found.size(), String.join("\n", found));
        assertTrue(found.get(0).contains("\"Microphone\" is cut short"), found.get(0));
        assertTrue(found.get(1).contains("breaks a word"), found.get(1));
        assertTrue(found.get(2).contains("lies outside the 200x200 window"), found.get(2));
    }

    /** Real content on every page: analysed files, an error with a long path, a truncated file, live listening. */
    private void fill(ViewModels vms) throws IOException {
        Path speech = TestAudio.writeWav(dir.resolve("speech.wav"), TestAudio.voiced(7.5, 16000, 3), 16000);
        Path angry = TestAudio.writeWav(dir.resolve("ravdess-angry.wav"), TestAudio.voiced(4.1, 16000, 4), 16000);
        byte[] whole = Files.readAllBytes(TestAudio.writeWav(dir.resolve("w.wav"), TestAudio.voiced(4, 16000, 5),
                16000));
        Path cut = Files.write(dir.resolve("cut-short.wav"), Arrays.copyOf(whole, 44 + 2 * 16000 * 3));
        Path missing = dir.resolve("recordings").resolve("2024-field-trip").resolve("session-one").resolve(
                "missing.wav");
        fxRun(() -> window.viewModels().analyze(List.of(speech.toFile(), angry.toFile(), cut.toFile(), missing.toFile())));
        waitUntil("the files analysed", 120, () -> vms.files.items().stream().noneMatch(i ->
                i.status().get() == FileItem.Status.QUEUED || i.status().get() == FileItem.Status.ANALYZING));
        fxRun(() -> {
            FileItem first = vms.files.items().get(0);
            vms.files.select(first);
            int pick = first.analysis().get().windows().size() / 2;
            vms.files.selectWindow(first, pick);
            vms.attention.show(first.inspection(), pick);
        });
        fxRun(() -> vms.live.start());
        waitUntil("live listening with a voice", 30, () -> vms.live.state().get() == LiveState.RUNNING
                && vms.live.display().windows().get() > 12);
    }

    private static void settle() {
        for (int i = 0; i < 3; i++) {
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.sleep(60, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** What is wrong with the layout of {@code scene} showing {@code page}; empty when nothing is. */
    static List<String> check(Scene scene, PageId page, String where) {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        List<String> out = new ArrayList<>();
        walk(scene.getRoot(), scene, page, false, where, out);
        return out;
    }

    private static void walk(Node n, Scene scene, PageId page, boolean scrolled, String where, List<String> out) {
        if (!n.isVisible()) return;
        if (n instanceof Labeled l) checkLabel(l, where, out);
        Bounds b = n.localToScene(n.getLayoutBounds());
        if (!scrolled && b.getWidth() > 0 && b.getHeight() > 0 && (b.getMinX() < -1 || b.getMinY() < -1
                || b.getMaxX() > scene.getWidth() + 1 || b.getMaxY() > scene.getHeight() + 1)) {
            out.add(where + describe(n) + " lies outside the " + (int) scene.getWidth() + "x"
                    + (int) scene.getHeight() + " window: " + bounds(b));
        }
        if (n instanceof ChartCanvas c && (c.getHeight() < c.getMinHeight() - 0.5 || c.getWidth() < c.getMinWidth() - 0.5))
            out.add(where + describe(n) + " squashed to " + Math.round(c.getWidth()) + "x" + Math.round(c.getHeight()));
        boolean inside = scrolled;
        if (n instanceof ScrollPane sp) {
            boolean pageScroll = sp.getStyleClass().contains("page-scroll");
            if (pageScroll && sp.getContent() != null && sp.getViewportBounds() != null) {
                Bounds content = sp.getContent().getLayoutBounds();
                Bounds view = sp.getViewportBounds();
                // a page never scrolls sideways; only the Model page, a document, may scroll down
                if (content.getWidth() > view.getWidth() + 1)
                    out.add(where + "the page is wider than the window (" + Math.round(content.getWidth()) + " > "
                            + Math.round(view.getWidth()) + ")");
                if (page != PageId.MODEL && content.getHeight() > view.getHeight() + 1)
                    out.add(where + "the page is taller than the window (" + Math.round(content.getHeight()) + " > "
                            + Math.round(view.getHeight()) + ")");
            }
            inside = scrolled || !pageScroll || page == PageId.MODEL;
        }
        if (n instanceof ListView<?>) inside = true;
        if (n instanceof Parent p)
            for (Node child : p.getChildrenUnmodifiable()) walk(child, scene, page, inside, where, out);
    }

    /** A label shown in full, and if it wraps, wrapped between words. */
    private static void checkLabel(Labeled l, String where, List<String> out) {
        String text = l.getText();
        if (text == null || text.isBlank() || l.getContentDisplay() == ContentDisplay.GRAPHIC_ONLY) return;
        Text shown = null;
        for (Node c : l.getChildrenUnmodifiable()) if (c instanceof Text t) shown = t;
        if (shown == null) return; // not laid out yet
        String expected = l.isMnemonicParsing() ? text.replace("_", "") : text;
        String actual = l.isMnemonicParsing() ? shown.getText().replace("_", "") : shown.getText();
        if (!actual.equals(expected)) {
            out.add(where + describe(l) + " is cut short: \"" + oneLine(shown.getText()) + "\" for \"" + oneLine(text)
                    + "\" (" + Math.round(l.getWidth()) + "x" + Math.round(l.getHeight()) + ")");
            return;
        }
        double wrap = shown.getWrappingWidth();
        if (l.isWrapText() && wrap > 0) {
            double longest = Ui.longestWord(text, shown.getFont());
            if (longest > wrap + 0.5)
                out.add(where + describe(l) + " breaks a word: \"" + oneLine(text) + "\" wraps at "
                        + Math.round(wrap) + " px, its longest word needs " + Math.round(longest));
        }
    }

    private static String describe(Node n) {
        String id = n.getId() != null ? "#" + n.getId() : "";
        String text = n instanceof Labeled l && l.getText() != null ? " \"" + oneLine(l.getText()) + "\"" : "";
        String cls = n.getStyleClass().isEmpty() ? "" : "." + String.join(".", n.getStyleClass());
        return n.getClass().getSimpleName() + id + cls + text;
    }

    private static String oneLine(String s) {
        String t = s.replace("\n", " / ").replace("\u200B", "");
        return t.length() > 90 ? t.substring(0, 87) + "..." : t;
    }

    private static String bounds(Bounds b) {
        return String.format(Locale.ROOT, "x %.0f..%.0f, y %.0f..%.0f", b.getMinX(), b.getMaxX(), b.getMinY(),
                b.getMaxY());
    }
}
