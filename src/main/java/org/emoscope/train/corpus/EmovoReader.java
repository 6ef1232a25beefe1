package org.emoscope.train.corpus;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EMOVO (Costantini et al., LREC 2014), Italian: six actors f1 f2 f3 m1 m2 m3, 14 sentences. Name
 * {@code <emotion>-<speaker>-<sentence>}, e.g. {@code dis-f1-b1}; emotion codes dis disgust, gio happy (gioia),
 * neu neutral, pau fear (paura), rab angry (rabbia), sor surprise (sorpresa), tri sad (tristezza); matched
 * case-insensitively, stored lower case. Gender from the speaker's letter.
 */
public final class EmovoReader extends FileNameCorpusReader {

    private static final Pattern NAME =
            Pattern.compile("(dis|gio|neu|pau|rab|sor|tri)-([fm]\\d)-([a-z]+\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Map<String, Emotion> CODES = Map.of("dis", Emotion.DISGUST, "gio", Emotion.HAPPY,
            "neu", Emotion.NEUTRAL, "pau", Emotion.FEAR, "rab", Emotion.ANGRY, "sor", Emotion.SURPRISE,
            "tri", Emotion.SAD);
    private static final List<Emotion> EMOTIONS = List.of(Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SAD,
            Emotion.ANGRY, Emotion.FEAR, Emotion.DISGUST, Emotion.SURPRISE);

    /** Reader stamping corpus name {@code "emovo"}. */
    public EmovoReader() {
        super("emovo", EMOTIONS);
    }


    @Override
    protected Parsed parse(Path file) {
        Matcher m = NAME.matcher(AudioFiles.stem(file));
        if (!m.matches()) return reject("name does not follow the EMOVO convention <emotion>-<speaker>-<sentence>");
        String code = m.group(1).toLowerCase(Locale.ROOT);
        String speaker = m.group(2).toLowerCase(Locale.ROOT);
        return accept(new Utterance(file, name(), speaker, CODES.get(code), m.group(3).toLowerCase(Locale.ROOT),
                Map.of(Utterance.SOURCE_LABEL, code,
                        Utterance.GENDER, speaker.startsWith("f") ? "female" : "male")));
    }
}
