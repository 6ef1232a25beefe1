package org.emoscope.app.view;

import javafx.scene.Node;
import javafx.scene.layout.Region;
import org.emoscope.app.bus.PageId;

/** What the main window needs from one of its pages. */
public interface Page {

    /** Which page this is (its place in the sidebar, its title). */
    PageId id();

    /** The page itself. */
    Region node();

    /** What "save image" saves of the page: all of it unless the page says otherwise. */
    default Node snapshotNode() {
        return node();
    }
}
