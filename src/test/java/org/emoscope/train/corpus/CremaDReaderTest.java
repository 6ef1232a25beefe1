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

class CremaDReaderTest {

    @TempDir
    Path root;

    private final CremaDReader reader = new CremaDReader();

    @ParameterizedTest
    @CsvSource({"ANG,angry", "DIS,disgust", "FEA,fear", "HAP,happy", "NEU,neutral", "SAD,sad"})
    void mapsEveryEmotionCode(String code, String label) throws IOException {
        Utterance u = single(reader, root, "AudioWAV/1001_DFA_" + code + "_XX.wav");
        assertEquals(Emotion.fromLabel(label), u.emotion());
        assertEquals("1001", u.speaker());
        assertEquals("DFA", u.textId());
    }

    @ParameterizedTest
    @CsvSource({"LO,low", "MD,medium", "HI,high", "XX,unspecified"})
    void readsEveryIntensity(String code, String intensity) throws IOException {
        Utterance u = single(reader, root, "1091_IEO_HAP_" + code + ".wav");
        assertEquals(Map.of(Utterance.SOURCE_LABEL, "HAP", Utterance.INTENSITY, intensity), u.extra());
        assertEquals("1091", u.speaker());
    }

    @Test
    void allIntensitiesOfOneSentenceAreDistinctRecordings() throws IOException {
        touchAll(root, "1040_ITH_SAD_LO.wav", "1040_ITH_SAD_MD.wav", "1040_ITH_SAD_HI.wav", "1040_ITH_SAD_XX.wav");
        assertEquals(4, reader.scan(root).utterances().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000_DFA_ANG_XX.wav", "1092_DFA_ANG_XX.wav", "1001_DFA_SUR_XX.wav",
            "1001_DFA_ANG_X.wav", "1001_dfa_ang_xx.wav", "1001_DFA_ANG.wav", "101_DFA_ANG_XX.wav"})
    void skipsNamesOffTheConvention(String name) throws IOException {
        assertOnlySkipped(reader, root, name);
    }
}
