package org.emoscope.pipeline;

/**
 * Counters of a finished (or running) session.
 *
 * @param frames          feature frames produced
 * @param windows         windows analysed by the model
 * @param droppedWindows  windows discarded because inference fell behind a live source
 * @param secondsProcessed audio seconds read from the source
 * @param stopped         true when the session was stopped before the end of its source
 * @param failed          true when it ended with an error
 */
public record AnalysisStats(long frames, long windows, long droppedWindows, double secondsProcessed, boolean stopped,
                            boolean failed) {
}
