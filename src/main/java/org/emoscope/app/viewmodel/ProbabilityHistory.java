package org.emoscope.app.viewmodel;

import java.util.ArrayDeque;
import java.util.List;

/** The probabilities of the last {@code span} seconds of windows, for the live timeline. JavaFX thread only. */
public final class ProbabilityHistory {

    /** Window end time and its smoothed probabilities; null probabilities mean no speech. */
    public record Point(double seconds, float[] probabilities) {
        public boolean speech() {
            return probabilities != null;
        }
    }

    private final ArrayDeque<Point> points = new ArrayDeque<>();
    private final double spanSeconds;

    public ProbabilityHistory(double spanSeconds) {
        this.spanSeconds = spanSeconds;
    }

    public void add(Point p) {
        points.addLast(p);
        while (!points.isEmpty() && points.peekFirst().seconds() < p.seconds() - spanSeconds - 1) points.pollFirst();
    }

    public void clear() {
        points.clear();
    }

    public List<Point> points() {
        return List.copyOf(points);
    }

    public double spanSeconds() {
        return spanSeconds;
    }
}
