package org.emoscope.train.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.emoscope.train.corpus.CorpusFiles.paths;
import static org.emoscope.train.corpus.CorpusFiles.single;
import static org.emoscope.train.corpus.CorpusFiles.skippedPaths;
import static org.emoscope.train.corpus.CorpusFiles.touchAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TessReaderTest {

    @TempDir
    Path root;

    private final TessReader reader = new TessReader();

    @ParameterizedTest
    @CsvSource({"angry,angry", "disgust,disgust", "fear,fear", "happy,happy", "neutral,neutral",
            "ps,surprise", "sad,sad"})
    void mapsEveryEmotion(String code, String label) throws IOException {
        Utterance u = single(reader, root, "YAF_" + code + "/YAF_chair_" + code + ".wav");
        assertEquals(Emotion.fromLabel(label), u.emotion());
        assertEquals("YAF", u.speaker());
        assertEquals("chair", u.textId());
        assertEquals(Map.of(Utterance.SOURCE_LABEL, code, Utterance.GENDER, "female", Utterance.AGE, "younger"),
                u.extra());
    }

    @Test
    void olderSpeakerAndPleasantSurpriseFolder() throws IOException {
        Utterance u = single(reader, root, "OAF_Pleasant_surprise/OAF_back_ps.wav");
        assertEquals("OAF", u.speaker());
        assertEquals(Emotion.SURPRISE, u.emotion());
        assertEquals("older", u.extra().get(Utterance.AGE));
    }

    @Test
    void misspeltNameTakesTheSpeakerFromItsFolder() throws IOException {
        Utterance u = single(reader, root, "OAF_neutral/OA_bite_neutral.wav");
        assertEquals("OAF", u.speaker());
        assertEquals(Emotion.NEUTRAL, u.emotion());
        assertEquals("bite", u.textId());
    }

    @Test
    void misspeltNameOutsideASpeakerFolderIsSkipped() throws IOException {
        touchAll(root, "flat/OA_bite_neutral.wav", "flat/OAF_bite_neutral.wav");
        CorpusScan scan = reader.scan(root);
        assertEquals(List.of("flat/OAF_bite_neutral.wav"), paths(root, scan));
        assertEquals(List.of("flat/OA_bite_neutral.wav"), skippedPaths(root, scan));
        assertTrue(scan.skipped().get(0).reason().contains("OA"));
    }

    @Test
    void matchesCaseInsensitivelyAndNormalises() throws IOException {
        Utterance u = single(reader, root, "YAF_fear/yaf_Germ_Fear.WAV");
        assertEquals("YAF", u.speaker());
        assertEquals("germ", u.textId());
        assertEquals(Emotion.FEAR, u.emotion());
    }

    @Test
    void skipsNamesOffTheConvention() throws IOException {
        touchAll(root, "OAF_angry/OAF_back.wav", "OAF_angry/OAF_back_furious.wav", "OAF_angry/OAF_back_angry_2.wav",
                "OAF_angry/OAF_back_angry.wav");
        CorpusScan scan = reader.scan(root);
        assertEquals(List.of("OAF_angry/OAF_back_angry.wav"), paths(root, scan));
        assertEquals(3, scan.skipped().size());
    }
}
