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
 */
public record FileAnalysis(String file, double durationSeconds, List<String> labels, String label, double confidence,
                           float[] probabilities, double speechFraction, List<Segment> segments,
                           List<WindowResult> windows) {
}
