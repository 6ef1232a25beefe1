package org.emoscope.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.StackPane;
import javafx.geometry.Pos;
import javafx.stage.Stage;
import org.emoscope.app.bus.PageId;
import org.emoscope.app.service.AppSettings;
import org.emoscope.app.viewmodel.FileItem;
import org.emoscope.app.viewmodel.FilesViewModel;
import org.emoscope.features.FeatureConfig;
import org.emoscope.model.ModelBundle;
import org.emoscope.model.SpeakerPrior;
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

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.prefs.Preferences;

import static org.emoscope.app.AppTestSupport.fx;
import static org.emoscope.app.AppTestSupport.fxRun;
import static org.emoscope.app.AppTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File mode: a real drag and drop, analysis, clicking a moment, export (CSV, JSON, PNG), errors and cancelling. */
@ExtendWith(ApplicationExtension.class)
@Timeout(180)
class FileModeTest {

    private static final int RATE = 16000;
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

    private FilesViewModel files() {
        return window.viewModels().files;
    }

    private Path speechWav(String name, double voicedSeconds) throws IOException {
        float[] x = TestAudio.concat(TestAudio.voiced(voicedSeconds, RATE, 3), TestAudio.silence(1.5, RATE),
                TestAudio.voiced(2, RATE, 4));
        return TestAudio.writeWav(dir.resolve(name), x, RATE);
    }

    /** A test-only node that starts a real drag carrying {@code file}. */
    private void addDragSource(File file) {
        fxRun(() -> {
            Label source = new Label("drag me");
            source.setId("drag-source");
            source.setStyle("-fx-background-color: yellow; -fx-padding: 10;");
            source.setOnDragDetected(e -> {
                Dragboard db = source.startDragAndDrop(TransferMode.COPY);
                ClipboardContent content = new ClipboardContent();
                content.putFiles(List.of(file));
                db.setContent(content);
                e.consume();
            });
            StackPane root = (StackPane) window.scene().getRoot();
            StackPane.setAlignment(source, Pos.BOTTOM_RIGHT);
            root.getChildren().add(source);
        });
    }

    private FileItem only(String name) {
        return fx(() -> files().items().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow());
    }

