package org.emoscope.train.corpus;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nEMO (Christop, LREC-COLING 2024), Polish: nine speakers, six emotions, no disgust. Name
 * {@code <speaker>_<emotion>_<n>} with any audio extension (the corpus ships WAV; the shared copy is Ogg Vorbis),
 * e.g. {@code EB0_anger_12.ogg}; emotions anger, fear, happiness, neutral, sadness, surprised; matched
 * case-insensitively. The speaker id is stored upper case. {@code <n>} numbers the takes of one speaker and emotion,
 * so the text id is {@code <emotion>-<n>}. Gender comes from the corpus's metadata: EB0, IC0, KD0 and MK0 are
 * women, KS0, MP0, SM0, TP0 and WR0 men; other speakers (a later release) carry no gender.
 */
public final class NemoReader extends FileNameCorpusReader {

    private static final Pattern NAME =
            Pattern.compile("([a-z]{2}\\d)_(anger|fear|happiness|neutral|sadness|surprised)_(\\d+)",
                    Pattern.CASE_INSENSITIVE);
    private static final Map<String, Emotion> CODES = Map.of("anger", Emotion.ANGRY, "fear", Emotion.FEAR,
            "happiness", Emotion.HAPPY, "neutral", Emotion.NEUTRAL, "sadness", Emotion.SAD,
            "surprised", Emotion.SURPRISE);
    private static final List<Emotion> EMOTIONS = List.of(Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SAD,
            Emotion.ANGRY, Emotion.FEAR, Emotion.SURPRISE);
    private static final Set<String> WOMEN = Set.of("EB0", "IC0", "KD0", "MK0");
    private static final Set<String> MEN = Set.of("KS0", "MP0", "SM0", "TP0", "WR0");

    /** Reader stamping corpus name {@code "nemo"}. */
    public NemoReader() {
        super("nemo", EMOTIONS);
    }

    @Override
    protected Parsed parse(Path file) {
        Matcher m = NAME.matcher(AudioFiles.stem(file));
        if (!m.matches())
            return reject("name does not follow the nEMO convention <speaker>_<emotion>_<n>");
        String speaker = m.group(1).toUpperCase(Locale.ROOT);
        String code = m.group(2).toLowerCase(Locale.ROOT);
        String take = String.valueOf(Integer.parseInt(m.group(3)));
        String gender = WOMEN.contains(speaker) ? "female" : MEN.contains(speaker) ? "male" : null;
        Map<String, String> extra = gender == null ? Map.of(Utterance.SOURCE_LABEL, code)
                : Map.of(Utterance.SOURCE_LABEL, code, Utterance.GENDER, gender);
        return accept(new Utterance(file, name(), speaker, CODES.get(code), code + "-" + take, extra));
    }
}
