package org.emoscope.pipeline;

import java.util.List;

/**
 * The result of analysing one file.
 *
 * @param file             the file as given
 * @param durationSeconds  decoded duration
 * @param labels           the model's labels (order of every probability array here)
 * @param label            utterance-level label: the best of {@link #probabilities}, or
 *                         {@link WindowResult#NO_SPEECH} when no window held speech
 * @param confidence       probability of {@link #label} (0 when no speech)
 * @param probabilities    utterance-level probabilities: mean over speech windows (over all windows when none)
 * @param speechFraction   fraction of windows that held speech
 * @param segments         the timeline: consecutive, non-overlapping, covering [0, duration]
 * @param windows          every analysed window, in order
 * @param warning          what is wrong with the file although it was analysed (e.g. it is truncated: then what is
 *                         there was analysed), or null
 */
public record FileAnalysis(String file, double durationSeconds, List<String> labels, String label, double confidence,
                           float[] probabilities, double speechFraction, List<Segment> segments,
                           List<WindowResult> windows, String warning) {

    /** A result with nothing to warn about. */
    public FileAnalysis(String file, double durationSeconds, List<String> labels, String label, double confidence,
                        float[] probabilities, double speechFraction, List<Segment> segments,
                        List<WindowResult> windows) {
        this(file, durationSeconds, labels, label, confidence, probabilities, speechFraction, segments, windows, null);
    }

    /** This result with {@code warning} (null: none). */
    public FileAnalysis withWarning(String warning) {
        return new FileAnalysis(file, durationSeconds, labels, label, confidence, probabilities, speechFraction,
                segments, windows, warning);
    }
}
