package org.emoscope.pipeline;

import java.util.ArrayList;
import java.util.List;

/** Turns overlapping window results into a flat timeline and an utterance-level verdict. */
public final class Timeline {

    private Timeline() {
    }

    /**
     * Each window speaks for the stretch around its centre, half-way to its neighbours' centres; consecutive
     * windows with the same label merge into one segment. The first segment starts at 0 and the last ends at
     * {@code durationSeconds}.
     */
    public static List<Segment> segments(List<WindowResult> windows, double durationSeconds) {
        List<Segment> out = new ArrayList<>();
        int n = windows.size();
        int i = 0;
        while (i < n) {
            String label = windows.get(i).label();
            int j = i;
            while (j + 1 < n && windows.get(j + 1).label().equals(label)) j++;
            double start = i == 0 ? 0.0 : boundary(windows.get(i - 1), windows.get(i));
            double end = j == n - 1 ? durationSeconds : boundary(windows.get(j), windows.get(j + 1));
            out.add(new Segment(start, Math.max(start, end), label, mean(windows.subList(i, j + 1), true)));
            i = j + 1;
        }
        return out;
    }

    /** Builds the whole file result. */
    public static FileAnalysis analysis(String file, double durationSeconds, List<String> labels,
                                        List<WindowResult> windows) {
        List<WindowResult> speech = windows.stream().filter(WindowResult::speech).toList();
        float[] probs;
        String label;
        double confidence;
        if (speech.isEmpty()) {
            probs = mean(windows, false);
            label = WindowResult.NO_SPEECH;
            confidence = 0;
        } else {
            probs = mean(speech, false);
            int best = WindowResult.argMax(probs);
            label = labels.get(best);
            confidence = probs[best];
        }
        double fraction = windows.isEmpty() ? 0 : speech.size() / (double) windows.size();
        return new FileAnalysis(file, durationSeconds, labels, label, confidence, probs, fraction,
                segments(windows, durationSeconds), List.copyOf(windows));
    }

    private static double boundary(WindowResult a, WindowResult b) {
        return (centre(a) + centre(b)) / 2;
    }

    private static double centre(WindowResult w) {
        return (w.startSeconds() + w.endSeconds()) / 2;
    }

    /** Mean probabilities; smoothed ones where {@code preferSmoothed} and available, else the raw model output. */
    private static float[] mean(List<WindowResult> ws, boolean preferSmoothed) {
        if (ws.isEmpty()) return new float[0];
        int k = ws.get(0).prediction().probabilities().length;
        double[] sum = new double[k];
        for (WindowResult w : ws) {
            float[] p = preferSmoothed && w.smoothed() != null ? w.smoothed() : w.prediction().probabilities();
            for (int c = 0; c < k; c++) sum[c] += p[c];
        }
        float[] out = new float[k];
        double total = 0;
        for (double v : sum) total += v;
        for (int c = 0; c < k; c++) out[c] = (float) (sum[c] / total);
        return out;
    }
}
