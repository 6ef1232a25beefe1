package org.emoscope.app.service;

import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.util.List;

/** The file choosers the app opens; tests replace them with answers prepared in advance. */
public interface FileDialogs {

    /** Asks for audio files to analyse; empty when cancelled. */
    List<File> openAudio(Window owner, File folder);

    /** Asks for a model bundle; null when cancelled. */
    File openModel(Window owner, File folder);

    /** Asks where to save; null when cancelled. */
    File save(Window owner, String title, File folder, String suggestedName, List<FileChooser.ExtensionFilter> types);

    /** The real JavaFX file choosers. */
    static FileDialogs javaFx() {
        return new FileDialogs() {
            @Override
            public List<File> openAudio(Window owner, File folder) {
                FileChooser c = chooser("Open audio files", folder);
                c.getExtensionFilters().addAll(
                        new FileChooser.ExtensionFilter("Audio files", "*.wav", "*.flac", "*.mp3", "*.ogg", "*.aif",
                                "*.aiff", "*.au", "*.WAV", "*.FLAC", "*.MP3", "*.OGG"),
                        new FileChooser.ExtensionFilter("All files", "*"));
                List<File> files = c.showOpenMultipleDialog(owner);
                return files == null ? List.of() : files;
            }

            @Override
            public File openModel(Window owner, File folder) {
                FileChooser c = chooser("Load a model bundle", folder);
                c.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("EmoScope model bundles", "*.emo"),
                        new FileChooser.ExtensionFilter("All files", "*"));
                return c.showOpenDialog(owner);
            }

            @Override
            public File save(Window owner, String title, File folder, String suggestedName,
                             List<FileChooser.ExtensionFilter> types) {
                FileChooser c = chooser(title, folder);
                c.setInitialFileName(suggestedName);
                c.getExtensionFilters().addAll(types);
                File f = c.showSaveDialog(owner);
                if (f == null || f.getName().contains(".") || c.getSelectedExtensionFilter() == null) return f;
                String ext = c.getSelectedExtensionFilter().getExtensions().get(0).replace("*", "");
                return new File(f.getParentFile(), f.getName() + ext);
            }

            private FileChooser chooser(String title, File folder) {
                FileChooser c = new FileChooser();
                c.setTitle(title);
                if (folder != null && folder.isDirectory()) c.setInitialDirectory(folder);
                return c;
            }
        };
    }
}
