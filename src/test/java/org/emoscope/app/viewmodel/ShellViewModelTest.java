package org.emoscope.app.viewmodel;

import org.emoscope.app.AppTestSupport;
import org.emoscope.app.bus.EventBus;
import org.emoscope.app.bus.Events;
import org.emoscope.app.bus.Inspection;
import org.emoscope.app.bus.PageId;
import org.emoscope.app.service.AppSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window's page and theme, without a display: the bus delivers at once. */
class ShellViewModelTest {

    private final Preferences prefs = AppTestSupport.testNode();
    private final AppSettings settings = new AppSettings(prefs);
    private final EventBus bus = new EventBus(Runnable::run);
    private final ShellViewModel shell = new ShellViewModel(bus, settings);

    @AfterEach
    void forget() {
        AppTestSupport.forget(prefs);
    }

    @Test
    void opensOnLiveAndShowsThePageAskedFor() {
        assertEquals(PageId.LIVE, shell.page().get());
        shell.selectPage(PageId.MODEL);
        assertEquals(PageId.MODEL, shell.page().get());
        bus.publish(new Events.ShowPage(PageId.FILES));
        assertEquals(PageId.FILES, shell.page().get(), "any view-model can bring a page to the front");
    }

    @Test
    void inspectingBringsTheAttentionPageOnlyWhenAskedTo() {
        Inspection none = new Inspection("x", null, new float[0][], 0, 0.01, List.of());
        bus.publish(new Events.InspectRequested(none, 0, false));
        assertEquals(PageId.LIVE, shell.page().get(), "a click on a file's timeline stays on the Files page");
        bus.publish(new Events.InspectRequested(none, 0, true));
        assertEquals(PageId.ATTENTION, shell.page().get());
    }

    @Test
    void theThemeIsRememberedForTheNextWindow() {
        assertFalse(shell.dark().get());
        shell.setDark(true);
        assertTrue(shell.dark().get());
        assertTrue(settings.darkTheme());
        assertTrue(new ShellViewModel(new EventBus(Runnable::run), settings).dark().get());
        shell.setDark(false);
        assertFalse(new ShellViewModel(new EventBus(Runnable::run), settings).dark().get());
    }
}
