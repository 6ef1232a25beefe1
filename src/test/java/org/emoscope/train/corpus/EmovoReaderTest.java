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
import static org.emoscope.train.corpus.CorpusFiles.touchAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EmovoReaderTest {

    @TempDir
    Path root;

    private final EmovoReader reader = new EmovoReader();

    @ParameterizedTest
    @CsvSource({"dis,disgust", "gio,happy", "neu,neutral", "pau,fear", "rab,angry", "sor,surprise", "tri,sad"})
    void mapsEveryEmotionCode(String code, String label) throws IOException {
        Utterance u = single(reader, root, "f2/" + code + "-f2-n4.wav");
        assertEquals(Emotion.fromLabel(label), u.emotion());
        assertEquals("f2", u.speaker());
        assertEquals("n4", u.textId());
        assertEquals(Map.of(Utterance.SOURCE_LABEL, code, Utterance.GENDER, "female"), u.extra());
    }

    @Test
    void maleSpeakerAndUpperCaseName() throws IOException {
        Utterance u = single(reader, root, "M3/RAB-M3-B1.WAV");
        assertEquals("m3", u.speaker());
        assertEquals("b1", u.textId());
        assertEquals(Emotion.ANGRY, u.emotion());
        assertEquals("male", u.extra().get(Utterance.GENDER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ang-f1-b1.wav", "dis-x1-b1.wav", "dis-f1.wav", "dis_f1_b1.wav", "dis-f1-b1-2.wav"})
    void skipsNamesOffTheConvention(String name) throws IOException {
        assertOnlySkipped(reader, root, name);
    }
}
