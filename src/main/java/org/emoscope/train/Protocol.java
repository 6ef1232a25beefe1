package org.emoscope.train;

import java.util.Locale;

/** How a corpus is split for evaluation. */
public enum Protocol {
    /**
     * Speaker-independent (the default): folds grouped by speaker, augmentation and normalisation fitted inside the
     * training side, early stopping on held-out training speakers.
     */
    SPEAKER("speaker-independent"),
    /**
     * The seed paper's protocol, reproduced on purpose: every file augmented, then a random 80/20 split of the
     * augmented rows. It leaks speakers and augmented copies of test utterances into training.
     */
    PAPER("paper protocol (leaks speakers and augmented copies)"),
    /**
     * Leave one corpus out: train on every corpus but one, test on every file of that one. A voice, a language and
     * a recording the model never heard, as a new user is.
     */
    CORPUS("leave one corpus out (voices, language and recordings never heard)");

    private final String description;

    Protocol(String description) {
        this.description = description;
    }

    /** The label every output of this protocol carries. */
    public String description() {
        return description;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Protocol parse(String s) {
        for (Protocol p : values()) if (p.id().equalsIgnoreCase(s.trim())) return p;
        throw new IllegalArgumentException("unknown protocol '" + s + "': use speaker, paper or corpus");
    }
}
