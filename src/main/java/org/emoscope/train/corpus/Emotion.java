package org.emoscope.train.corpus;

import java.util.Locale;

/**
 * The common emotion label space of all supported corpora. Each reader maps its corpus's own codes onto these
 * values one to one, before any merging; {@link LabelSet} decides what a model sees.
 */
public enum Emotion {
    NEUTRAL, CALM, HAPPY, SAD, ANGRY, FEAR, DISGUST, SURPRISE, BOREDOM;

    /** Lower-case name, e.g. {@code "fear"}: the form used in manifests, reports and model label lists. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Same as {@link #label()}. */
    @Override
    public String toString() {
        return label();
    }

    /**
     * The emotion whose {@link #label()} is {@code label} (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown label
     */
    public static Emotion fromLabel(String label) {
        for (Emotion e : values()) if (e.label().equalsIgnoreCase(label)) return e;
        throw new IllegalArgumentException("unknown emotion label: " + label);
    }
}
