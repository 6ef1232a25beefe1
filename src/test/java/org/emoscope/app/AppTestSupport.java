package org.emoscope.app;

import javafx.application.Platform;
import javafx.stage.Stage;
import org.emoscope.app.bus.EventBus;
import org.emoscope.app.service.AppSettings;
import org.emoscope.app.viewmodel.ModelViewModel;
import org.emoscope.features.FeatureConfig;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.ModelBundle;
import org.emoscope.model.ModelBundleException;
import org.emoscope.model.Nd4jRuntime;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * Shared set-up of the app's tests: ND4J, an untrained bundle, isolated preferences, the headless toolkit, running
 * code on the JavaFX thread and waiting there; and the window tests' window.
 */
public final class AppTestSupport {

    public static final List<String> LABELS = List.of("neutral", "happy", "sad", "angry");
    private static Path bundle;

    static {
        // a screen big enough for the largest test window (read when the Monocle platform starts; the pom sets it too)
        System.setProperty("headless.geometry", "1920x1080-32");
        Nd4jRuntime.configure();
        Nd4jRuntime.setThreads(1);
    }

    private AppTestSupport() {
    }

    /** An untrained bundle with {@link #LABELS}, made once per test run. */
    public static synchronized Path bundle() {
        if (bundle == null) {
            try {
                Path dir = Files.createTempDirectory("emoscope-app-test");
                Path file = dir.resolve("untrained.emo");
                // remembered only once saved: a window closed while its loader thread was saving here interrupts
                // the save, and every later test would then get a path to nothing
                ModelBundle.untrained(LABELS, FeatureConfig.defaults()).save(file);
                dir.toFile().deleteOnExit();
                file.toFile().deleteOnExit();
                bundle = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bundle;
    }

    /** The model in {@link #bundle()}, loaded anew. */
    public static EmotionModel model() {
        try {
            return EmotionModel.load(bundle());
        } catch (ModelBundleException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts the headless JavaFX toolkit, as the window tests' TestFX extension does, for tests of view-models whose
     * tasks report on the JavaFX thread; it opens no window.
     */
    public static void startToolkit() {
        try {
            FxToolkit.registerPrimaryStage();
        } catch (TimeoutException e) {
            throw new IllegalStateException("the JavaFX toolkit did not start", e);
        }
    }

    /** A preferences node of the test's own; remove it with {@link #forget}. */
    public static Preferences testNode() {
        return Preferences.userRoot().node("org/emoscope/app-test/" + UUID.randomUUID());
    }

    public static void forget(Preferences node) {
        try {
            node.removeNode();
        } catch (BackingStoreException | IllegalStateException e) {
            // best effort
        }
    }

    static AppContext context(FakeMicrophones mics, FakeDialogs dialogs, AppSettings settings) {
        return new AppContext(new EventBus(), mics, dialogs, settings, AppTestSupport::bundle);
    }

    /**
     * The test window: a {@link MainWindow} on fake microphones and dialogs and the given preferences, 1400 x 900.
     * Each TestFX class calls this from its own {@code @Start} method (TestFX 4.0.18 only finds {@code @Start} on the
     * test class itself).
     */
    static MainWindow showWindow(Stage stage, FakeMicrophones mics, FakeDialogs dialogs, Preferences prefs) {
        MainWindow window = new MainWindow(context(mics, dialogs, new AppSettings(prefs)));
        stage.setWidth(1400);
        stage.setHeight(900);
        window.show(stage);
        return window;
    }

    /** Ends a test window's worker threads and removes its preferences. */
    static void closeWindow(MainWindow window, Preferences prefs) {
        fxRun(() -> window.viewModels().shutdown());
        forget(prefs);
    }

    /** Waits until {@code condition}, evaluated on the JavaFX thread, holds. */
    public static void waitUntil(String what, double seconds, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor((long) (seconds * 1000), TimeUnit.MILLISECONDS, () -> fx(condition::getAsBoolean));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + seconds + " s waiting for: " + what);
        }
    }

    /** Runs {@code body} on the JavaFX thread and returns its result. */
    public static <T> T fx(Callable<T> body) {
        if (Platform.isFxApplicationThread()) {
            try {
                return body.call();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }
        try {
            return WaitForAsyncUtils.asyncFx(body).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new RuntimeException(e);
        }
    }

    public static void fxRun(Runnable body) {
        fx(() -> {
            body.run();
            return null;
        });
    }

    static void waitForModel(MainWindow w) {
        try {
            waitUntil("the model to load", 60, () -> w.viewModels().model.state().get() == ModelViewModel.State.READY
                    && w.viewModels().model.model().get() != null);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " (state " + fx(() -> w.viewModels().model.state().get())
                    + ", error: " + fx(() -> w.viewModels().model.error().get()) + ")", e);
        }
    }
}
