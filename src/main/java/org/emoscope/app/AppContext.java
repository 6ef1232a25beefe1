package org.emoscope.app;

import org.emoscope.app.bus.EventBus;
import org.emoscope.app.service.AppSettings;
import org.emoscope.app.service.FileDialogs;
import org.emoscope.app.service.MicrophoneProvider;
import org.emoscope.model.DefaultModel;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * What the app is wired to: the outside world behind small interfaces, so tests and the demo mode can replace the
 * microphone, the file choosers, the stored settings and the model.
 *
 * @param bus           the event bus shared by the view-models
 * @param microphones   where live audio comes from
 * @param dialogs       file choosers
 * @param settings      remembered device, folder and theme
 * @param modelLocation where the model to load at start-up is (called off the JavaFX thread)
 */
public record AppContext(EventBus bus, MicrophoneProvider microphones, FileDialogs dialogs, AppSettings settings,
                         Callable<Path> modelLocation) {

    /** The real thing: Java Sound, JavaFX file choosers, the user's preferences, the shipped model. */
    public static AppContext defaults() {
        return new AppContext(new EventBus(), MicrophoneProvider.javaSound(), FileDialogs.javaFx(), AppSettings.user(),
                DefaultModel::locate);
    }

    public AppContext withMicrophones(MicrophoneProvider m) {
        return new AppContext(bus, m, dialogs, settings, modelLocation);
    }
}
