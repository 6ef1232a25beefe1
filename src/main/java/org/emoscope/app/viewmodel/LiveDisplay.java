package org.emoscope.app.viewmodel;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.emoscope.app.bus.Inspection;
import org.emoscope.features.FeatureConfig;
import org.emoscope.model.EmotionModel;
import org.emoscope.pipeline.FeatureFrame;
import org.emoscope.pipeline.WindowResult;

import java.util.ArrayDeque;
import java.util.List;

/**
 * What the live page shows, fed in batches on the JavaFX thread: level, scrolling spectrogram, current
 * probabilities, dominant emotion, the probability timeline. No session control here (see {@link LiveViewModel}).
 */
public final class LiveDisplay {

    /** Seconds of spectrogram kept (the page shows the last 10). */
    public static final int SPECTROGRAM_SECONDS = 30;
    /** Seconds of the probability timeline. */
    public static final double TIMELINE_SECONDS = 60;

    private final ObservableList<String> labels = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<FeatureConfig> featureConfig = new ReadOnlyObjectWrapper<>();
    private final DoubleProperty levelDb = new SimpleDoubleProperty(-120);
    private final BooleanProperty speechHeard = new SimpleBooleanProperty();
    private final DoubleProperty streamSeconds = new SimpleDoubleProperty();
    private final ObjectProperty<float[]> probabilities = new SimpleObjectProperty<>(new float[0]);
    private final BooleanProperty speech = new SimpleBooleanProperty();
    private final StringProperty dominant = new SimpleStringProperty(WindowResult.NO_SPEECH);
    private final DoubleProperty confidence = new SimpleDoubleProperty();
    private final IntegerProperty windows = new SimpleIntegerProperty();
    private final IntegerProperty speechWindows = new SimpleIntegerProperty();
    /** Seconds of voice a speaker-normalised model has adapted to; NaN for other models or before any window. */
    private final DoubleProperty voiceSeconds = new SimpleDoubleProperty(Double.NaN);
    private final LongProperty frames = new SimpleLongProperty();
    private final IntegerProperty historyVersion = new SimpleIntegerProperty();
    private final SpectrogramRing spectrogram = new SpectrogramRing(SPECTROGRAM_SECONDS * 100);
    private final ProbabilityHistory history = new ProbabilityHistory(TIMELINE_SECONDS);
    private final ArrayDeque<WindowResult> recent = new ArrayDeque<>();

    /** Forgets everything shown (a new session starts). */
    public void reset() {
        spectrogram.clear();
        history.clear();
        recent.clear();
        levelDb.set(-120);
        speechHeard.set(false);
        streamSeconds.set(0);
        probabilities.set(new float[labels.size()]);
        speech.set(false);
        dominant.set(WindowResult.NO_SPEECH);
        confidence.set(0);
        windows.set(0);
        speechWindows.set(0);
        voiceSeconds.set(Double.NaN);
        frames.set(0);
        historyVersion.set(historyVersion.get() + 1);
    }

    public void setLabels(List<String> names) {
        labels.setAll(names);
        probabilities.set(new float[names.size()]);
    }

    /** The model's features: what the spectrogram's frames are (mel axis, hop). */
    void setFeatureConfig(FeatureConfig config) {
        featureConfig.set(config);
    }

    /** The loaded model's feature config (the spectrogram's mel axis and hop); null before a model is loaded. */
    public ReadOnlyObjectProperty<FeatureConfig> featureConfig() {
        return featureConfig.getReadOnlyProperty();
    }

    /** A batch of frames: the level meter shows the loudest, the spectrogram gets them all. */
    void frames(List<FeatureFrame> batch, double hopSeconds) {
        if (batch.isEmpty()) return;
        double loudest = -120;
        boolean heard = false;
        for (FeatureFrame f : batch) {
            spectrogram.append(f.logMel(), f.timeSeconds(), hopSeconds);
            loudest = Math.max(loudest, f.levelDb());
            heard |= f.speech();
        }
        levelDb.set(loudest);
        speechHeard.set(heard);
        streamSeconds.set(batch.get(batch.size() - 1).timeSeconds());
        frames.set(spectrogram.total());
    }

    void window(WindowResult w) {
        windows.set(windows.get() + 1);
        voiceSeconds.set(w.voiceSeconds());
        recent.addLast(w);
        while (recent.size() > 1 && recent.peekFirst().endSeconds() < w.endSeconds() - TIMELINE_SECONDS)
            recent.pollFirst();
        float[] shown;
        if (w.speech()) {
            speechWindows.set(speechWindows.get() + 1);
            dominant.set(w.label());
            confidence.set(w.confidence());
            shown = w.smoothed().clone();
        } else {
            dominant.set(WindowResult.NO_SPEECH);
            confidence.set(0);
            shown = new float[labels.size()];
        }
        speech.set(w.speech());
        probabilities.set(shown);
        history.add(new ProbabilityHistory.Point(w.endSeconds(), w.speech() ? w.smoothed().clone() : null));
        historyVersion.set(historyVersion.get() + 1);
    }

    /**
     * The held spectrogram and the windows inside it, analysed by {@code model}, for the attention page; null when
     * nothing was analysed.
     */
    public Inspection inspection(String source, EmotionModel model) {
        if (recent.isEmpty() || spectrogram.total() == 0) return null;
        double from = spectrogram.timeOf(spectrogram.oldest());
        List<WindowResult> inside = recent.stream().filter(w -> w.startSeconds() >= from - 1e-9).toList();
        if (inside.isEmpty()) return null;
        return new Inspection(source, model, spectrogram.held(), from, spectrogram.hopSeconds(), inside);
    }

    public ObservableList<String> labels() {
        return labels;
    }

    public DoubleProperty levelDb() {
        return levelDb;
    }

    /** Whether the speech detector called any of the latest frames speech (what the level meter shows). */
    public BooleanProperty speechHeard() {
        return speechHeard;
    }

    public DoubleProperty streamSeconds() {
        return streamSeconds;
    }

    /** Smoothed probabilities of the latest window (label order); zeros when it held no speech. */
    public ObjectProperty<float[]> probabilities() {
        return probabilities;
    }

    public BooleanProperty speech() {
        return speech;
    }

    /** The dominant emotion, or {@link WindowResult#NO_SPEECH}. */
    public StringProperty dominant() {
        return dominant;
    }

    public DoubleProperty confidence() {
        return confidence;
    }

    public IntegerProperty windows() {
        return windows;
    }

    /** Seconds of voice the model has adapted to (speaker-normalised models), else NaN. */
    public DoubleProperty voiceSeconds() {
        return voiceSeconds;
    }

    public IntegerProperty speechWindows() {
        return speechWindows;
    }

    /** Frames received; changes on every batch (the spectrogram redraws on it). */
    public LongProperty frames() {
        return frames;
    }

    /** Changes whenever {@link #history()} does. */
    public IntegerProperty historyVersion() {
        return historyVersion;
    }

    public SpectrogramRing spectrogram() {
        return spectrogram;
    }

    public ProbabilityHistory history() {
        return history;
    }
}
