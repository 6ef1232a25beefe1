package org.emoscope.model;

import java.util.List;
import java.util.Objects;

/**
 * Why the network gave one class the probability it did on one window: a signed attribution on the log-mel
 * spectrogram and the frame attention (see {@link Explainer} for the method).
 *
 * @param labels              class names in the model's output order
 * @param target              index of the explained class
 * @param probability         the network's probability of {@code target} on the window (the network alone: a bundle
 *                            that fuses window statistics has its own, see {@link #fusedProbabilities})
 * @param baselineProbability the network's probability of {@code target} on the neutral window (every frame the
 *                            voice's mean frame)
 * @param cells               attribution {@code [frames][bands]}: how much each log-mel cell moved the probability
 *                            of {@code target} away from the neutral window (positive: towards the class). They add
 *                            up to {@code probability - baselineProbability} up to {@link #completenessGap}
 * @param hopSeconds          seconds between frames ({@code cells[t]} is the frame starting at {@code t} hops)
 * @param bandCentresHz       centre frequency of each mel band
 * @param frameAttention      the network's frame attention for the window (see {@link Prediction#frameAttention})
 * @param attentionSeconds    seconds covered by one frame-attention value
 * @param distribution        true if {@code frameAttention} sums to 1 (attentive pooling), false for a gate
 * @param fusedProbabilities  the bundle's probabilities (network fused with the window-statistics classifier when it
 *                            has one), one per label; the network's own when there is nothing to fuse
 * @param statistics          for a bundle that fuses window statistics, each statistic's contribution to the log
 *                            probability of {@code target} in the statistics classifier (gradient times input, from
 *                            the voice's average), largest magnitude first; empty otherwise
 * @param networkWeight       the network's share of the fused probabilities (1 without a statistics classifier)
 */
public record Explanation(List<String> labels, int target, double probability, double baselineProbability,
                          float[][] cells, double hopSeconds, double[] bandCentresHz, float[] frameAttention,
                          double attentionSeconds, boolean distribution, float[] fusedProbabilities,
                          List<Contribution> statistics, double networkWeight) {

    /** One window statistic's push towards (positive) or away from (negative) the explained class. */
    public record Contribution(String name, double value) {
    }

    public Explanation {
        labels = List.copyOf(labels);
        statistics = List.copyOf(statistics);
        Objects.requireNonNull(cells, "cells");
        if (target < 0 || target >= labels.size())
            throw new IllegalArgumentException("target " + target + " is not one of " + labels.size() + " classes");
    }

    /** The explained class's name. */
    public String label() {
        return labels.get(target);
    }

    /** Frames explained. */
    public int frames() {
        return cells.length;
    }

    /** Mel bands per frame. */
    public int bands() {
        return bandCentresHz.length;
    }

    /** Sum of all cells. */
    public double total() {
        double s = 0;
        for (float[] row : cells) for (float v : row) s += v;
        return s;
    }

    /**
     * How far the cells are from adding up to the change in probability they explain:
     * {@code |total - (probability - baselineProbability)|}. Integrated gradients make it shrink as steps grow.
     */
    public double completenessGap() {
        return Math.abs(total() - (probability - baselineProbability));
    }

    /**
     * This explanation on a coarser grid: each new cell is the sum of {@code frames} x {@code bands} cells (the
     * last row and column may take fewer), so sums, and completeness, are kept; a band's centre is the mean of its
     * bands' centres. Frame attention is unchanged.
     */
    public Explanation pooled(int frames, int bands) {
        if (frames < 1 || bands < 1) throw new IllegalArgumentException("cells must be at least 1 x 1");
        int t2 = (cells.length + frames - 1) / frames;
        int b2 = (bandCentresHz.length + bands - 1) / bands;
        float[][] out = new float[t2][b2];
        for (int t = 0; t < cells.length; t++)
            for (int b = 0; b < bandCentresHz.length; b++) out[t / frames][b / bands] += cells[t][b];
        double[] centres = new double[b2];
        for (int b = 0; b < b2; b++) {
            int from = b * bands;
            int to = Math.min(bandCentresHz.length, from + bands);
            double sum = 0;
            for (int i = from; i < to; i++) sum += bandCentresHz[i];
            centres[b] = sum / (to - from);
        }
        return new Explanation(labels, target, probability, baselineProbability, out, hopSeconds * frames, centres,
                frameAttention, attentionSeconds, distribution, fusedProbabilities, statistics, networkWeight);
    }

    /** Largest absolute cell value (0 for an all-zero map): the scale of a symmetric colour map. */
    public double maxAbs() {
        double m = 0;
        for (float[] row : cells) for (float v : row) m = Math.max(m, Math.abs(v));
        return m;
    }
}
