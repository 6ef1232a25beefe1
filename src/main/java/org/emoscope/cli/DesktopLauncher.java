package org.emoscope.cli;

import java.awt.GraphicsEnvironment;
import java.util.List;

/** Starts the desktop app, or explains why it cannot. */
final class DesktopLauncher {

    private DesktopLauncher() {
    }

    /** Opens the app on {@code files} (audio to analyse at once; may be empty). */
    static int launch(List<String> files) {
        if (GraphicsEnvironment.isHeadless() && System.getenv("DISPLAY") == null
                && System.getenv("WAYLAND_DISPLAY") == null) {
            System.err.println("emoscope: no display found, so the desktop app cannot open. "
                    + "Run under a desktop session (or Xvfb), or use a command: emoscope --help");
            return 2;
        }
        org.emoscope.app.EmoScopeApp.launchApp(files);
        return 0;
    }
}
