package org.emoscope.app;

import javafx.animation.KeyFrame;
import javafx.animation.PauseTransition;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.emoscope.app.bus.EventBus;
import org.emoscope.app.bus.PageId;
import org.emoscope.app.service.AppSettings;
import org.emoscope.app.service.FileDialogs;
import org.emoscope.app.service.MicrophoneProvider;
import org.emoscope.app.service.Snapshots;
import org.emoscope.app.viewmodel.FileItem;
import org.emoscope.app.viewmodel.LiveState;
import org.emoscope.app.viewmodel.ModelViewModel;
import org.emoscope.app.viewmodel.NotificationsViewModel;
import org.emoscope.audio.ArrayAudioSource;
import org.emoscope.audio.AudioClip;
import org.emoscope.audio.AudioDecoder;
import org.emoscope.audio.AudioSource;
import org.emoscope.audio.CaptureDevice;
import org.emoscope.model.DefaultModel;
import org.emoscope.pipeline.FileAnalysis;
import org.emoscope.pipeline.WindowResult;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.prefs.Preferences;

/**
 * A reproducible demonstration, for screenshots and for showing the app without a microphone. System properties:
 * <ul>
 *   <li>{@code emoscope.demo} = {@code live} (a "Demo voice" device plays {@code emoscope.demo.input}, or a
 *       synthetic voice, in real time), {@code file} or {@code attention} (analyses the comma-separated
 *       {@code emoscope.demo.files}), or {@code model};</li>
 *   <li>{@code emoscope.screenshot} = a PNG path: when the demo has reached its state (live: after
 *       {@code emoscope.demo.seconds}, default 20, of listening) the window is saved there and the app exits;</li>
 *   <li>{@code emoscope.demo.theme} = {@code light} or {@code dark}; {@code emoscope.demo.size} = e.g.
 *       {@code 1440x900}; {@code emoscope.demo.state} = {@code speech} (default) or {@code silence}: the live
 *       screenshot waits for that state; {@code emoscope.demo.class} = a label: the Attention page explains that
 *       class instead of the predicted one.</li>
 * </ul>
 * Settings are kept apart from the user's (preferences node {@code org/emoscope/app-demo}).
 */
final class DemoMode {

    private static final int RATE = 16000;
    private final String mode = System.getProperty("emoscope.demo", "");
    private final String screenshot = System.getProperty("emoscope.screenshot");

    static boolean active() {
        String m = System.getProperty("emoscope.demo");
        return m != null && !m.isBlank();
    }

    AppContext context() {
        return new AppContext(new EventBus(), new DemoMicrophone(), FileDialogs.javaFx(),
                new AppSettings(Preferences.userRoot().node("org/emoscope/app-demo")), DefaultModel::locate);
    }

    void prepare(MainWindow w, Stage stage) {
        w.viewModels().shell.setDark("dark".equals(System.getProperty("emoscope.demo.theme")));
        String[] size = System.getProperty("emoscope.demo.size", "1440x900").split("x");
        stage.setWidth(Double.parseDouble(size[0]));
        stage.setHeight(Double.parseDouble(size[1]));
        w.viewModels().shell.selectPage(switch (mode) {
            case "file" -> PageId.FILES;
            case "attention" -> PageId.ATTENTION;
            case "model" -> PageId.MODEL;
            default -> PageId.LIVE;
        });
    }

    void run(MainWindow w, Stage stage) {
        ViewModels vms = w.viewModels();
        after(Duration.seconds(Double.parseDouble(System.getProperty("emoscope.demo.timeout", "180"))), () -> {
            System.err.println("emoscope demo: timed out before reaching its state");
            finish(w);
        });
        whenModelReady(vms, () -> {
            switch (mode) {
                case "file", "attention" -> files(w);
                case "model" -> after(Duration.seconds(1), () -> finish(w));
                default -> live(w);
            }
        });
    }

    private void whenModelReady(ViewModels vms, Runnable then) {
        if (vms.model.state().get() == ModelViewModel.State.READY && vms.model.model().get() != null) {
            then.run();
            return;
        }
        vms.model.state().addListener((o, a, b) -> {
            if (b == ModelViewModel.State.READY) Platform.runLater(then);
        });
    }

    private void live(MainWindow w) {
        ViewModels vms = w.viewModels();
        vms.live.start();
        double seconds = Double.parseDouble(System.getProperty("emoscope.demo.seconds", "20"));
        boolean silence = "silence".equals(System.getProperty("emoscope.demo.state"));
        vms.live.state().addListener((o, a, b) -> {
            if (b != LiveState.RUNNING) return;
            // after the given time, wait for the state asked for (speech by default), then a moment more
            after(Duration.seconds(seconds), () -> whenLive(vms, silence, () -> after(Duration.millis(150),
                    () -> finish(w))));
        });
    }

