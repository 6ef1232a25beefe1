package org.emoscope.train.corpus;

import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One recording of a corpus, with what its file name (and, for a few corpora, its folder) says about it.
 *
 * @param file    the audio file
 * @param corpus  name of the corpus it belongs to, e.g. {@code "ravdess"} or {@code "emodb-2s"}
 * @param speaker the corpus's own speaker id, e.g. {@code "01"}, {@code "OAF"}, {@code "f1"}, {@code "DC"}
 * @param emotion the corpus's own emotion mapped to {@link Emotion} one to one (RAVDESS calm stays
 *                {@link Emotion#CALM}, EMO-DB boredom stays {@link Emotion#BOREDOM}): merging is a
 *                {@link LabelSet}'s job
 * @param textId  the corpus's id of the spoken text or item (RAVDESS statement, TESS word, EMOVO sentence, EMO-DB
 *                text code, SAVEE item, CREMA-D sentence); empty when the name carries none
 * @param extra   further facts the name carries, keyed by the constants of this class (e.g. {@link #GENDER},
 *                {@link #INTENSITY}); always includes {@link #SOURCE_LABEL}. Stored sorted by key.
 */
public record Utterance(Path file, String corpus, String speaker, Emotion emotion, String textId,
                        Map<String, String> extra) {

    /** {@code "male"} or {@code "female"}, when the corpus documents it per speaker. */
    public static final String GENDER = "gender";
    /** Intensity as the corpus names it: RAVDESS normal/strong, CREMA-D low/medium/high/unspecified. */
    public static final String INTENSITY = "intensity";
    /** Repetition number (RAVDESS). */
    public static final String REPETITION = "repetition";
    /** Version letter of a take (EMO-DB). */
    public static final String VERSION = "version";
    /** Age group of the speaker (TESS: older/younger). */
    public static final String AGE = "age";
    /** The emotion code exactly as it appears in the name, e.g. {@code "06"}, {@code "ps"}, {@code "W"}. */
    public static final String SOURCE_LABEL = "label";

    public Utterance {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(emotion, "emotion");
        Objects.requireNonNull(textId, "textId");
        if (corpus == null || corpus.isBlank()) throw new IllegalArgumentException("corpus must be given");
        if (speaker == null || speaker.isBlank()) throw new IllegalArgumentException("speaker must be given");
        extra = Collections.unmodifiableMap(new TreeMap<>(extra));
    }

    /**
     * Speaker id that is unique across corpora ({@code corpus + ":" + speaker}): speaker "03" of EMO-DB and actor
     * "03" of RAVDESS are different people. Speaker-grouped splits group by this key.
     */
    public String speakerKey() {
        return corpus + ":" + speaker;
    }

    /** The value of one {@link #extra()} entry, if the name carries it. */
    public Optional<String> attribute(String key) {
        return Optional.ofNullable(extra.get(key));
    }
}
