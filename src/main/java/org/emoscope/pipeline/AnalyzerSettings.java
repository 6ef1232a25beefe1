package org.emoscope.pipeline;

import org.emoscope.model.EmotionModel;

/**
 * How the streaming analyzer slides over audio and decides what is speech.
 *
 * @param windowSeconds        length of the audio window the model sees (default 2 s; {@link #forModel}: the length
 *                             the model was trained on)
 * @param hopSeconds           time between consecutive windows (default 250 ms)
 * @param smoothing            weight of the newest window in the exponential moving average of probabilities,
 *                             in (0, 1]; 1 means no smoothing
 * @param speechThresholdDb    absolute floor: a frame quieter than this RMS level (dBFS) is never active
 * @param speechMarginDb       a frame is active when its level is at least this far above the tracked noise floor
 *                             (the lowest recent frame level, rising {@value #FLOOR_RISE_DB_PER_SECOND} dB/s)
 * @param minSpeechFraction    a window is speech when at least this fraction of its frames are active
 * @param queueCapacity        windows waiting for inference; a live source drops the oldest beyond this, a file
 *                             source waits (nothing is lost)
 */
public record AnalyzerSettings(double windowSeconds, double hopSeconds, double smoothing, double speechThresholdDb,
                               double speechMarginDb, double minSpeechFraction, int queueCapacity) {

    /** How fast the noise-floor estimate creeps up when no quieter frame comes along. */
    public static final double FLOOR_RISE_DB_PER_SECOND = 2.0;

    public static AnalyzerSettings defaults() {
        return new AnalyzerSettings(2.0, 0.25, 0.5, -70.0, 15.0, 0.2, 8);
    }

    /** The defaults, with the window length {@code model} was trained on ({@link EmotionModel#windowSeconds()}). */
    public static AnalyzerSettings forModel(EmotionModel model) {
        AnalyzerSettings d = defaults();
        return d.withWindow(model.windowSeconds(), Math.min(d.hopSeconds(), model.windowSeconds()));
    }

    public AnalyzerSettings {
        if (!(windowSeconds >= 0.1 && windowSeconds <= 30))
            throw new IllegalArgumentException("window must be 0.1-30 s: " + windowSeconds);
        if (!(hopSeconds >= 0.01 && hopSeconds <= windowSeconds))
            throw new IllegalArgumentException("hop must be 0.01 s to the window length: " + hopSeconds);
        if (!(smoothing > 0 && smoothing <= 1)) throw new IllegalArgumentException("smoothing must be in (0, 1]: " + smoothing);
        if (!(minSpeechFraction >= 0 && minSpeechFraction <= 1))
            throw new IllegalArgumentException("minSpeechFraction must be in [0, 1]: " + minSpeechFraction);
        if (!(speechMarginDb >= 0)) throw new IllegalArgumentException("speechMarginDb must be >= 0: " + speechMarginDb);
        if (queueCapacity < 1) throw new IllegalArgumentException("queueCapacity must be >= 1");
    }

    public AnalyzerSettings withWindow(double seconds, double hop) {
        return new AnalyzerSettings(seconds, hop, smoothing, speechThresholdDb, speechMarginDb, minSpeechFraction,
                queueCapacity);
    }
}
