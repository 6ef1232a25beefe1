package org.emoscope.pipeline;

import org.emoscope.features.speech.SpeechDetector;

import org.emoscope.model.EmotionModel;

/**
 * How the streaming analyzer slides over audio and decides what is speech.
 *
 * @param windowSeconds        length of the audio window the model sees (default 2 s; {@link #forModel}: the length
 *                             the model was trained on)
 * @param hopSeconds           time between consecutive windows (default 250 ms)
 * @param smoothing            weight of the newest window in the exponential moving average of probabilities,
 *                             in (0, 1]; 1 means no smoothing
 * @param speech               how the {@link SpeechDetector} decides that a frame is speech
 * @param minSpeechFraction    a window is speech when at least this fraction of its frames are speech
 * @param queueCapacity        windows waiting for inference; a live source drops the oldest beyond this, a file
 *                             source waits (nothing is lost)
 * @param explainSteps         0: no explanations (default); otherwise every speech window gets an
 *                             {@link org.emoscope.model.Explanation} of its predicted class with this many
 *                             integration steps ({@link WindowResult#explanation()}), at the cost of several
 *                             network passes per window
 */
public record AnalyzerSettings(double windowSeconds, double hopSeconds, double smoothing,
                               SpeechDetector.Settings speech, double minSpeechFraction, int queueCapacity,
                               int explainSteps) {

    public static AnalyzerSettings defaults() {
        return new AnalyzerSettings(2.0, 0.25, 0.5, SpeechDetector.Settings.defaults(), 0.2, 8, 0);
    }

    /** The defaults, with the window length {@code model} was trained on ({@link EmotionModel#windowSeconds()}). */
    public static AnalyzerSettings forModel(EmotionModel model) {
        return forWindow(model.windowSeconds());
    }

    /** The defaults, with windows of {@code seconds} (and a hop no longer than that). */
    public static AnalyzerSettings forWindow(double seconds) {
        AnalyzerSettings d = defaults();
        return d.withWindow(seconds, Math.min(d.hopSeconds(), seconds));
    }

    /**
     * Whether a window with {@code activeFrames} speech frames out of {@code windowFrames} counts as speech: at
     * least {@link #minSpeechFraction()} of them, and at least one.
     */
    public boolean speechWindow(int activeFrames, int windowFrames) {
        return activeFrames / (double) windowFrames >= minSpeechFraction && activeFrames > 0;
    }

    public AnalyzerSettings {
        if (!(windowSeconds >= 0.1 && windowSeconds <= 30))
            throw new IllegalArgumentException("window must be 0.1-30 s: " + windowSeconds);
        if (!(hopSeconds >= 0.01 && hopSeconds <= windowSeconds))
            throw new IllegalArgumentException("hop must be 0.01 s to the window length: " + hopSeconds);
        if (!(smoothing > 0 && smoothing <= 1)) throw new IllegalArgumentException("smoothing must be in (0, 1]: " + smoothing);
        if (!(minSpeechFraction >= 0 && minSpeechFraction <= 1))
            throw new IllegalArgumentException("minSpeechFraction must be in [0, 1]: " + minSpeechFraction);
        java.util.Objects.requireNonNull(speech, "speech");
        if (queueCapacity < 1) throw new IllegalArgumentException("queueCapacity must be >= 1");
        if (explainSteps < 0) throw new IllegalArgumentException("explainSteps must be >= 0: " + explainSteps);
    }

    /** These settings with explanations of every speech window ({@code steps} > 0) or none (0). */
    public AnalyzerSettings withExplanations(int steps) {
        return new AnalyzerSettings(windowSeconds, hopSeconds, smoothing, speech, minSpeechFraction, queueCapacity,
                steps);
    }

    public AnalyzerSettings withWindow(double seconds, double hop) {
        return new AnalyzerSettings(seconds, hop, smoothing, speech, minSpeechFraction, queueCapacity,
                explainSteps);
    }
}
