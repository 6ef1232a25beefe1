package org.emoscope.train.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.emoscope.train.corpus.CorpusFiles.single;
import static org.emoscope.train.corpus.CorpusFiles.assertOnlySkipped;
import static org.emoscope.train.corpus.CorpusFiles.skippedPaths;
import static org.emoscope.train.corpus.CorpusFiles.touchAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NemoReaderTest {

    @TempDir
    Path root;

    private final NemoReader reader = new NemoReader();

    @ParameterizedTest
    @CsvSource({"anger,angry", "fear,fear", "happiness,happy", "neutral,neutral", "sadness,sad",
            "surprised,surprise"})
    void mapsEveryEmotionName(String code, String label) throws IOException {
        Utterance u = single(reader, root, "samples/EB0_" + code + "_12.ogg");
        assertEquals(Emotion.fromLabel(label), u.emotion());
        assertEquals("nemo", u.corpus());
        assertEquals("EB0", u.speaker());
        assertEquals(code + "-12", u.textId());
        assertEquals(Map.of(Utterance.SOURCE_LABEL, code, Utterance.GENDER, "female"), u.extra());
    }

    @Test
    void anyAudioExtensionAndCaseAMaleSpeaker() throws IOException {
        Utterance u = single(reader, root, "WR0_SADNESS_007.WAV");
        assertEquals("WR0", u.speaker());
        assertEquals(Emotion.SAD, u.emotion());
        assertEquals("sadness-7", u.textId());
        assertEquals("male", u.extra().get(Utterance.GENDER));
    }

    @Test
    void aSpeakerTheMetadataDoesNotNameHasNoGender() throws IOException {
        Utterance u = single(reader, root, "flac/ab1_neutral_3.flac");
        assertEquals("AB1", u.speaker());
        assertEquals(Map.of(Utterance.SOURCE_LABEL, "neutral"), u.extra());
    }

    @Test
    void theSameTakeInTwoFormatsIsOneRecording() throws IOException {
        touchAll(root, "ogg/KD0_fear_4.ogg", "wav/KD0_fear_4.wav");
        CorpusScan scan = reader.scan(root);
        assertEquals(1, scan.utterances().size());
        assertEquals(List.of("wav/KD0_fear_4.wav"), skippedPaths(root, scan));
    }

    @ParameterizedTest
    @ValueSource(strings = {"EB0_disgust_1.ogg", "EB0-anger-1.ogg", "EB0_anger.ogg", "EB_anger_1.ogg",
            "EB0_anger_1_2.ogg", "EB0_angry_1.ogg"})
    void skipsNamesOffTheConvention(String name) throws IOException {
        assertOnlySkipped(reader, root, name);
    }

    @Test
    void sixEmotionsWithoutDisgust() {
        assertEquals(List.of(Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SAD, Emotion.ANGRY, Emotion.FEAR,
                Emotion.SURPRISE), reader.emotions());
    }
}