    @Test
    void dropAnalyzeClickAndExport(FxRobot robot) throws IOException {
        AppTestSupport.waitForModel(window);
        Path wav = speechWav("speech.wav", 3);
        addDragSource(wav.toFile());
        robot.drag("#drag-source").dropTo("#nav-live");
        waitUntil("the dropped file to be listed", 10, () -> files().items().size() == 1);
        assertEquals(PageId.FILES, fx(() -> window.viewModels().shell.page().get()), "drop shows the Files page");
        FileItem item = only("speech.wav");
        waitUntil("the analysis", 60, () -> item.status().get() == FileItem.Status.DONE);
        FileAnalysis a = fx(() -> item.analysis().get());
        assertEquals(6.5, a.durationSeconds(), 0.01);
        assertTrue(a.windows().size() > 10);
        assertTrue(fx(() -> item.logMel().length) > 600, "spectrogram frames kept");
        assertEquals(wav.toFile().getParentFile().getAbsolutePath(), new AppSettings(prefs).lastFolder().getAbsolutePath(),
                "folder remembered");

        // click a moment: the window there is selected and its probabilities shown
        Bounds b = fx(() -> robot.lookup("#file-tracks").query().localToScreen(
                robot.lookup("#file-tracks").query().getBoundsInLocal()));
        robot.clickOn(b.getMinX() + 66 + (b.getWidth() - 74) * 0.75, b.getMinY() + 30);
        waitUntil("a window selected near 75 %", 5, () -> {
            int i = item.selectedWindow().get();
            if (i < 0) return false;
            double centre = (a.windows().get(i).startSeconds() + a.windows().get(i).endSeconds()) / 2;
            return Math.abs(centre - 0.75 * a.durationSeconds()) < 0.6;
        });
        String when = fx(() -> robot.lookup("#moment-time").queryAs(Label.class).getText());
        assertTrue(when.matches("\\d+\\.\\d\\d – \\d+\\.\\d\\d s"), when);
        assertTrue(fx(() -> Math.abs(item.cursorSeconds().get() - 0.75 * a.durationSeconds()) < 0.3), "cursor moved");

        // the attention page follows the selection
        robot.clickOn("#file-inspect");
        waitUntil("the attention page", 5, () -> window.viewModels().shell.page().get() == PageId.ATTENTION);
        int selected = fx(() -> window.viewModels().attention.selected().get());
        assertEquals(fx(() -> item.selectedWindow().get()), selected);
        robot.clickOn("#attention-previous");
        assertEquals(selected - 1, (int) fx(() -> window.viewModels().attention.selected().get()));
        assertTrue(fx(() -> robot.lookup("#attention-position").queryAs(Label.class).getText())
                .startsWith("Window " + selected + " of " + a.windows().size()));

        // export: CSV and JSON written and parsed back
        Path csv = dir.resolve("out.csv");
        dialogs.saves.add(csv.toFile());
        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        waitUntil("the CSV", 5, () -> Files.exists(csv));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("file,scope,start_s,end_s,label,confidence,p_neutral,p_happy,p_sad,p_angry,error", lines.get(0));
        assertEquals(2 + a.segments().size(), lines.size());
        String[] fileRow = lines.get(1).split(",");
        assertEquals(wav.toString(), fileRow[0]);
        assertEquals("file", fileRow[1]);
        assertEquals(a.label(), fileRow[4]);
        assertEquals(6.5, Double.parseDouble(fileRow[3]), 1e-6);
        double sum = 0;
        for (int k = 6; k < 10; k++) sum += Double.parseDouble(fileRow[k]);
        assertEquals(1.0, sum, 1e-3);

        // JSON: every speech window explained first, in the background, with progress
        Path json = dir.resolve("out.json");
        dialogs.saves.add(json.toFile());
        robot.press(KeyCode.CONTROL, KeyCode.E).release(KeyCode.E, KeyCode.CONTROL);
        assertTrue(fx(() -> files().exporting().get()), "the export runs in the background");
        assertTrue(fx(() -> robot.lookup("#export-progress").query().isVisible()), "its progress is shown");
        waitUntil("the JSON", 90, () -> Files.exists(json) && !files().exporting().get());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertTrue(root.isArray());
        JsonNode o = root.get(0);
        assertEquals(wav.toString(), o.get("file").asText());
        assertEquals("untrained.emo", o.get("model").asText());
        assertEquals(6.5, o.get("duration_s").asDouble(), 1e-6);
        assertEquals(a.label(), o.get("label").asText());
        assertEquals(a.confidence(), o.get("confidence").asDouble(), 1e-3);
        assertEquals(List.of("neutral", "happy", "sad", "angry"), fieldNames(o.get("probabilities")));
        JsonNode segs = o.get("segments");
        assertEquals(a.segments().size(), segs.size());
        assertEquals(0.0, segs.get(0).get("start_s").asDouble(), 1e-9);
        assertEquals(6.5, segs.get(segs.size() - 1).get("end_s").asDouble(), 1e-6);
        for (JsonNode s : segs) {
            assertTrue(s.has("label"));
            // a no-speech segment names no emotion, so it has no probabilities
            assertEquals(s.get("label").asText().equals("no_speech") ? 0 : 4, s.path("probabilities").size());
        }
        JsonNode windows = o.get("windows");
        assertEquals(a.windows().size(), windows.size(), "every window, as analyze --explain writes them");
        int explained = 0;
        for (int k = 0; k < windows.size(); k++) {
            JsonNode w = windows.get(k);
            assertEquals(a.windows().get(k).speech(), w.get("speech").asBoolean());
            if (!w.get("speech").asBoolean()) continue;
            JsonNode e = w.get("explanation");
            assertTrue(e.get("reading").asText().startsWith("for " + e.get("class").asText() + ": "), e.toString());
            assertEquals(16, e.get("cells").get(0).size(), "the compact grid: 64 bands in fours");
            explained++;
        }
        assertTrue(explained > 5, explained + " speech windows explained");

        // JSON Lines: the explanations are kept from the JSON export, so it is written at once
        Path jsonl = dir.resolve("out.jsonl");
        dialogs.saves.add(jsonl.toFile());
        fxRun(() -> window.dialogs().export());
        waitUntil("the JSON Lines", 10, () -> Files.exists(jsonl) && !files().exporting().get());
        JsonNode line = new ObjectMapper().readTree(Files.readAllLines(jsonl).get(0));
        assertEquals(o, line, "JSON Lines holds the same object as the CLI prints");

        // playback: the cursor moves, or (no sound output on this machine) a banner says why
        robot.clickOn("#nav-files");
        double cursor = fx(() -> item.cursorSeconds().get());
        robot.clickOn("#play");
        waitUntil("playback to move the cursor or to explain why it cannot", 10, () ->
                item.cursorSeconds().get() > cursor + 0.3 || robot.lookup(".banner.error .banner-title").queryAll()
                        .stream().anyMatch(n -> ((Label) n).getText().startsWith("Cannot play")));
        fxRun(() -> files().stopPlayback());

        // the view as PNG
        Path png = dir.resolve("view.png");
        dialogs.saves.add(png.toFile());
        robot.clickOn("#save-file-image");
        waitUntil("the PNG", 5, () -> Files.exists(png));
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img);
        assertTrue(img.getWidth() > 400 && img.getHeight() > 200, img.getWidth() + "x" + img.getHeight());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void aCorruptFileIsReportedAndTheOthersStillLoad(FxRobot robot) throws IOException {
        AppTestSupport.waitForModel(window);
        Path bad = dir.resolve("broken.wav");
        Files.write(bad, "RIFF\u0024\0\0\0WAVEfmt this is not audio at all".getBytes());
        Path good = speechWav("good.wav", 2);
        dialogs.audio.add(List.of(bad.toFile(), good.toFile()));
        robot.press(KeyCode.CONTROL, KeyCode.O).release(KeyCode.O, KeyCode.CONTROL);
        waitUntil("both files listed", 10, () -> files().items().size() == 2);
        FileItem broken = only("broken.wav");
        FileItem fine = only("good.wav");
        waitUntil("both finished", 60, () -> broken.status().get() == FileItem.Status.FAILED
                && fine.status().get() == FileItem.Status.DONE);
        waitUntil("an error banner naming the file", 5, () -> robot.lookup(".banner.error").queryAll().stream()
                .anyMatch(n -> n.isVisible() && robot.from(n).lookup(".label").queryAll().stream()
                        .anyMatch(l -> ((Label) l).getText().contains("broken.wav"))));
        String reason = fx(() -> broken.message().get());
        assertTrue(reason.contains("broken.wav") && reason.length() > "broken.wav: ".length(), reason);
        assertTrue(fx(() -> robot.lookup(".banner.error .banner-text").queryAs(Label.class).getText()).contains(reason));
    }

