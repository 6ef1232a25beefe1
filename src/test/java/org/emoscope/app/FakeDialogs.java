package org.emoscope.app;

import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.emoscope.app.service.FileDialogs;

import java.io.File;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** File choosers that answer what the test queued (null / empty when nothing is queued: "cancelled"). */
final class FakeDialogs implements FileDialogs {

    final Queue<List<File>> audio = new ConcurrentLinkedQueue<>();
    final Queue<File> models = new ConcurrentLinkedQueue<>();
    final Queue<File> saves = new ConcurrentLinkedQueue<>();
    volatile String lastSaveTitle;

    @Override
    public List<File> openAudio(Window owner, File folder) {
        List<File> f = audio.poll();
        return f == null ? List.of() : f;
    }

    @Override
    public File openModel(Window owner, File folder) {
        return models.poll();
    }

    @Override
    public File save(Window owner, String title, File folder, String suggestedName,
                     List<FileChooser.ExtensionFilter> types) {
        lastSaveTitle = title;
        return saves.poll();
    }
}
