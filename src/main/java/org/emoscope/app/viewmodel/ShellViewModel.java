package org.emoscope.app.viewmodel;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.emoscope.app.bus.EventBus;
import org.emoscope.app.bus.Events;
import org.emoscope.app.bus.PageId;
import org.emoscope.app.service.AppSettings;

/** The main window's own state: the page in front and the theme (remembered in the settings). */
public final class ShellViewModel {

    private final ReadOnlyObjectWrapper<PageId> page = new ReadOnlyObjectWrapper<>(PageId.LIVE);
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper();

    public ShellViewModel(EventBus bus, AppSettings settings) {
        dark.set(settings.darkTheme());
        dark.addListener((o, a, b) -> settings.darkTheme(b));
        bus.subscribe(Events.ShowPage.class, e -> selectPage(e.page()));
        bus.subscribe(Events.InspectRequested.class, e -> {
            if (e.navigate()) selectPage(PageId.ATTENTION);
        });
    }

    /** Brings {@code p} to the front. */
    public void selectPage(PageId p) {
        page.set(p);
    }

    /** Dark theme on or off. */
    public void setDark(boolean on) {
        dark.set(on);
    }

    /** The page in front. */
    public ReadOnlyObjectProperty<PageId> page() {
        return page.getReadOnlyProperty();
    }

    /** Whether the dark theme is on. */
    public ReadOnlyBooleanProperty dark() {
        return dark.getReadOnlyProperty();
    }
}