    @Test
    void oneSpeakerLearnsTheVoiceFromAllTheFilesAndAnalyzesThemAgain(FxRobot robot) throws IOException {
        AppTestSupport.waitForModel(window);
        fxRun(() -> window.viewModels().shell.selectPage(PageId.FILES));
        robot.clickOn("#one-speaker");
        waitUntil("a model that does not adapt to voices says so", 10, () -> !files().oneSpeaker().get()
                && robot.lookup(".banner.error").queryAll().stream().anyMatch(n -> n.isVisible()
                && robot.from(n).lookup(".label").queryAll().stream()
                .anyMatch(l -> ((Label) l).getText().contains("does not adapt to voices"))));

        ModelBundle plain = ModelBundle.untrained(AppTestSupport.LABELS, FeatureConfig.defaults());
        float[] mean = new float[40];
        float[] std = new float[40];
        java.util.Arrays.fill(std, 5);
        mean[0] = -400;
        SpeakerPrior prior = new SpeakerPrior(mean, std, SpeakerPrior.gateFor(FeatureConfig.defaults()), 100);
        Path adapting = dir.resolve("adapting.emo");
        new ModelBundle(plain.network(), plain.spec(), plain.labels(), plain.featureConfig(),
                plain.normalization().withSpeaker(prior), Map.of(), true).save(adapting);
        fxRun(() -> window.viewModels().model.load(adapting));
        waitUntil("the adapting model", 60, () -> window.viewModels().model.model().get() != null
                && window.viewModels().model.model().get().speakerNormalized());
        Path a = speechWav("first.wav", 2);
        Path b = speechWav("second.wav", 3);
        fxRun(() -> window.viewModels().analyze(List.of(a.toFile(), b.toFile())));
        FileItem first = only("first.wav");
        FileItem second = only("second.wav");
        waitUntil("both analysed alone", 60, () -> first.status().get() == FileItem.Status.DONE
                && second.status().get() == FileItem.Status.DONE);
        FileAnalysis alone = fx(() -> second.analysis().get());
        assertEquals(1, alone.windows().stream().mapToDouble(w -> w.voiceSeconds()).distinct().count(),
                "alone, every window is heard in the voice of its whole file");
        double own = alone.windows().get(0).voiceSeconds();

        robot.clickOn("#one-speaker");
        waitUntil("the voice learnt and both analysed again", 60, () -> files().voice().get().startsWith(
                "One speaker: voice learnt from") && first.status().get() == FileItem.Status.DONE
                && second.status().get() == FileItem.Status.DONE && second.analysis().get() != alone);
        String status = fx(() -> robot.lookup("#voice-status").queryAs(Label.class).getText());
        assertTrue(status.endsWith("in 2 file(s)"), status);
        double learnt = fx(() -> first.analysis().get().windows().get(0).voiceSeconds());
        for (FileItem item : List.of(first, second))
            for (var w : fx(() -> item.analysis().get().windows()))
                assertEquals(learnt, w.voiceSeconds(), 1e-9, "every window of every file uses the one voice");
        assertTrue(learnt > 5 && learnt > own + 1, "both files' speech counts: " + learnt + " s, alone " + own);

        robot.clickOn("#one-speaker");
        FileAnalysis together = fx(() -> second.analysis().get());
        waitUntil("each file alone again", 60, () -> files().voice().get().equals("Each file is its own voice")
                && second.status().get() == FileItem.Status.DONE && second.analysis().get() != together);
        for (var w : fx(() -> second.analysis().get().windows()))
            assertEquals(own, w.voiceSeconds(), 1e-9, "its own voice again");
    }

    @Test
    void analysisCanBeCancelled(FxRobot robot) throws IOException {
        AppTestSupport.waitForModel(window);
        Path longFile = TestAudio.writeWav(dir.resolve("long.wav"), TestAudio.voiced(240, RATE, 5), RATE);
        fxRun(() -> window.viewModels().analyze(List.of(longFile.toFile())));
        FileItem item = only("long.wav");
        waitUntil("the analysis to start", 30, () -> item.status().get() == FileItem.Status.ANALYZING
                && item.progress().get() > 0.05);
        robot.clickOn("#cancel-long-wav");
        waitUntil("cancelled", 10, () -> item.status().get() == FileItem.Status.CANCELLED);
        assertTrue(fx(() -> item.progress().get()) < 1);
        // the next file still runs
        Path next = speechWav("next.wav", 1);
        fxRun(() -> window.viewModels().analyze(List.of(next.toFile())));
        FileItem n = only("next.wav");
        waitUntil("the next file", 60, () -> n.status().get() == FileItem.Status.DONE);
    }
}
