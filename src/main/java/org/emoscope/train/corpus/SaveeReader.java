package org.emoscope.train.corpus;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SAVEE, Surrey Audio-Visual Expressed Emotion: four male speakers DC, JE, JK, KL. Two layouts occur and both are
 * read: {@code DC_a01.wav} (speaker in the name) and {@code DC/a01.wav} (speaker as the folder). Emotion codes
 * a anger, d disgust, f fear, h happiness, n neutral, sa sadness, su surprise, followed by a two-digit item number;
 * the {@link Utterance#textId()} is code plus number (e.g. {@code a01}), since SAVEE numbers its sentences per
 * emotion. Matched case-insensitively; speakers stored upper case, codes lower case.
 */
public final class SaveeReader extends FileNameCorpusReader {

    private static final String SPEAKERS = "(DC|JE|JK|KL)";
    private static final String ITEM = "(a|d|f|h|n|sa|su)(\\d\\d)";
    private static final Pattern PREFIXED = Pattern.compile(SPEAKERS + "_" + ITEM, Pattern.CASE_INSENSITIVE);
    private static final Pattern BARE = Pattern.compile(ITEM, Pattern.CASE_INSENSITIVE);
    private static final Pattern SPEAKER_FOLDER = Pattern.compile(SPEAKERS, Pattern.CASE_INSENSITIVE);
    private static final Map<String, Emotion> CODES = Map.of("a", Emotion.ANGRY, "d", Emotion.DISGUST,
            "f", Emotion.FEAR, "h", Emotion.HAPPY, "n", Emotion.NEUTRAL, "sa", Emotion.SAD, "su", Emotion.SURPRISE);
    private static final List<Emotion> EMOTIONS = List.of(Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SAD,
            Emotion.ANGRY, Emotion.FEAR, Emotion.DISGUST, Emotion.SURPRISE);

    /** Reader stamping corpus name {@code "savee"}. */
    public SaveeReader() {
        super("savee", EMOTIONS);
    }


    @Override
    protected Parsed parse(Path file) {
        String stem = AudioFiles.stem(file);
        Matcher prefixed = PREFIXED.matcher(stem);
        if (prefixed.matches()) return utterance(file, prefixed.group(1), prefixed.group(2), prefixed.group(3));
        Matcher bare = BARE.matcher(stem);
        if (bare.matches() && SPEAKER_FOLDER.matcher(AudioFiles.parentName(file)).matches()) {
            return utterance(file, AudioFiles.parentName(file), bare.group(1), bare.group(2));
        }
        return reject("name does not follow the SAVEE convention <DC|JE|JK|KL>_<code><nn> or <speaker>/<code><nn>");
    }

    private Parsed utterance(Path file, String speaker, String code, String number) {
        String c = code.toLowerCase(Locale.ROOT);
        return accept(new Utterance(file, name(), speaker.toUpperCase(Locale.ROOT), CODES.get(c), c + number,
                Map.of(Utterance.SOURCE_LABEL, c, Utterance.GENDER, "male")));
    }
}
