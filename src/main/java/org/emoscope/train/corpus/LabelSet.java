package org.emoscope.train.corpus;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The classes a model is trained on, and how each corpus {@link Emotion} maps onto them. Emotions without a
 * mapping are not part of the task (utterances carrying them are left out).
 *
 * <p>{@link #sevenClass()}, the default and the paper's label set, for single- and cross-corpus models:
 * <table>
 * <caption>corpus emotion to model class</caption>
 * <tr><th>emotion</th><th>seven-class</th><th>corpus-native</th></tr>
 * <tr><td>neutral</td><td>neutral</td><td>neutral</td></tr>
 * <tr><td>calm (RAVDESS only)</td><td><b>neutral</b></td><td>calm</td></tr>
 * <tr><td>happy</td><td>happy</td><td>happy</td></tr>
 * <tr><td>sad</td><td>sad</td><td>sad</td></tr>
 * <tr><td>angry</td><td>angry</td><td>angry</td></tr>
 * <tr><td>fear</td><td>fear</td><td>fear</td></tr>
 * <tr><td>disgust</td><td>disgust</td><td>disgust</td></tr>
 * <tr><td>surprise (not in EMO-DB, CREMA-D)</td><td>surprise</td><td>surprise</td></tr>
 * <tr><td>boredom (EMO-DB only)</td><td><b>neutral</b></td><td>boredom</td></tr>
 * </table>
 * Calm and boredom are low-arousal, neutral-valence states that no other corpus has, so the cross-corpus model
 * folds them into neutral rather than learning a class that only one corpus can teach. {@link #corpusNative(String)}
 * keeps each corpus's own classes (RAVDESS 8 with calm, EMO-DB 7 with boredom, CREMA-D 6) for per-corpus
 * evaluation comparable with the literature.
 *
 * @param name    identifier, e.g. {@code "seven-class"} or {@code "ravdess-native"}
 * @param classes the model's classes in output order
 * @param mapping corpus emotion to class; every class maps to itself
 */
public record LabelSet(String name, List<Emotion> classes, Map<Emotion, Emotion> mapping) {

    private static final List<Emotion> SEVEN = List.of(Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SAD, Emotion.ANGRY,
            Emotion.FEAR, Emotion.DISGUST, Emotion.SURPRISE);
    private static final String NATIVE_SUFFIX = "-native";

    /** @throws IllegalArgumentException if classes are empty or repeated, or the mapping is inconsistent */
    public LabelSet {
        Objects.requireNonNull(name, "name");
        classes = List.copyOf(classes);
        if (classes.isEmpty()) throw new IllegalArgumentException("a label set needs classes");
        if (classes.stream().distinct().count() != classes.size())
            throw new IllegalArgumentException("repeated class in " + classes);
        Map<Emotion, Emotion> copy = new EnumMap<>(Emotion.class);
        copy.putAll(mapping);
        mapping = Collections.unmodifiableMap(copy);
        for (Emotion target : mapping.values())
            if (!classes.contains(target)) throw new IllegalArgumentException(target + " is not a class of " + name);
        for (Emotion c : classes)
            if (mapping.get(c) != c) throw new IllegalArgumentException("class " + c + " must map to itself");
    }

    /** The default seven classes (neutral, happy, sad, angry, fear, disgust, surprise), calm and boredom as neutral. */
    public static LabelSet sevenClass() {
        Map<Emotion, Emotion> mapping = new EnumMap<>(Emotion.class);
        for (Emotion e : SEVEN) mapping.put(e, e);
        mapping.put(Emotion.CALM, Emotion.NEUTRAL);
        mapping.put(Emotion.BOREDOM, Emotion.NEUTRAL);
        return new LabelSet("seven-class", SEVEN, mapping);
    }

    /**
     * The corpus's own classes, each mapped to itself, in {@link Emotion} order; named {@code <corpus>-native}.
     *
     * @throws IllegalArgumentException for an unknown corpus
     */
    public static LabelSet corpusNative(String corpus) {
        Corpus c = Corpora.get(corpus);
        Map<Emotion, Emotion> mapping = new EnumMap<>(Emotion.class);
        for (Emotion e : c.emotions()) mapping.put(e, e);
        return new LabelSet(c.name() + NATIVE_SUFFIX, c.emotions(), mapping);
    }

    /**
     * The label set with this {@link #name()}: {@code "seven-class"} or {@code "<corpus>-native"}.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static LabelSet named(String name) {
        if (name.equals("seven-class")) return sevenClass();
        if (name.endsWith(NATIVE_SUFFIX) && Corpora.find(name.substring(0, name.length() - NATIVE_SUFFIX.length()))
                .isPresent()) {
            return corpusNative(name.substring(0, name.length() - NATIVE_SUFFIX.length()));
        }
        throw new IllegalArgumentException("unknown label set '" + name + "'; use seven-class or <corpus>-native");
    }

    /** The class {@code emotion} is trained as, or empty if it is not part of this task. */
    public Optional<Emotion> classOf(Emotion emotion) {
        return Optional.ofNullable(mapping.get(emotion));
    }

    /** Output index of {@code emotion}'s class, or empty if it is not part of this task. */
    public OptionalInt indexOf(Emotion emotion) {
        Emotion c = mapping.get(emotion);
        return c == null ? OptionalInt.empty() : OptionalInt.of(classes.indexOf(c));
    }

    /** True if utterances with {@code emotion} belong to this task. */
    public boolean covers(Emotion emotion) {
        return mapping.containsKey(emotion);
    }

    /** Class names ({@link Emotion#label()}) in output order. */
    public List<String> labels() {
        return classes.stream().map(Emotion::label).toList();
    }
}
