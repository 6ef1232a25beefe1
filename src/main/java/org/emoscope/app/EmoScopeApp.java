package org.emoscope.app;

import java.io.File;
import java.util.List;

import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The desktop app. {@link #launchApp(List)} opens the main window, analyses the files it was given (as if they had
 * been dropped on it) and returns when the window closes. With the system property {@code emoscope.demo} set it runs
 * a reproducible demonstration instead (see {@link DemoMode}).
 */
public final class EmoScopeApp extends Application {

    /** Launches the app with audio files to analyse (may be empty) and returns when its window closes. */
    public static void launchApp(List<String> files) {
        Application.launch(EmoScopeApp.class, files.toArray(new String[0]));
    }

    @Override
    public void start(Stage stage) {
        if (DemoMode.active()) {
            DemoMode demo = new DemoMode();
            MainWindow window = new MainWindow(demo.context());
            demo.prepare(window, stage);
            window.show(stage);
            demo.run(window, stage);
        } else {
            MainWindow window = new MainWindow(AppContext.defaults());
            window.show(stage);
            List<File> files = getParameters().getUnnamed().stream().map(File::new).toList();
            window.viewModels().analyze(files);
        }
    }
}
