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
        try {
            org.emoscope.app.EmoScopeApp.launchApp(files);
        } catch (RuntimeException | LinkageError e) {
            String why = String.valueOf(e.getMessage());
            if (!why.contains("GTK")) throw e;
            // JavaFX found no GTK 3 (run without bin/emoscope, which installs or asks for it first)
            System.err.println("emoscope: the desktop app needs GTK 3, which JavaFX could not load (" + why + ").\n"
                    + "  Debian/Ubuntu: sudo apt-get install libgtk-3-0    Fedora: sudo dnf install gtk3\n"
                    + "The command line needs nothing more: emoscope --help");
            return 2;
        }
        return 0;
    }
}
