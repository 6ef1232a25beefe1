package org.emoscope.app.service;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

import javax.imageio.ImageIO;
import java.io.File;
import java.io.IOException;

/** Saves what is on screen as PNG ({@code snapshot}, no X server needed). Call on the JavaFX thread. */
public final class Snapshots {

    private Snapshots() {
    }

    public static void save(Node node, File file) throws IOException {
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.TRANSPARENT);
        write(node.snapshot(p, null), file);
    }

    public static void save(Scene scene, File file) throws IOException {
        write(scene.snapshot(null), file);
    }

    private static void write(WritableImage image, File file) throws IOException {
        File dir = file.getAbsoluteFile().getParentFile();
        if (dir != null && !dir.isDirectory() && !dir.mkdirs()) throw new IOException("cannot create " + dir);
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file))
            throw new IOException("no PNG writer available");
    }
}
