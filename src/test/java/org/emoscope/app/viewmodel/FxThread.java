package org.emoscope.app.viewmodel;

import org.emoscope.app.service.AppSettings;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * For view-model tests whose background tasks ({@code javafx.concurrent.Task}) report on the JavaFX thread: the
 * headless toolkit (as the window tests start it, through TestFX; no window is shown), running code there, waiting
 * for a condition there. Also settings of a test's own.
 */
final class FxThread {

    private FxThread() {
    }

    static synchronized void start() {
        try {
            FxToolkit.registerPrimaryStage();
        } catch (TimeoutException e) {
            throw new IllegalStateException("the JavaFX toolkit did not start", e);
        }
    }

    /** Runs {@code body} on the JavaFX thread and returns its result. */
    static <T> T call(Callable<T> body) {
        try {
            return WaitForAsyncUtils.asyncFx(body).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw new RuntimeException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new RuntimeException(e);
        }
    }

    static void run(Runnable body) {
        call(() -> {
            body.run();
            return null;
        });
    }

    /** Waits until {@code condition}, evaluated on the JavaFX thread, holds. */
    static void waitUntil(String what, double seconds, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor((long) (seconds * 1000), TimeUnit.MILLISECONDS,
                    () -> call(condition::getAsBoolean));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + seconds + " s waiting for: " + what);
        }
    }

    /** A preferences node of the test's own, for {@link AppSettings}; {@link #forget} removes it. */
    static Preferences testNode() {
        return Preferences.userRoot().node("org/emoscope/app-test/" + UUID.randomUUID());
    }

    static void forget(Preferences node) {
        try {
            node.removeNode();
        } catch (BackingStoreException | IllegalStateException e) {
            // best effort
        }
    }
}
