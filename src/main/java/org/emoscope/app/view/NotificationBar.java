package org.emoscope.app.view;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.emoscope.app.viewmodel.NotificationsViewModel;

/** The banners at the top of the window: errors (until dismissed) and short-lived information. */
public final class NotificationBar extends VBox {

    public NotificationBar(NotificationsViewModel vm) {
        super(6);
        setId("notifications");
        getStyleClass().add("notifications");
        vm.notices().addListener((ListChangeListener<NotificationsViewModel.Notice>) c -> rebuild(vm));
        managedProperty().bind(visibleProperty());
        rebuild(vm);
    }

    private void rebuild(NotificationsViewModel vm) {
        getChildren().clear();
        for (NotificationsViewModel.Notice n : vm.notices()) {
            Label title = new Label(n.title());
            title.getStyleClass().add("banner-title");
            title.setVisible(!n.title().isEmpty());
            title.managedProperty().bind(title.visibleProperty());
            Label text = new Label(Ui.shortPaths(n.message(), 72)); // the tooltip has the whole path
            if (!text.getText().equals(n.message())) text.setTooltip(new javafx.scene.control.Tooltip(n.message()));
            text.setWrapText(true);
            text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            Ui.wholeWords(text);
            text.getStyleClass().add("banner-text");
            VBox texts = new VBox(1, title, text);
            HBox.setHgrow(texts, Priority.ALWAYS);
            Button close = new Button("✕");
            close.getStyleClass().addAll("flat", "small");
            close.setOnAction(e -> vm.dismiss(n));
            HBox banner = new HBox(10, texts, close);
            banner.setAlignment(Pos.CENTER_LEFT);
            banner.getStyleClass().addAll("banner", n.kind() == NotificationsViewModel.Kind.ERROR ? "error" : "info");
            getChildren().add(banner);
        }
        setVisible(!vm.notices().isEmpty());
    }
}
