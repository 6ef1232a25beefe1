package org.emoscope.app.viewmodel;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.emoscope.app.bus.EventBus;
import org.emoscope.app.bus.Events;
import org.emoscope.app.bus.PageId;
import org.emoscope.app.service.AppSettings;

/** The main window's own state: the page in front and the theme. */
public final class ShellViewModel {

    private final ObjectProperty<PageId> page = new SimpleObjectProperty<>(PageId.LIVE);
    private final BooleanProperty dark = new SimpleBooleanProperty();

    public ShellViewModel(EventBus bus, AppSettings settings) {
        dark.set(settings.darkTheme());
        dark.addListener((o, a, b) -> settings.darkTheme(b));
        bus.subscribe(Events.ShowPage.class, e -> page.set(e.page()));
        bus.subscribe(Events.InspectRequested.class, e -> {
            if (e.navigate()) page.set(PageId.ATTENTION);
        });
    }

    public ObjectProperty<PageId> page() {
        return page;
    }

    public BooleanProperty dark() {
        return dark;
    }
}
