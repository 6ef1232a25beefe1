package org.emoscope.app;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.emoscope.app.bus.PageId;
import org.emoscope.app.view.chart.ExplanationMap;
import org.emoscope.app.viewmodel.AttentionViewModel;
import org.emoscope.app.viewmodel.FileItem;
import org.emoscope.model.Explanation;
import org.emoscope.pipeline.FileAnalysis;
import org.emoscope.pipeline.TestAudio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.prefs.Preferences;

import static org.emoscope.app.AppTestSupport.fx;
import static org.emoscope.app.AppTestSupport.fxRun;
import static org.emoscope.app.AppTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Attention page explains a window of an analysed file (untrained bundle): the attribution laid over the
 * spectrogram with its legend, the frame strip and its caption, the reading; the class picker explains another class.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(180)
class AttentionPageTest {

    private final FakeMicrophones mics = new FakeMicrophones();
    private final FakeDialogs dialogs = new FakeDialogs();
    private final Preferences prefs = AppTestSupport.testNode();
    private MainWindow window;
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        window = AppTestSupport.showWindow(stage, mics, dialogs, prefs);
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeWindow(window, prefs);
    }

    @Test
    void aWindowIsExplainedOnItsSpectrogramAndAnotherClassCanBePicked(FxRobot robot) throws IOException {
        AppTestSupport.waitForModel(window);
        Path wav = TestAudio.writeWav(dir.resolve("speech.wav"), TestAudio.voiced(3, 16000, 3), 16000);
        fxRun(() -> window.viewModels().analyze(List.of(wav.toFile())));
        FileItem item = fx(() -> window.viewModels().files.items().get(0));
        waitUntil("the analysis", 60, () -> item.status().get() == FileItem.Status.DONE);
        FileAnalysis a = fx(() -> item.analysis().get());
        int pick = 0;
        while (!a.windows().get(pick).speech()) pick++;
        int chosen = pick;
        fxRun(() -> window.viewModels().files.selectWindow(item, chosen));
        robot.clickOn("#file-inspect");
        waitUntil("the attention page", 5, () -> window.viewModels().shell.page().get() == PageId.ATTENTION);

        AttentionViewModel vm = window.viewModels().attention;
        assertTrue(fx(() -> vm.computing().get() || vm.explanation().get() != null), "explaining started");
        waitUntil("the explanation", 60, () -> vm.explanation().get() != null);
        Explanation e = fx(() -> vm.explanation().get());
        int predicted = a.windows().get(chosen).prediction().bestIndex();
        assertEquals(predicted, e.target(), "the predicted class by default");
        assertEquals(AppTestSupport.LABELS.size() + 1, (int) fx(() -> picker(robot).getItems().size()));
        assertEquals("Predicted: " + AppTestSupport.LABELS.get(predicted), fx(() -> picker(robot).getValue()));

        // the map: the attribution over the spectrogram, red for and blue against, and the legend's two ends
        ExplanationMap map = fx(() -> robot.lookup("#explanation-map").queryAs(ExplanationMap.class));
        assertNotNull(fx(map::shown));
        assertTrue(fx(() -> map.shown().maxAbs()) > 0, "an untrained network still moves its output");
        WritableImage shot = fx(() -> map.snapshot(null, null));
        int[] redBlue = redAndBlue(shot, 0, (int) shot.getWidth() - 110);
        assertTrue(redBlue[0] > 50 && redBlue[1] > 50, "cells for and against drawn: " + redBlue[0] + " red, "
                + redBlue[1] + " blue pixels");
        int[] legend = redAndBlue(shot, (int) shot.getWidth() - 104, (int) shot.getWidth());
        assertTrue(legend[0] > 100 && legend[1] > 100, "the legend runs from red to blue: " + legend[0] + ", "
                + legend[1]);

        // the strip's caption, the reading, the numbers behind the map
        String caption = fx(() -> robot.lookup("#strip-caption").queryAs(Label.class).getText());
        assertTrue(caption.startsWith("Strip: frame gate, one value per 40 ms"), caption);
        String reading = fx(() -> robot.lookup("#explanation-reading").queryAs(Label.class).getText());
        assertTrue(reading.startsWith("For " + AppTestSupport.LABELS.get(predicted) + ": "), reading);
        assertTrue(fx(() -> robot.lookup("#explanation-reading").query().isVisible()));
        String numbers = fx(() -> robot.lookup("#explanation-numbers").queryAs(Label.class).getText());
        assertTrue(numbers.startsWith("Network alone: p(" + AppTestSupport.LABELS.get(predicted) + ")"), numbers);
        assertTrue(fx(() -> !robot.lookup("#explanation-caveat").query().isVisible()),
                "a network alone: no network-share caveat");

        // another class, picked in the class picker, is explained on the same window
        int other = (predicted + 1) % AppTestSupport.LABELS.size();
        robot.clickOn("#class-picker");
        String name = AppTestSupport.LABELS.get(other);
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").match(
                org.testfx.matcher.control.LabeledMatchers.hasText(name)).queryAs(javafx.scene.Node.class));
        waitUntil("the other class explained", 60, () -> vm.explanation().get() != null
                && vm.explanation().get().target() == other);
        assertEquals(other, (int) fx(() -> vm.pinnedClass().get()));
        String again = fx(() -> robot.lookup("#explanation-reading").queryAs(Label.class).getText());
        assertTrue(again.startsWith("For " + AppTestSupport.LABELS.get(other) + ": "), again);
    }

    @SuppressWarnings("unchecked")
    private static ComboBox<String> picker(FxRobot robot) {
        return (ComboBox<String>) robot.lookup("#class-picker").query();
    }

    /** Pixels clearly red and clearly blue in columns [x0, x1) of {@code img}. */
    private static int[] redAndBlue(WritableImage img, int x0, int x1) {
        PixelReader r = img.getPixelReader();
        int red = 0;
        int blue = 0;
        for (int y = 0; y < img.getHeight(); y++)
            for (int x = Math.max(0, x0); x < Math.min(x1, img.getWidth()); x++) {
                int argb = r.getArgb(x, y);
                int cr = argb >> 16 & 255;
                int cg = argb >> 8 & 255;
                int cb = argb & 255;
                if (cr > cg + 40 && cr > cb + 40) red++;
                else if (cb > cr + 40 && cb > cg + 10) blue++;
            }
        return new int[] {red, blue};
    }
}
