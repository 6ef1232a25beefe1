package org.emoscope.model;

import java.util.List;
import java.util.Objects;

/**
 * What the model says about one window of audio.
 *
 * @param labels            class names, in the model's output order
 * @param probabilities     softmax output, one per label, summing to 1
 * @param frameAttention    frame attention, one value per attention frame: for a network that pools attentively
 *                          ({@link EmotionModel#attentivePooling()}) the pooling weights, which sum to 1 over the
 *                          window; otherwise CBAM's spatial gate, each value in (0, 1)
 * @param frameSeconds      seconds covered by one attention frame; attention frame i starts at i * frameSeconds
 *                          from the start of the window
 */
public record Prediction(List<String> labels, float[] probabilities, float[] frameAttention,
                         double frameSeconds) {

    public Prediction {
        labels = List.copyOf(labels);
        Objects.requireNonNull(probabilities, "probabilities");
        Objects.requireNonNull(frameAttention, "frameAttention");
        if (probabilities.length != labels.size())
            throw new IllegalArgumentException(probabilities.length + " probabilities for " + labels.size() + " labels");
    }

    /** Index of the most probable label. */
    public int bestIndex() {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) if (probabilities[i] > probabilities[best]) best = i;
        return best;
    }

    public String label() {
        return labels.get(bestIndex());
    }

    public float confidence() {
        return probabilities[bestIndex()];
    }

    /** Start time in seconds (from the window start) of attention frame {@code i}. */
    public double frameTime(int i) {
        return i * frameSeconds;
    }
}
