package org.emoscope.app.viewmodel;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.concurrent.Task;
import org.emoscope.app.bus.Inspection;
import org.emoscope.audio.AudioClip;
import org.emoscope.model.EmotionModel;
import org.emoscope.pipeline.FileAnalysis;
import org.emoscope.pipeline.WindowResult;

import java.nio.file.Path;
import java.util.List;

/** One file of file mode: its analysis state and, once done, its samples, spectrogram and result. */
public final class FileItem {

    public enum Status { QUEUED, ANALYZING, DONE, FAILED, CANCELLED }

    private final Path path;
    private final ObjectProperty<Status> status = new SimpleObjectProperty<>(Status.QUEUED);
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty message = new SimpleStringProperty("Waiting");
    private final ObjectProperty<FileAnalysis> analysis = new SimpleObjectProperty<>();
    private final IntegerProperty selectedWindow = new SimpleIntegerProperty(-1);
    private final DoubleProperty cursorSeconds = new SimpleDoubleProperty(0);
    private final BooleanProperty playing = new SimpleBooleanProperty();
    private AudioClip clip;
    private float[][] logMel = new float[0][];
    private double hopSeconds = 0.01;
    private String model = "";
    private EmotionModel emotionModel;
    /** {@link #analysis} with every speech window explained (for the JSON export), once computed; else null. */
    private FileAnalysis explained;
    Task<?> task;

    public FileItem(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public String name() {
        Path n = path.getFileName();
        return n == null ? path.toString() : n.toString();
    }

    void done(AudioClip clip, float[][] logMel, double hopSeconds, EmotionModel emotionModel, String model,
              FileAnalysis a) {
        this.clip = clip;
        this.emotionModel = emotionModel;
        this.explained = null;
        this.logMel = logMel;
        this.hopSeconds = hopSeconds;
        this.model = model;
        analysis.set(a);
        progress.set(1);
        status.set(Status.DONE);
    }

    /** The windows with their spectrogram, for the attention page; null until analysed. */
    public Inspection inspection() {
        FileAnalysis a = analysis.get();
        return a == null ? null : new Inspection(name(), emotionModel, logMel, 0, hopSeconds, a.windows());
    }

    /** Index of the window to show for time {@code t}: among windows covering t, the one centred nearest. */
    public int windowAt(double t) {
        FileAnalysis a = analysis.get();
        if (a == null || a.windows().isEmpty()) return -1;
        List<WindowResult> ws = a.windows();
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int i = 0; i < ws.size(); i++) {
            WindowResult w = ws.get(i);
            double d = Math.abs((w.startSeconds() + w.endSeconds()) / 2 - t);
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }

    public ObjectProperty<Status> status() {
        return status;
    }

    public DoubleProperty progress() {
        return progress;
    }

    /** What is happening, or why it failed. */
    public StringProperty message() {
        return message;
    }

    public ObjectProperty<FileAnalysis> analysis() {
        return analysis;
    }

    /** The window clicked (index into the analysis' windows), -1 for none. */
    public IntegerProperty selectedWindow() {
        return selectedWindow;
    }

    /** Playback position, seconds. */
    public DoubleProperty cursorSeconds() {
        return cursorSeconds;
    }

    public BooleanProperty playing() {
        return playing;
    }

    /** The decoded samples at the model's rate; null until analysed. */
    public AudioClip clip() {
        return clip;
    }

    /** Log-mel frames [frame][band], dB, one every {@link #hopSeconds()} from 0. */
    public float[][] logMel() {
        return logMel;
    }

    public double hopSeconds() {
        return hopSeconds;
    }

    /** The analysis with every speech window explained, if the JSON export computed it; else null. */
    FileAnalysis explained() {
        return explained;
    }

    /** Keeps {@code e}, the explained form of {@code of}, if {@code of} is still this file's analysis. */
    void explained(FileAnalysis of, FileAnalysis e) {
        if (analysis.get() == of) explained = e;
    }

    /** The model that analysed it; null until analysed. */
    public EmotionModel emotionModel() {
        return emotionModel;
    }

    /** File name of the model that analysed it. */
    public String model() {
        return model;
    }
}
