package org.emoscope.train.corpus;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RAVDESS (Livingstone &amp; Russo 2018), speech only. Name {@code MM-VV-EE-II-SS-RR-AA}:
 * <ul>
 * <li>MM modality: only {@code 03} (audio-only) is read; {@code 01} full-AV and {@code 02} video-only are skipped,
 *     so audio extracted from the videos cannot duplicate the audio-only release;</li>
 * <li>VV vocal channel: {@code 01} speech is read; {@code 02} song is skipped (sung emotion is a different task and
 *     the song set lacks disgust and surprise);</li>
 * <li>EE emotion: 01 neutral, 02 calm, 03 happy, 04 sad, 05 angry, 06 fearful, 07 disgust, 08 surprised;</li>
 * <li>II intensity: 01 normal, 02 strong; SS statement 01/02 (the {@link Utterance#textId()}); RR repetition
 *     01/02;</li>
 * <li>AA actor 01-24 (the speaker): odd male, even female.</li>
 * </ul>
 */
public final class RavdessReader extends FileNameCorpusReader {

    private static final Pattern NAME =
            Pattern.compile("(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)-(\\d\\d)");
    private static final List<Emotion> EMOTIONS = List.of(Emotion.NEUTRAL, Emotion.CALM, Emotion.HAPPY,
            Emotion.SAD, Emotion.ANGRY, Emotion.FEAR, Emotion.DISGUST, Emotion.SURPRISE);
    private static final String CONVENTION = "name does not follow the RAVDESS convention 03-01-EE-II-SS-RR-AA";

    /** Reader stamping corpus name {@code "ravdess"}. */
    public RavdessReader() {
        super("ravdess", EMOTIONS);
    }


    @Override
    protected Parsed parse(Path file) {
        Matcher m = NAME.matcher(AudioFiles.stem(file));
        if (!m.matches()) return reject(CONVENTION);
        int modality = Integer.parseInt(m.group(1));
        int channel = Integer.parseInt(m.group(2));
        int emotion = Integer.parseInt(m.group(3));
        int intensity = Integer.parseInt(m.group(4));
        int statement = Integer.parseInt(m.group(5));
        int repetition = Integer.parseInt(m.group(6));
        int actor = Integer.parseInt(m.group(7));
        if (modality != 3) return reject("RAVDESS modality " + m.group(1) + " is not audio-only (03)");
        if (channel == 2) return reject("RAVDESS song (vocal channel 02): speech only");
        if (channel != 1 || emotion < 1 || emotion > 8 || intensity < 1 || intensity > 2
                || statement < 1 || statement > 2 || repetition < 1 || repetition > 2 || actor < 1 || actor > 24) {
            return reject(CONVENTION + " (a field is out of range)");
        }
        return accept(new Utterance(file, name(), m.group(7), EMOTIONS.get(emotion - 1), m.group(5), Map.of(
                Utterance.SOURCE_LABEL, m.group(3),
                Utterance.INTENSITY, intensity == 1 ? "normal" : "strong",
                Utterance.REPETITION, m.group(6),
                Utterance.GENDER, actor % 2 == 1 ? "male" : "female")));
    }
}
