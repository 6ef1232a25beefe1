package org.emoscope.app;

import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.emoscope.app.bus.Events;
import org.emoscope.app.service.Snapshots;
import org.emoscope.app.view.Page;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the window asks through its file choosers: audio files to open, where to export the timelines, where to save
 * a page as an image, another model to load. Each hands the answer to the view-models.
 */
public final class WindowDialogs {

    private final AppContext ctx;
    private final ViewModels vms;
    private final Supplier<Window> owner;

    WindowDialogs(AppContext ctx, ViewModels vms, Supplier<Window> owner) {
        this.ctx = ctx;
        this.vms = vms;
        this.owner = owner;
    }

    /** Ctrl+O. */
    public void openFiles() {
        vms.analyze(ctx.dialogs().openAudio(owner.get(), ctx.settings().lastFolder()));
    }

    /**
     * Ctrl+E: every analysed file's timeline, as CSV or JSON (with every speech window explained), written in the
     * background; the Files page shows its progress.
     */
    public void export() {
        if (vms.files.analyzed().isEmpty()) {
            ctx.bus().publish(new Events.InfoRaised("Nothing to export yet: drop or open audio files first."));
            return;
        }
        File f = ctx.dialogs().save(owner.get(), "Export timeline", ctx.settings().lastFolder(),
                "emoscope-timeline.csv", List.of(new FileChooser.ExtensionFilter("CSV", "*.csv"),
                        new FileChooser.ExtensionFilter("JSON", "*.json"),
                        new FileChooser.ExtensionFilter("JSON Lines (as emoscope analyze)", "*.jsonl")));
        if (f != null) vms.files.export(f.toPath());
    }

    /** Saves what {@code page} shows as a PNG, offering {@code suggested} as the name. */
    public void saveImage(Page page, String suggested) {
        File f = ctx.dialogs().save(owner.get(), "Save image", ctx.settings().lastFolder(), suggested,
                List.of(new FileChooser.ExtensionFilter("PNG image", "*.png")));
        if (f == null) return;
        try {
            Snapshots.save(page.snapshotNode(), f);
            ctx.settings().lastFolder(f);
            ctx.bus().publish(new Events.InfoRaised("Saved " + f));
        } catch (IOException e) {
            ctx.bus().publish(new Events.ErrorRaised("Image not saved", f + ": " + e.getMessage()));
        }
    }

    public void loadModel() {
        File f = ctx.dialogs().openModel(owner.get(), ctx.settings().lastFolder());
        if (f != null) vms.model.load(f.toPath());
    }
}
