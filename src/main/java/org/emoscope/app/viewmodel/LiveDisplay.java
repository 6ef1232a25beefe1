package org.emoscope.app.viewmodel;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
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
    private final ObservableList<String> labelsView = FXCollections.unmodifiableObservableList(labels);
    private final ReadOnlyObjectWrapper<FeatureConfig> featureConfig = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyDoubleWrapper levelDb = new ReadOnlyDoubleWrapper(-120);
    private final ReadOnlyBooleanWrapper speechHeard = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper streamSeconds = new ReadOnlyDoubleWrapper();
    private final ReadOnlyObjectWrapper<float[]> probabilities = new ReadOnlyObjectWrapper<>(new float[0]);
    private final ReadOnlyBooleanWrapper speech = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper dominant = new ReadOnlyStringWrapper(WindowResult.NO_SPEECH);
    private final ReadOnlyDoubleWrapper confidence = new ReadOnlyDoubleWrapper();
    private final ReadOnlyIntegerWrapper windows = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper speechWindows = new ReadOnlyIntegerWrapper();
    /** Seconds of voice a speaker-normalised model has adapted to; NaN for other models or before any window. */
    private final ReadOnlyDoubleWrapper voiceSeconds = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyLongWrapper frames = new ReadOnlyLongWrapper();
    private final ReadOnlyIntegerWrapper historyVersion = new ReadOnlyIntegerWrapper();
    private final SpectrogramRing spectrogram = new SpectrogramRing(SPECTROGRAM_SECONDS * 100);
    private final ProbabilityHistory history = new ProbabilityHistory(TIMELINE_SECONDS);
    private final ArrayDeque<WindowResult> recent = new ArrayDeque<>();

    /** Forgets everything shown (a new session starts). */
    void reset() {
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

    void setLabels(List<String> names) {
        labels.setAll(names);
        probabilities.set(new float[names.size()]);
    }

    /** Nothing heard (listening stopped or the microphone went away): no speech, the meter at its floor. */
    void silence() {
        speechEnded();
        levelDb.set(-120);
    }

    /** The session ended by itself: no speech now (the meter keeps its last level). */
    void speechEnded() {
        speech.set(false);
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
    Inspection inspection(String source, EmotionModel model) {
        if (recent.isEmpty() || spectrogram.total() == 0) return null;
        double from = spectrogram.timeOf(spectrogram.oldest());
        List<WindowResult> inside = recent.stream().filter(w -> w.startSeconds() >= from - 1e-9).toList();
        if (inside.isEmpty()) return null;
        return new Inspection(source, model, spectrogram.held(), from, spectrogram.hopSeconds(), inside);
    }

    public ObservableList<String> labels() {
        return labelsView;
    }

    public ReadOnlyDoubleProperty levelDb() {
        return levelDb.getReadOnlyProperty();
    }

    /** Whether the speech detector called any of the latest frames speech (what the level meter shows). */
    public ReadOnlyBooleanProperty speechHeard() {
        return speechHeard.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty streamSeconds() {
        return streamSeconds.getReadOnlyProperty();
    }

    /** Smoothed probabilities of the latest window (label order); zeros when it held no speech. */
    public ReadOnlyObjectProperty<float[]> probabilities() {
        return probabilities.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty speech() {
        return speech.getReadOnlyProperty();
    }

    /** The dominant emotion, or {@link WindowResult#NO_SPEECH}. */
    public ReadOnlyStringProperty dominant() {
        return dominant.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty confidence() {
        return confidence.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty windows() {
        return windows.getReadOnlyProperty();
    }

    /** Seconds of voice the model has adapted to (speaker-normalised models), else NaN. */
    public ReadOnlyDoubleProperty voiceSeconds() {
        return voiceSeconds.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty speechWindows() {
        return speechWindows.getReadOnlyProperty();
    }

    /** Frames received; changes on every batch (the spectrogram redraws on it). */
    public ReadOnlyLongProperty frames() {
        return frames.getReadOnlyProperty();
    }

    /** Changes whenever {@link #history()} does. */
    public ReadOnlyIntegerProperty historyVersion() {
        return historyVersion.getReadOnlyProperty();
    }

    public SpectrogramRing spectrogram() {
        return spectrogram;
    }

    public ProbabilityHistory history() {
        return history;
    }
}
