package org.emoscope.app.viewmodel;

import javafx.animation.PauseTransition;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;
import org.emoscope.app.bus.EventBus;
import org.emoscope.app.bus.Events;

import java.util.function.BiConsumer;

/**
 * The banners at the top of the window: errors stay until dismissed, information goes away after a few seconds.
 * At most {@value #MAX} are kept (the oldest go first).
 */
public final class NotificationsViewModel {

    static final int MAX = 5;
    static final Duration INFO_TIME = Duration.seconds(6);

    public enum Kind { ERROR, INFO }

    /** One banner. */
    public record Notice(Kind kind, String title, String message) {
    }

    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    private final ObservableList<Notice> noticesView = FXCollections.unmodifiableObservableList(notices);
    private final BiConsumer<Duration, Runnable> later;

    public NotificationsViewModel(EventBus bus) {
        this(bus, (d, r) -> {
            PauseTransition p = new PauseTransition(d);
            p.setOnFinished(e -> r.run());
            p.play();
        });
    }

    /** @param later runs an action after a time (a {@link PauseTransition}; tests keep the clock themselves) */
    NotificationsViewModel(EventBus bus, BiConsumer<Duration, Runnable> later) {
        this.later = later;
        bus.subscribe(Events.ErrorRaised.class, e -> add(new Notice(Kind.ERROR, e.title(), e.message())));
        bus.subscribe(Events.InfoRaised.class, e -> add(new Notice(Kind.INFO, "", e.message())));
    }

    /** Shows {@code n}; an {@link Kind#INFO} notice goes after {@link #INFO_TIME}. */
    public void add(Notice n) {
        notices.add(n);
        while (notices.size() > MAX) notices.remove(0);
        if (n.kind() == Kind.INFO) later.accept(INFO_TIME, () -> notices.remove(n));
    }

    public void dismiss(Notice n) {
        notices.remove(n);
    }

    /** The banners shown, oldest first. */
    public ObservableList<Notice> notices() {
        return noticesView;
    }
}
