package org.emoscope.pipeline;

/**
 * A stretch of a file with one label.
 *
 * @param startSeconds  segment start
 * @param endSeconds    segment end
 * @param label         emotion label, or {@link WindowResult#NO_SPEECH}
 * @param probabilities mean smoothed probabilities of the windows in the segment (model label order); for a
 *                      no-speech segment, the mean raw model output (shown, not reported as an emotion)
 */
public record Segment(double startSeconds, double endSeconds, String label, float[] probabilities) {
}
