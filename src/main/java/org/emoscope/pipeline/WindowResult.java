package org.emoscope.pipeline;

import org.emoscope.model.Explanation;
import org.emoscope.model.Prediction;
import org.emoscope.model.SpeakerStatistics;

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
 * @param context         what the model was given besides the window's frames (to explain the window later), or
 *                        null
 * @param explanation     for a speech window of an analysis with {@link AnalyzerSettings#explainSteps()}, the
 *                        explanation of its predicted class; else null
 */
public record WindowResult(long index, double startSeconds, double endSeconds, double speechFraction, boolean speech,
                           Prediction prediction, float[] smoothed, long producedNanos, long deliveredNanos,
                           double voiceSeconds, Context context, Explanation explanation) {

    /**
     * What the model was given for a window besides its frames: together with the window's log-mel frames (whose
     * DCT are its MFCCs) enough to explain it again ({@link WindowExplanations}).
     *
     * @param voice       the voice estimate a speaker-normalised model standardised the frames with, or null
     * @param functionals the window's statistics for a bundle that fuses them, or null
     * @param centre      the voice centre of the statistics, or null
     */
    public record Context(SpeakerStatistics.Estimate voice, float[] functionals, float[] centre) {
    }

    /** A result without context or explanation. */
    public WindowResult(long index, double startSeconds, double endSeconds, double speechFraction, boolean speech,
                        Prediction prediction, float[] smoothed, long producedNanos, long deliveredNanos,
                        double voiceSeconds) {
        this(index, startSeconds, endSeconds, speechFraction, speech, prediction, smoothed, producedNanos,
                deliveredNanos, voiceSeconds, null, null);
    }

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
