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

import static org.emoscope.train.corpus.CorpusFiles.paths;
import static org.emoscope.train.corpus.CorpusFiles.single;
import static org.emoscope.train.corpus.CorpusFiles.assertOnlySkipped;
import static org.emoscope.train.corpus.CorpusFiles.touchAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SaveeReaderTest {

    @TempDir
    Path root;

    private final SaveeReader reader = new SaveeReader();

    @ParameterizedTest
    @CsvSource({"a,angry", "d,disgust", "f,fear", "h,happy", "n,neutral", "sa,sad", "su,surprise"})
    void prefixedLayoutMapsEveryCode(String code, String label) throws IOException {
        Utterance u = single(reader, root, "AudioData/JK_" + code + "07.wav");
        assertEquals(Emotion.fromLabel(label), u.emotion());
        assertEquals("JK", u.speaker());
        assertEquals(code + "07", u.textId());
        assertEquals(Map.of(Utterance.SOURCE_LABEL, code, Utterance.GENDER, "male"), u.extra());
    }

    @ParameterizedTest
    @CsvSource({"a,angry", "d,disgust", "f,fear", "h,happy", "n,neutral", "sa,sad", "su,surprise"})
    void folderLayoutMapsEveryCode(String code, String label) throws IOException {
        Utterance u = single(reader, root, "AudioData/KL/" + code + "15.wav");
        assertEquals(Emotion.fromLabel(label), u.emotion());
        assertEquals("KL", u.speaker());
        assertEquals(code + "15", u.textId());
    }

    @Test
    void readsBothLayoutsTogetherAndNormalisesCase() throws IOException {
        touchAll(root, "ALL/DC_a01.wav", "ALL/je_SU02.WAV", "AudioData/JE/sa03.wav", "AudioData/kl/n30.wav");
        CorpusScan scan = reader.scan(root);
        assertEquals(List.of("DC", "JE", "JE", "KL"), scan.utterances().stream().map(Utterance::speaker).toList());
        assertEquals(List.of("a01", "su02", "sa03", "n30"), scan.utterances().stream().map(Utterance::textId).toList());
        assertEquals(List.of(), scan.skipped());
    }

    @Test
    void theSameRecordingInBothLayoutsIsReadOnce() throws IOException {
        touchAll(root, "ALL/DC_a01.wav", "AudioData/DC/a01.wav");
        CorpusScan scan = reader.scan(root);
        assertEquals(List.of("ALL/DC_a01.wav"), paths(root, scan));
        assertTrue(scan.skipped().get(0).reason().startsWith("duplicate of ALL/DC_a01.wav"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AudioData/a01.wav", "AudioData/XY/a01.wav", "ALL/XY_a01.wav", "ALL/DC_b01.wav",
            "ALL/DC_a1.wav", "ALL/DC-a01.wav", "DC/DC_a01_x.wav"})
    void skipsNamesOffTheConvention(String name) throws IOException {
        assertOnlySkipped(reader, root, name);
    }
}
