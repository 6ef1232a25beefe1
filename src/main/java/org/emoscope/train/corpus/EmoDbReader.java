package org.emoscope.train.corpus;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Berlin EMO-DB (Burkhardt et al. 2005), German: ten actors. Name {@code SSTTTEv}, e.g. {@code 03a01Fa}:
 * SS speaker (03 08 09 10 11 12 13 14 15 16), TTT text code (a01..b10, the {@link Utterance#textId()}),
 * E emotion: W anger (Wut), L boredom (Langeweile), E disgust (Ekel), A fear (Angst), F happy (Freude),
 * T sad (Trauer), N neutral; v version letter. Case-sensitive, as upstream.
 *
 * <p>The same reader serves the project's degraded copy {@code emodb-2s} (every file cut or padded to 2.0 s): it
 * uses the same names, and only the corpus name stamped on the utterances differs, so results on it stay
 * labelled "EMO-DB (2 s)".
 */
public final class EmoDbReader extends FileNameCorpusReader {

    private static final Pattern NAME = Pattern.compile("(\\d\\d)([a-z]\\d\\d)([WLEAFTN])([a-z])");
    private static final Map<Character, Emotion> CODES = Map.of('W', Emotion.ANGRY, 'L', Emotion.BOREDOM,
            'E', Emotion.DISGUST, 'A', Emotion.FEAR, 'F', Emotion.HAPPY, 'T', Emotion.SAD, 'N', Emotion.NEUTRAL);
    private static final List<Emotion> EMOTIONS = List.of(Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SAD,
            Emotion.ANGRY, Emotion.FEAR, Emotion.DISGUST, Emotion.BOREDOM);
    /** Speaker genders from the EMO-DB documentation. */
    private static final Map<String, String> GENDERS = Map.of("03", "male", "08", "female", "09", "female",
            "10", "male", "11", "male", "12", "male", "13", "female", "14", "female", "15", "male", "16", "female");

    /** Reader for the original EMO-DB, corpus name {@code "emodb"}. */
    public EmoDbReader() {
        this("emodb");
    }

    /** Reader for a copy that follows EMO-DB's names under another corpus name, e.g. {@code "emodb-2s"}. */
    public EmoDbReader(String corpusName) {
        super(corpusName, EMOTIONS);
    }


    @Override
    protected Parsed parse(Path file) {
        Matcher m = NAME.matcher(AudioFiles.stem(file));
        if (!m.matches()) return reject("name does not follow the EMO-DB convention SSTTTEv (e.g. 03a01Fa)");
        String speaker = m.group(1);
        Map<String, String> extra = new HashMap<>();
        extra.put(Utterance.SOURCE_LABEL, m.group(3));
        extra.put(Utterance.VERSION, m.group(4));
        if (GENDERS.containsKey(speaker)) extra.put(Utterance.GENDER, GENDERS.get(speaker));
        return accept(new Utterance(file, name(), speaker, CODES.get(m.group(3).charAt(0)), m.group(2), extra));
    }
}
