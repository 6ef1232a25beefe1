package org.emoscope.app.viewmodel;

import javafx.util.Duration;
import org.emoscope.app.bus.EventBus;
import org.emoscope.app.bus.Events;
import org.emoscope.app.viewmodel.NotificationsViewModel.Kind;
import org.emoscope.app.viewmodel.NotificationsViewModel.Notice;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The banners, without a display: the bus delivers at once and the test keeps the clock. */
class NotificationsViewModelTest {

    private record Later(Duration after, Runnable action) {
    }

    private final EventBus bus = new EventBus(Runnable::run);
    private final List<Later> timers = new ArrayList<>();
    private final NotificationsViewModel vm = new NotificationsViewModel(bus,
            (after, action) -> timers.add(new Later(after, action)));

    @Test
    void errorsStayUntilDismissed() {
        bus.publish(new Events.ErrorRaised("Cannot analyse a.wav", "a.wav: not audio"));
        assertEquals(List.of(new Notice(Kind.ERROR, "Cannot analyse a.wav", "a.wav: not audio")), vm.notices());
        assertTrue(timers.isEmpty(), "an error does not go away by itself");
        vm.dismiss(vm.notices().get(0));
        assertTrue(vm.notices().isEmpty());
    }

    @Test
    void informationGoesAwayAfterAFewSeconds() {
        bus.publish(new Events.InfoRaised("Saved x.png"));
        assertEquals(List.of(new Notice(Kind.INFO, "", "Saved x.png")), vm.notices());
        assertEquals(1, timers.size());
        assertEquals(NotificationsViewModel.INFO_TIME, timers.get(0).after());
        timers.get(0).action().run();
        assertTrue(vm.notices().isEmpty());
    }

    @Test
    void keepsTheNewestFive() {
        for (int i = 0; i < NotificationsViewModel.MAX + 2; i++)
            bus.publish(new Events.ErrorRaised("error " + i, "why"));
        assertEquals(List.of("error 2", "error 3", "error 4", "error 5", "error 6"),
                vm.notices().stream().map(Notice::title).toList());
    }

    @Test
    void viewsCannotChangeTheListThemselves() {
        assertThrows(UnsupportedOperationException.class, () -> vm.notices().add(new Notice(Kind.INFO, "", "x")));
    }
}
