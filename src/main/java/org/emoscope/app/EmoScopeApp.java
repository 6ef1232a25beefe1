package org.emoscope.app;

import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The desktop app. {@link #launchApp()} opens the main window and returns when it closes. With the system property
 * {@code emoscope.demo} set it runs a reproducible demonstration instead (see {@link DemoMode}).
 */
public final class EmoScopeApp extends Application {

    /** Launches the app and returns when its window closes. */
    public static void launchApp() {
        Application.launch(EmoScopeApp.class);
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
            new MainWindow(AppContext.defaults()).show(stage);
        }
    }
}
