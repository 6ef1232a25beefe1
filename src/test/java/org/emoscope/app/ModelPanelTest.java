package org.emoscope.app;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.emoscope.app.service.AppSettings;
import org.emoscope.app.viewmodel.ModelViewModel;
import org.emoscope.features.FeatureConfig;
import org.emoscope.model.ModelBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.prefs.Preferences;
import java.util.stream.Collectors;

import static org.emoscope.app.AppTestSupport.fx;
import static org.emoscope.app.AppTestSupport.fxRun;
import static org.emoscope.app.AppTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model panel: what is loaded, the untrained warning, figures, and loading good and bad bundles. */
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class ModelPanelTest {

    private final FakeDialogs dialogs = new FakeDialogs();
    private final Preferences prefs = AppTestSupport.testNode();
    private MainWindow window;
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        window = AppTestSupport.showWindow(stage, new FakeMicrophones(), dialogs, prefs);
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeWindow(window, prefs);
    }

    private String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }

    private static String gridText(GridPane g) {
        return g.getChildren().stream().map(n -> ((Label) n).getText()).collect(Collectors.joining("|"));
    }

    @Test
    void showsTheBundleAndKeepsItWhenAnotherFailsToLoad(FxRobot robot) throws IOException {
        AppTestSupport.waitForModel(window);
        robot.clickOn("#nav-model");
        ModelViewModel vm = window.viewModels().model;
        assertEquals(AppTestSupport.bundle().toAbsolutePath().toString(), text(robot, "#model-path"));
        assertTrue(fx(() -> robot.lookup("#untrained-warning").query().isVisible()), "untrained warning");
        List<String> chips = fx(() -> robot.lookup("#model-labels").queryAs(javafx.scene.layout.FlowPane.class)
                .getChildren().stream().map(n -> ((Label) n).getText()).toList());
        assertEquals(AppTestSupport.LABELS, chips);
        String figures = fx(() -> gridText(robot.lookup("#model-figures").queryAs(GridPane.class)));
        assertTrue(figures.contains("Accuracy, held-out speakers|not recorded"), figures);
        String meta = fx(() -> gridText(robot.lookup("#model-metadata").queryAs(GridPane.class)));
        assertTrue(meta.contains("note|untrained"), meta);
        assertTrue(text(robot, "#sidebar-model").contains("untrained.emo"));

        // a bad bundle: its reason is shown and the old model stays
        Path bad = dir.resolve("broken.emo");
        Files.writeString(bad, "not a model");
        Object before = fx(() -> vm.model().get());
        dialogs.models.add(bad.toFile());
        robot.clickOn("#load-model");
        waitUntil("the load error", 30, () -> !vm.error().get().isEmpty()
                && vm.state().get() == ModelViewModel.State.READY);
        String error = text(robot, "#model-error");
        assertTrue(error.startsWith("Cannot load model bundle") && error.contains("broken.emo"), error);
        assertTrue(fx(() -> robot.lookup("#model-error").query().isVisible()));
        assertEquals(before, fx(() -> vm.model().get()), "the previous model is kept");
        assertEquals(AppTestSupport.bundle().toAbsolutePath().toString(), text(robot, "#model-path"));
        waitUntil("an error banner", 5, () -> !robot.lookup(".banner.error").queryAll().isEmpty());

        // a good one with training figures
        Path good = dir.resolve("trained.emo");
        ModelBundle.untrained(List.of("calm", "angry"), FeatureConfig.defaults())
                .withMetadata(Map.of("validation_wa", 0.712, "corpora", List.of("ravdess", "tess"), "epochs_run", 12))
                .save(good);
        dialogs.models.add(good.toFile());
        robot.clickOn("#load-model");
        waitUntil("the new model", 30, () -> vm.path().get() != null && vm.path().get().equals(good)
                && vm.state().get() == ModelViewModel.State.READY);
        assertTrue(vm.error().get().isEmpty());
        String newFigures = fx(() -> gridText(robot.lookup("#model-figures").queryAs(GridPane.class)));
        assertTrue(newFigures.contains("Accuracy, held-out speakers|71.2 %"), newFigures);
        assertTrue(newFigures.contains("Trained on|ravdess, tess"), newFigures);
        assertTrue(newFigures.contains("Macro F1|not recorded"), newFigures);
        waitUntil("live labels follow the model", 5,
                () -> window.viewModels().live.display().labels().equals(List.of("calm", "angry")));
        Node bars = robot.lookup("#live-bars").query();
        assertEquals(2 * 4, fx(() -> ((GridPane) bars).getChildren().size()), "one bar row per label");
    }

    @Test
    void switchesThemeAndRemembersIt(FxRobot robot) {
        assertTrue(fx(() -> window.scene().getStylesheets().stream().anyMatch(s -> s.endsWith("themes/light.css"))),
                "light theme by default (stylesheets found in assets/)");
        robot.clickOn("#theme-toggle");
        assertTrue(fx(() -> window.scene().getStylesheets().stream().anyMatch(s -> s.endsWith("themes/dark.css"))));
        assertTrue(new AppSettings(prefs).darkTheme(), "theme remembered");
        assertTrue(fx(() -> ((Stage) window.scene().getWindow()).getTitle()).startsWith("EmoScope — "));
        assertTrue(fx(() -> !((Stage) window.scene().getWindow()).getIcons().isEmpty()), "window icon from assets/");
    }
}
