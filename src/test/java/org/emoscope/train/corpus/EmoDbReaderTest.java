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
import static org.emoscope.train.corpus.CorpusFiles.skippedPaths;
import static org.emoscope.train.corpus.CorpusFiles.touchAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class EmoDbReaderTest {

    @TempDir
    Path root;

    @ParameterizedTest
    @CsvSource({"W,angry", "L,boredom", "E,disgust", "A,fear", "F,happy", "T,sad", "N,neutral"})
    void mapsEveryEmotionLetter(String code, String label) throws IOException {
        Utterance u = single(new EmoDbReader(), root, "wav/03a01" + code + "a.wav");
        assertEquals(Emotion.fromLabel(label), u.emotion());
        assertEquals(code, u.extra().get(Utterance.SOURCE_LABEL));
    }

    @Test
    void readsEveryField() throws IOException {
        Utterance u = single(new EmoDbReader(), root, "16b10Tc.wav");
        assertEquals("emodb", u.corpus());
        assertEquals("16", u.speaker());
        assertEquals("b10", u.textId());
        assertEquals(Emotion.SAD, u.emotion());
        assertEquals(Map.of(Utterance.SOURCE_LABEL, "T", Utterance.VERSION, "c", Utterance.GENDER, "female"),
                u.extra());
    }

    @Test
    void servesTheTwoSecondCopyUnderItsOwnName() throws IOException {
        Utterance u = single(new EmoDbReader("emodb-2s"), root, "emodb-2s/03a01Fa.flac");
        assertEquals("emodb-2s", u.corpus());
        assertEquals("emodb-2s:03", u.speakerKey());
        assertEquals("male", u.extra().get(Utterance.GENDER));
    }

    @Test
    void unknownSpeakerHasNoGender() throws IOException {
        Utterance u = single(new EmoDbReader(), root, "42a01Fa.wav");
        assertFalse(u.attribute(Utterance.GENDER).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"03a01Xa.wav", "3a01Fa.wav", "03a01fa.wav", "03a1Fa.wav", "03a01Fab.wav", "03A01Fa.wav"})
    void skipsNamesOffTheConvention(String name) throws IOException {
        touchAll(root, name);
        CorpusScan scan = new EmoDbReader().scan(root);
        assertEquals(List.of(), scan.utterances());
        assertEquals(List.of(name), skippedPaths(root, scan));
    }
}
