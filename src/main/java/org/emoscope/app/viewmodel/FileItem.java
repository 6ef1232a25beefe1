package org.emoscope.app.viewmodel;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.concurrent.Task;
import org.emoscope.app.bus.Inspection;
import org.emoscope.audio.AudioClip;
import org.emoscope.model.EmotionModel;
import org.emoscope.pipeline.FileAnalysis;
import org.emoscope.pipeline.WindowResult;

import java.nio.file.Path;
import java.util.List;

/**
 * One file of file mode: its analysis state and, once done, its samples, spectrogram and result. Views read it;
 * {@link FilesViewModel} changes it.
 */
public final class FileItem {

    public enum Status { QUEUED, ANALYZING, DONE, FAILED, CANCELLED }

    private final Path path;
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(Status.QUEUED);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("Waiting");
    private final ReadOnlyObjectWrapper<FileAnalysis> analysis = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper selectedWindow = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyDoubleWrapper cursorSeconds = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper();
    private AudioClip clip;
    private float[][] logMel = new float[0][];
    private double hopSeconds = 0.01;
    private String model = "";
    private EmotionModel emotionModel;
    /** {@link #analysis} with every speech window explained (for the JSON export), once computed; else null. */
    private FileAnalysis explained;
    /** The analysis queued or running, null when there is none; this class alone sets it. */
    private Task<?> task;

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
        message.set(FilesViewModel.summary(a));
    }

    /** In the queue with no analysis yet: there is no model to analyse it with. */
    void waitForModel() {
        message.set("Waiting for the model");
    }

    /** True while the file waits for a model to be queued with. */
    boolean waitingForModel() {
        return status.get() == Status.QUEUED && task == null;
    }

    /** Queues {@code analysis}, this file's analysis from now on: its progress and message become the file's. */
    void queue(Task<?> analysis) {
        task = analysis;
        status.set(Status.QUEUED);
        message.set("Waiting");
        analysis.progressProperty().addListener((o, a, b) -> progress.set(Math.max(0, b.doubleValue())));
        analysis.messageProperty().addListener((o, a, b) -> {
            // a message the analysis posted before it was cancelled can arrive after: it must not revive the file
            if (task != analysis || analysis.isDone()) return;
            message.set(b);
            status.set(Status.ANALYZING);
        });
    }

    /** Stops the analysis, or takes the file out of the queue. */
    void cancel() {
        if (task != null && !task.isDone()) task.cancel(true);
        else if (status.get() == Status.QUEUED) cancelled();
    }

    /** Drops the analysis without marking the file cancelled: it is about to be analysed again. */
    void cancelQuietly() {
        Task<?> t = task;
        task = null;
        if (t != null && !t.isDone()) {
            t.setOnCancelled(null);
            t.setOnFailed(null);
            t.cancel(true);
        }
    }

    void cancelled() {
        status.set(Status.CANCELLED);
        message.set("Cancelled");
    }

    void failed(String reason) {
        status.set(Status.FAILED);
        message.set(reason);
    }

    void selectWindow(int index) {
        selectedWindow.set(index);
    }

    void cursorAt(double seconds) {
        cursorSeconds.set(seconds);
    }

    void playing(boolean on) {
        playing.set(on);
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

    public ReadOnlyObjectProperty<Status> status() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progress() {
        return progress.getReadOnlyProperty();
    }

    /** What is happening, or why it failed. */
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    /** The analysis; null until analysed. */
    public ReadOnlyObjectProperty<FileAnalysis> analysis() {
        return analysis.getReadOnlyProperty();
    }

    /** The window clicked (index into the analysis' windows), -1 for none. */
    public ReadOnlyIntegerProperty selectedWindow() {
        return selectedWindow.getReadOnlyProperty();
    }

    /** Playback position, seconds. */
    public ReadOnlyDoubleProperty cursorSeconds() {
        return cursorSeconds.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty playing() {
        return playing.getReadOnlyProperty();
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
