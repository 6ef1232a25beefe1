package org.emoscope.app.bus;

import org.emoscope.model.EmotionModel;
import org.emoscope.pipeline.FileAnalysis;

import java.nio.file.Path;

/** The events that cross pages. */
public final class Events {

    private Events() {
    }

    /** A model bundle finished loading and is now the one in use. */
    public record ModelChanged(EmotionModel model, Path path) {
    }

    /** A file finished analysing. */
    public record FileAnalyzed(Path file, FileAnalysis analysis) {
    }

    /** Something went wrong that the person should see: shown as a banner naming the thing and the reason. */
    public record ErrorRaised(String title, String message) {
    }

    /** Something the person may want to know (not an error): shown as a banner that goes away by itself. */
    public record InfoRaised(String message) {
    }

    /**
     * Show these windows' attention, with window {@code selected} chosen; {@code navigate} also brings the attention
     * page to the front.
     */
    public record InspectRequested(Inspection inspection, int selected, boolean navigate) {
    }

    /** Bring a page to the front. */
    public record ShowPage(PageId page) {
    }
}
