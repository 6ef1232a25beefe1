package org.emoscope.train.corpus;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CREMA-D (Cao et al. 2014): 91 actors, 12 sentences. Name {@code AAAA_SSS_EEE_II}, e.g. {@code 1001_DFA_ANG_XX}:
 * actor 1001-1091 (the speaker), sentence code (the {@link Utterance#textId()}), emotion ANG angry, DIS disgust,
 * FEA fear, HAP happy, NEU neutral, SAD sad, intensity LO low, MD medium, HI high, XX unspecified.
 * Case-sensitive, as upstream. Gender is not in the name (it is in the corpus's VideoDemographics.csv) and is not
 * reported.
 */
public final class CremaDReader extends FileNameCorpusReader {

    private static final Pattern NAME =
            Pattern.compile("(\\d{4})_([A-Z]{3})_(ANG|DIS|FEA|HAP|NEU|SAD)_(LO|MD|HI|XX)");
    private static final Map<String, Emotion> CODES = Map.of("ANG", Emotion.ANGRY, "DIS", Emotion.DISGUST,
            "FEA", Emotion.FEAR, "HAP", Emotion.HAPPY, "NEU", Emotion.NEUTRAL, "SAD", Emotion.SAD);
    private static final Map<String, String> INTENSITIES =
            Map.of("LO", "low", "MD", "medium", "HI", "high", "XX", "unspecified");
    private static final List<Emotion> EMOTIONS = List.of(Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SAD,
            Emotion.ANGRY, Emotion.FEAR, Emotion.DISGUST);

    /** Reader stamping corpus name {@code "cremad"}. */
    public CremaDReader() {
        super("cremad", EMOTIONS);
    }


    @Override
    protected Parsed parse(Path file) {
        Matcher m = NAME.matcher(AudioFiles.stem(file));
        if (!m.matches()) return reject("name does not follow the CREMA-D convention AAAA_SSS_EEE_II");
        int actor = Integer.parseInt(m.group(1));
        if (actor < 1001 || actor > 1091) return reject("CREMA-D actor " + m.group(1) + " is outside 1001-1091");
        return accept(new Utterance(file, name(), m.group(1), CODES.get(m.group(3)), m.group(2), Map.of(
                Utterance.SOURCE_LABEL, m.group(3),
                Utterance.INTENSITY, INTENSITIES.get(m.group(4)))));
    }
}
