package org.emoscope.app;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.emoscope.app.bus.Inspection;
import org.emoscope.app.bus.PageId;
import org.emoscope.app.service.AppSettings;
import org.emoscope.app.viewmodel.AttentionViewModel;
import org.emoscope.app.viewmodel.LiveDisplay;
import org.emoscope.app.viewmodel.LiveState;
import org.emoscope.app.viewmodel.LiveViewModel;
import org.emoscope.pipeline.TestAudio;
import org.emoscope.pipeline.WindowResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.prefs.Preferences;

import static org.emoscope.app.AppTestSupport.fx;
import static org.emoscope.app.AppTestSupport.fxRun;
import static org.emoscope.app.AppTestSupport.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live mode with a fake microphone: start/stop, probabilities, no-speech state, missing and unplugged devices. */
@ExtendWith(ApplicationExtension.class)
@Timeout(180)
class LiveModeTest {

    private final FakeMicrophones mics = new FakeMicrophones();
    private final FakeDialogs dialogs = new FakeDialogs();
    private final Preferences prefs = AppTestSupport.testNode();
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = AppTestSupport.showWindow(stage, mics, dialogs, prefs);
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeWindow(window, prefs);
    }

    private LiveViewModel live() {
        return window.viewModels().live;
    }

    @Test
    void startsAndStopsWithTheButtonAndTheSpaceBar(FxRobot robot) {
        AppTestSupport.waitForModel(window);
        waitUntil("the fake device to be listed", 10, () -> !live().devices().isEmpty());
        AtomicInteger updates = new AtomicInteger();
        fxRun(() -> live().display().probabilities().addListener((o, a, b) -> updates.incrementAndGet()));

        robot.clickOn("#live-toggle");
        waitUntil("running", 15, () -> live().state().get() == LiveState.RUNNING);
        // the first window needs 2 s of audio; from then on one arrives every 250 ms
        waitUntil("the first window", 15, () -> live().display().windows().get() >= 1);
        long t0 = System.nanoTime();
        int first = updates.get();
        waitUntil("12 more windows", 30, () -> live().display().windows().get() >= 13);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int inWindow = updates.get() - first;
        LiveDisplay d = live().display();
        assertTrue(fx(() -> d.speechWindows().get()) >= 1, "speech windows reported");
        assertTrue(inWindow >= 12, "probability bars updated " + inWindow + " times");
        assertTrue(inWindow / seconds >= 3.5,
                "probabilities updated at least ~4 times a second: " + inWindow + " in " + seconds + " s");
        assertTrue(fx(() -> d.spectrogram().total()) > 100, "spectrogram frames arrived");
        assertTrue(fx(() -> d.history().points().size()) >= 12, "timeline points");
        String dominant = fx(() -> robot.lookup("#dominant-emotion").queryAs(Label.class).getText());
        assertTrue(AppTestSupport.LABELS.stream().anyMatch(l -> dominant.equalsIgnoreCase(l))
                || dominant.equals("No speech"), "dominant emotion shown: " + dominant);
        assertEquals("Stop", fx(() -> robot.lookup("#live-toggle").queryButton().getText()));

        // explanations are on demand: live windows come without; Inspect explains the window it shows
        robot.clickOn("#live-inspect");
        waitUntil("the attention page", 5, () -> window.viewModels().shell.page().get() == PageId.ATTENTION);
        AttentionViewModel attention = window.viewModels().attention;
        Inspection snapshot = fx(() -> attention.inspection().get());
        assertTrue(snapshot.windows().size() >= 12, snapshot.windows().size() + " windows inspected");
        assertTrue(snapshot.windows().stream().allMatch(w -> w.explanation() == null),
                "no window was explained as it came");
        waitUntil("the inspected window explained (or said to have no speech)", 60, () -> !attention.computing().get()
                && (attention.explanation().get() != null || !attention.status().get().isEmpty()));
        assertEquals(snapshot.windows().size() - 1, (int) fx(() -> attention.selected().get()), "the newest window");
        fxRun(() -> window.viewModels().shell.selectPage(PageId.LIVE));

        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        waitUntil("stopped", 10, () -> live().state().get() == LiveState.IDLE);
        waitUntil("the source closed", 10, () -> mics.opened.get(0).closed);
        robot.press(KeyCode.SPACE).release(KeyCode.SPACE);
        waitUntil("running again", 15, () -> live().state().get() == LiveState.RUNNING);
        assertEquals(2, mics.opens.get());
        assertEquals(FakeMicrophones.DEVICE.name(), new AppSettings(prefs).lastDevice(), "device remembered");
        robot.clickOn("#live-toggle");
        waitUntil("stopped", 10, () -> live().state().get() == LiveState.IDLE);
    }

    @Test
    void silenceShowsNoSpeech(FxRobot robot) {
        mics.signal = rate -> TestAudio.silence(60, rate);
        AppTestSupport.waitForModel(window);
        waitUntil("the fake device to be listed", 10, () -> !live().devices().isEmpty());
        robot.clickOn("#live-toggle");
        waitUntil("4 windows", 30, () -> live().display().windows().get() >= 4);
        assertEquals(0, fx(() -> live().display().speechWindows().get()));
        assertEquals(WindowResult.NO_SPEECH, fx(() -> live().display().dominant().get()));
        assertEquals("No speech", fx(() -> robot.lookup("#dominant-emotion").queryAs(Label.class).getText()));
        robot.clickOn("#live-toggle");
    }

    @Test
    void noMicrophoneShowsAMessageAndStartsWhenOneArrives(FxRobot robot) {
        mics.devices.clear();
        fxRun(() -> live().refreshDevices()); // as at start-up, now with no device
        AppTestSupport.waitForModel(window);
        waitUntil("the no-microphone message", 10, () -> robot.lookup("#live-problem").query().isVisible());
        assertTrue(fx(() -> robot.lookup("#live-message").queryAs(Label.class).getText()).contains("No microphone"));
        // nobody asked to listen: the page stays stopped, it does not offer to "Stop waiting"
        assertEquals(LiveState.IDLE, fx(() -> live().state().get()));
        assertEquals("Start listening", fx(() -> robot.lookup("#live-toggle").queryAs(Button.class).getText()));
        // asked to start while none is there: keeps waiting, then starts by itself when one appears
        robot.clickOn("#live-toggle");
        waitUntil("waiting again", 10, () -> live().state().get() == LiveState.WAITING_FOR_DEVICE);
        mics.plugIn();
        waitUntil("running once the device is back", 10, () -> live().state().get() == LiveState.RUNNING);
        assertTrue(fx(() -> !robot.lookup("#live-problem").query().isVisible()), "message gone");
        robot.clickOn("#live-toggle");
    }

    @Test
    void unpluggedMidStreamShowsAMessageAndRecovers(FxRobot robot) {
        AppTestSupport.waitForModel(window);
        waitUntil("the fake device to be listed", 10, () -> !live().devices().isEmpty());
        robot.clickOn("#live-toggle");
        waitUntil("some windows", 30, () -> live().display().windows().get() >= 3);
        mics.unplug();
        waitUntil("the unplugged message", 10, () -> live().state().get() == LiveState.WAITING_FOR_DEVICE
                && robot.lookup("#live-problem").query().isVisible());
        assertTrue(fx(() -> live().message().get()).contains("unplugged"));
        // the window stays responsive while waiting: switch pages and back
        robot.clickOn("#nav-model");
        robot.clickOn("#nav-live");
        mics.plugIn();
        waitUntil("running again", 10, () -> live().state().get() == LiveState.RUNNING);
        int before = fx(() -> live().display().windows().get());
        waitUntil("new windows after recovery", 30, () -> live().display().windows().get() > before + 2);
        robot.clickOn("#live-toggle");
    }
}