    /** Runs {@code then} once live analysis has shown speech (or silence) for a while. */
    private static void whenLive(ViewModels vms, boolean silence, Runnable then) {
        Timeline poll = new Timeline();
        int[] held = {0};
        int needed = 8;
        poll.getKeyFrames().add(new KeyFrame(Duration.millis(100), e -> {
            held[0] = vms.live.display().speech().get() == silence ? 0 : held[0] + 1;
            if (held[0] < needed) return;
            poll.stop();
            then.run();
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    private void files(MainWindow w) {
        ViewModels vms = w.viewModels();
        String list = System.getProperty("emoscope.demo.files", "");
        List<File> files = Arrays.stream(list.split(",")).filter(s -> !s.isBlank()).map(File::new).toList();
        if (files.isEmpty()) {
            vms.notifications.add(new NotificationsViewModel.Notice(NotificationsViewModel.Kind.ERROR, "Demo",
                    "Set emoscope.demo.files to the audio files to show"));
            after(Duration.seconds(1), () -> finish(w));
            return;
        }
        vms.files.addFiles(files);
        Timeline poll = new Timeline();
        poll.getKeyFrames().add(new KeyFrame(Duration.millis(250), e -> {
            boolean busy = vms.files.items().stream().anyMatch(i -> i.status().get() == FileItem.Status.QUEUED
                    || i.status().get() == FileItem.Status.ANALYZING);
            if (busy) return;
            poll.stop();
            showResult(w);
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    private void showResult(MainWindow w) {
        ViewModels vms = w.viewModels();
        FileItem done = vms.files.items().stream().filter(i -> i.analysis().get() != null).findFirst().orElse(null);
        if (done != null) {
            vms.files.select(done);
            FileAnalysis a = done.analysis().get();
            int pick = speechWindowNear(a, 0.45 * a.durationSeconds());
            WindowResult win = a.windows().get(pick);
            vms.files.selectWindow(done, pick);
            vms.files.moveCursor(done, Math.min(a.durationSeconds(), win.endSeconds() + 0.4));
            if ("attention".equals(mode)) {
                w.viewModels().attention.show(done.inspection(), pick);
                int k = a.labels().indexOf(System.getProperty("emoscope.demo.class", ""));
                if (k >= 0) w.viewModels().attention.explainClass(k);
            }
        }
        vms.shell.selectPage("attention".equals(mode) ? PageId.ATTENTION : PageId.FILES);
        if ("attention".equals(mode)) whenExplained(vms, () -> after(Duration.seconds(0.5), () -> finish(w)));
        else after(Duration.seconds(1.5), () -> finish(w));
    }

    /** Runs {@code then} once the Attention page has its explanation (or says why it has none). */
    private static void whenExplained(ViewModels vms, Runnable then) {
        Timeline poll = new Timeline();
        poll.getKeyFrames().add(new KeyFrame(Duration.millis(200), e -> {
            if (vms.attention.computing().get()) return;
            poll.stop();
            then.run();
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    private static int speechWindowNear(FileAnalysis a, double t) {
        int best = 0;
        double bestD = Double.MAX_VALUE;
        for (int i = 0; i < a.windows().size(); i++) {
            WindowResult w = a.windows().get(i);
            double d = Math.abs((w.startSeconds() + w.endSeconds()) / 2 - t) + (w.speech() ? 0 : 1000);
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    private void finish(MainWindow w) {
        if (screenshot == null || screenshot.isBlank()) return;
        try {
            Snapshots.save(w.scene(), new File(screenshot));
            System.err.println("emoscope demo: saved " + screenshot);
        } catch (IOException e) {
            System.err.println("emoscope demo: " + e.getMessage());
        }
        w.viewModels().shutdown();
        Platform.exit();
    }

    private static void after(Duration d, Runnable r) {
        PauseTransition p = new PauseTransition(d);
        p.setOnFinished(e -> r.run());
        p.play();
    }

    /** One capture device that plays the demo input in real time. */
    private static final class DemoMicrophone implements MicrophoneProvider {
        private static final CaptureDevice DEVICE = new CaptureDevice("Demo voice", "EmoScope demonstration input");

        @Override
        public List<CaptureDevice> devices() {
            return List.of(DEVICE);
        }

        @Override
        public AudioSource open(String deviceName, int sampleRate) {
            return new ArrayAudioSource(input(sampleRate), sampleRate, DEVICE.name(), true);
        }

        private static float[] input(int rate) {
            String file = System.getProperty("emoscope.demo.input");
            float[] voice;
            if (file != null && !file.isBlank()) {
                try {
                    AudioClip c = AudioDecoder.decode(Path.of(file), rate);
                    voice = c.samples();
                } catch (IOException e) {
                    System.err.println("emoscope demo: " + e.getMessage() + "; using a synthetic voice");
                    voice = SyntheticVoice.phrase(rate, 2.2, 1);
                }
            } else {
                voice = SyntheticVoice.phrase(rate, 2.2, 1);
            }
            return SyntheticVoice.repeatWithPauses(voice, rate, 4.0, 300);
        }
    }
}
