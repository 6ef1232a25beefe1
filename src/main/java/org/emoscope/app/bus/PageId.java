package org.emoscope.app.bus;

/** The pages of the main window, in navigation order. */
public enum PageId {
    LIVE("Live"), FILES("Files"), ATTENTION("Attention"), MODEL("Model");

    private final String title;

    PageId(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
