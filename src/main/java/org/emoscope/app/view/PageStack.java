package org.emoscope.app.view;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.StackPane;
import org.emoscope.app.bus.PageId;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/** The pages on top of one another, the one {@code front} names visible. */
public final class PageStack extends StackPane {

    private final Map<PageId, ScrollPane> pages = new EnumMap<>(PageId.class);

    public PageStack(Collection<? extends Page> all, ObservableValue<PageId> front) {
        for (Page p : all) {
            ScrollPane s = scrolling(p);
            pages.put(p.id(), s);
            getChildren().add(s);
        }
        getStyleClass().add("page-stack");
        front.addListener((o, a, b) -> show(b));
        show(front.getValue());
    }

    /**
     * A page that scrolls when the window is shorter (or narrower) than the page's smallest readable size; above
     * that it fills the window and its charts take the room.
     */
    private static ScrollPane scrolling(Page page) {
        ScrollPane scroll = new ScrollPane(page.node());
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setFocusTraversable(false);
        scroll.getStyleClass().add("page-scroll");
        return scroll;
    }

    private void show(PageId front) {
        pages.forEach((id, node) -> node.setVisible(id == front));
    }
}
