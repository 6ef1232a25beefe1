package org.emoscope.app.view.chart;

/**
 * The colour level of each frame-attention value in a heat strip. A frame gate (one value in 0-1 per frame) is drawn
 * as it is. Attention weights that sum to 1 are small (1/50 each over a 2 s window of 40 ms frames), so they are drawn
 * relative to the largest: the brightest frame is the one weighed most, and the strip's caption says what that is.
 */
public final class FrameStrip {

    private FrameStrip() {
    }

    /** Levels in [0, 1] for {@code attention}; {@code distribution} true when the values sum to 1. */
    public static double[] levels(float[] attention, boolean distribution) {
        double[] out = new double[attention.length];
        double max = 0;
        for (float a : attention) max = Math.max(max, a);
        for (int i = 0; i < out.length; i++)
            out[i] = distribution ? (max > 0 ? attention[i] / max : 0) : Math.max(0, Math.min(1, attention[i]));
        return out;
    }
}
