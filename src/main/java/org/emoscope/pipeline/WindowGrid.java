package org.emoscope.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * Where windows fall on a finite stream of frames: one every {@code hop} frames from 0 while a whole window fits,
 * one more aligned to the end when the grid missed the tail, and a single zero-padded window when the stream is
 * shorter than one window. The streaming analyzer cuts exactly these windows as frames arrive; training and
 * evaluation use this class to cut the same windows from cached features.
 */
public final class WindowGrid {

    private WindowGrid() {
    }

    /** Start frames of the windows over {@code totalFrames} frames (empty when there are none). */
    public static int[] starts(int totalFrames, int windowFrames, int hopFrames) {
        if (totalFrames <= 0) return new int[0];
        if (totalFrames < windowFrames) return new int[]{0};
        List<Integer> out = new ArrayList<>();
        int last = -1;
        for (int s = 0; s + windowFrames <= totalFrames; s += hopFrames) {
            out.add(s);
            last = s;
        }
        if (last + windowFrames < totalFrames) out.add(totalFrames - windowFrames);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The window of {@code windowFrames} frames starting at {@code start}, padded with {@code silence} past the
     * end of {@code frames}. Rows are shared with {@code frames}, not copied.
     */
    public static float[][] cut(float[][] frames, int start, int windowFrames, float[] silence) {
        float[][] w = new float[windowFrames][];
        for (int i = 0; i < windowFrames; i++) {
            int f = start + i;
            w[i] = f < frames.length ? frames[f] : silence;
        }
        return w;
    }
}
