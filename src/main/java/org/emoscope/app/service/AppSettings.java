package org.emoscope.app.service;

import java.io.File;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** What the app remembers between runs (java.util.prefs): the last microphone, the last folder, the theme. */
public final class AppSettings {

    private static final String DEVICE = "lastDevice";
    private static final String FOLDER = "lastFolder";
    private static final String DARK = "darkTheme";

    private final Preferences node;

    public AppSettings(Preferences node) {
        this.node = node;
    }

    /** The current user's settings. */
    public static AppSettings user() {
        return new AppSettings(Preferences.userRoot().node("org/emoscope/app"));
    }

    /** The microphone last used, or null. */
    public String lastDevice() {
        return node.get(DEVICE, null);
    }

    public void lastDevice(String name) {
        put(DEVICE, name);
    }

    /** The folder files were last opened from or saved to, if it still exists; else null. */
    public File lastFolder() {
        String f = node.get(FOLDER, null);
        if (f == null) return null;
        File dir = new File(f);
        return dir.isDirectory() ? dir : null;
    }

    public void lastFolder(File folder) {
        if (folder == null) return;
        put(FOLDER, (folder.isDirectory() ? folder : folder.getAbsoluteFile().getParentFile()).getAbsolutePath());
    }

    public boolean darkTheme() {
        return node.getBoolean(DARK, false);
    }

    public void darkTheme(boolean dark) {
        node.putBoolean(DARK, dark);
        flush();
    }

    private void put(String key, String value) {
        if (value == null) node.remove(key);
        else node.put(key, value);
        flush();
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException | IllegalStateException e) {
            // remembering is a convenience: a read-only home must not break the app
        }
    }
}
