package org.emoscope.train.corpus;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TESS, Toronto emotional speech set (University of Toronto): two female speakers, OAF (older, 64) and YAF
 * (younger, 26), saying "Say the word ..." for 200 words. Name {@code <speaker>_<word>_<emotion>} inside folders
 * {@code OAF_<emotion>} / {@code YAF_<emotion>}; emotions angry, disgust, fear, happy, neutral, ps (pleasant
 * surprise, read as {@link Emotion#SURPRISE}) and sad; matched case-insensitively.
 *
 * <p>The speaker comes from the name. Upstream misspells one name {@code OA_bite_neutral}: whenever the name's
 * prefix is not OAF or YAF, the speaker is taken from an enclosing {@code OAF_*} / {@code YAF_*} folder, and the
 * file is skipped if there is none.
 */
public final class TessReader extends FileNameCorpusReader {

    private static final Pattern NAME =
            Pattern.compile("([a-z]+)_([a-z]+)_(angry|disgust|fear|happy|neutral|ps|sad)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SPEAKER_FOLDER = Pattern.compile("(OAF|YAF)_.+", Pattern.CASE_INSENSITIVE);
    private static final Map<String, Emotion> CODES = Map.of("angry", Emotion.ANGRY, "disgust", Emotion.DISGUST,
            "fear", Emotion.FEAR, "happy", Emotion.HAPPY, "neutral", Emotion.NEUTRAL, "ps", Emotion.SURPRISE,
            "sad", Emotion.SAD);
    private static final List<Emotion> EMOTIONS = List.of(Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SAD,
            Emotion.ANGRY, Emotion.FEAR, Emotion.DISGUST, Emotion.SURPRISE);

    /** Reader stamping corpus name {@code "tess"}. */
    public TessReader() {
        super("tess", EMOTIONS);
    }


    @Override
    protected Parsed parse(Path file) {
        Matcher m = NAME.matcher(AudioFiles.stem(file));
        if (!m.matches()) return reject("name does not follow the TESS convention <OAF|YAF>_<word>_<emotion>");
        String speaker = m.group(1).toUpperCase(Locale.ROOT);
        if (!speaker.equals("OAF") && !speaker.equals("YAF")) {
            Matcher folder = SPEAKER_FOLDER.matcher(AudioFiles.parentName(file));
            if (!folder.matches()) return reject("unknown TESS speaker " + m.group(1) + " outside an OAF_/YAF_ folder");
            speaker = folder.group(1).toUpperCase(Locale.ROOT);
        }
        String code = m.group(3).toLowerCase(Locale.ROOT);
        return accept(new Utterance(file, name(), speaker, CODES.get(code), m.group(2).toLowerCase(Locale.ROOT),
                Map.of(Utterance.SOURCE_LABEL, code,
                        Utterance.GENDER, "female",
                        Utterance.AGE, speaker.equals("OAF") ? "older" : "younger")));
    }
}
