package org.emoscope.pipeline;

import org.emoscope.model.Prediction;

/**
 * The analyzer's verdict on one window.
 *
 * @param index           window number from the start of the stream
 * @param startSeconds    window start, seconds from the start of the stream
 * @param endSeconds      window end (start + window length; for a short final window, the stream's end)
 * @param speechFraction  fraction of the window's frames whose level reached the speech threshold
 * @param speech          whether the window counts as speech; when false, {@link #prediction} is still the
 *                        model's raw output but no emotion should be reported
 * @param prediction      the model's output for this window (probabilities and attention)
 * @param smoothed        probabilities smoothed over recent speech windows, or null when not speech
 * @param producedNanos   {@link System#nanoTime()} when the window's last frame left the feature extractor
 * @param deliveredNanos  {@link System#nanoTime()} just before listeners were called
 * @param voiceSeconds    for a speaker-normalised model, seconds of voice the session had heard when it cut this
 *                        window (what its speaker statistics rest on); NaN for other models
 */
public record WindowResult(long index, double startSeconds, double endSeconds, double speechFraction, boolean speech,
                           Prediction prediction, float[] smoothed, long producedNanos, long deliveredNanos,
                           double voiceSeconds) {

    /** The label to show: the smoothed best label, or {@link #NO_SPEECH}. */
    public String label() {
        if (!speech) return NO_SPEECH;
        return prediction.labels().get(argMax(smoothed));
    }

    /** Confidence of {@link #label()} (smoothed probability), 0 when not speech. */
    public double confidence() {
        return speech ? smoothed[argMax(smoothed)] : 0.0;
    }

    /** Label reported for windows without speech. */
    public static final String NO_SPEECH = "no_speech";

    static int argMax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
        return best;
    }
}
