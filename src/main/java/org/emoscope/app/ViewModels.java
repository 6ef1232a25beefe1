package org.emoscope.app;

import javafx.application.Platform;
import org.emoscope.app.bus.PageId;
import org.emoscope.app.service.WindowExplainer;
import org.emoscope.app.viewmodel.AttentionViewModel;
import org.emoscope.app.viewmodel.FilesViewModel;
import org.emoscope.app.viewmodel.LiveViewModel;
import org.emoscope.app.viewmodel.ModelViewModel;
import org.emoscope.app.viewmodel.NotificationsViewModel;
import org.emoscope.app.viewmodel.ShellViewModel;
import org.emoscope.model.Explainer;

import java.io.File;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Every view-model of one window, wired to one bus. */
public final class ViewModels {

    private final ExecutorService loader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "emoscope-model-loader");
        t.setDaemon(true);
        return t;
    });
    /** Explains windows for the Attention page: one thread, so explanations never compete with each other. */
    private final ExecutorService explaining = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "emoscope-explain");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        return t;
    });
    public final ShellViewModel shell;
    public final ModelViewModel model;
    public final LiveViewModel live;
    public final FilesViewModel files;
    public final AttentionViewModel attention;
    public final NotificationsViewModel notifications;

    public ViewModels(AppContext ctx) {
        notifications = new NotificationsViewModel(ctx.bus());
        shell = new ShellViewModel(ctx.bus(), ctx.settings());
        model = new ModelViewModel(ctx.bus(), loader);
        live = new LiveViewModel(ctx.bus(), ctx.microphones(), ctx.settings());
        files = new FilesViewModel(ctx.bus(), ctx.settings());
        attention = new AttentionViewModel(ctx.bus(), explaining, WindowExplainer.withModels(Explainer.DEFAULT_STEPS),
                Platform::runLater);
    }

    /**
     * What a drop on the window, the open dialog and the files named on the command line do: analyse the files (and
     * the audio files in the folders) and show the Files page. Nothing happens for none.
     */
    public void analyze(List<File> chosen) {
        if (chosen.isEmpty()) return;
        files.addFiles(chosen);
        shell.selectPage(PageId.FILES);
    }

    public void shutdown() {
        live.shutdown();
        files.shutdown();
        loader.shutdownNow();
        explaining.shutdownNow();
    }
}
