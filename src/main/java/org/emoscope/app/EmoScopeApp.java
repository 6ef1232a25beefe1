package org.emoscope.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** The desktop app. */
public final class EmoScopeApp extends Application {

    /** Launches the app and returns when its window closes. */
    public static void launchApp() {
        Application.launch(EmoScopeApp.class);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("EmoScope");
        stage.setScene(new Scene(new StackPane(new Label("EmoScope: the desktop app is being built (issue 4). "
                + "Use the command line meanwhile: emoscope analyze FILE")), 720, 200));
        stage.show();
    }
}
