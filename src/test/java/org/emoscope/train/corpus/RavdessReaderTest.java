package org.emoscope.train.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.emoscope.train.corpus.CorpusFiles.paths;
import static org.emoscope.train.corpus.CorpusFiles.single;
import static org.emoscope.train.corpus.CorpusFiles.assertOnlySkipped;
import static org.emoscope.train.corpus.CorpusFiles.skippedPaths;
import static org.emoscope.train.corpus.CorpusFiles.touchAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RavdessReaderTest {

    @TempDir
    Path root;

    private final RavdessReader reader = new RavdessReader();

    @ParameterizedTest
    @CsvSource({"01,neutral", "02,calm", "03,happy", "04,sad", "05,angry", "06,fear", "07,disgust", "08,surprise"})
    void mapsEveryEmotionCode(String code, String label) throws IOException {
        Utterance u = single(reader, root, "Actor_01/03-01-" + code + "-01-01-01-01.wav");
        assertEquals(Emotion.fromLabel(label), u.emotion());
        assertEquals(code, u.extra().get(Utterance.SOURCE_LABEL));
    }

    @Test
    void readsEveryField() throws IOException {
        Utterance u = single(reader, root, "Actor_07/03-01-06-02-02-01-07.wav");
        assertEquals("ravdess", u.corpus());
        assertEquals("07", u.speaker());
        assertEquals("ravdess:07", u.speakerKey());
        assertEquals(Emotion.FEAR, u.emotion());
        assertEquals("02", u.textId());
        assertEquals(Map.of(Utterance.SOURCE_LABEL, "06", Utterance.INTENSITY, "strong", Utterance.REPETITION, "01",
                Utterance.GENDER, "male"), u.extra());
    }

    @Test
    void evenActorsAreFemaleAndIntensityOneIsNormal() throws IOException {
        Utterance u = single(reader, root, "03-01-03-01-01-02-24.flac");
        assertEquals("female", u.extra().get(Utterance.GENDER));
        assertEquals("normal", u.extra().get(Utterance.INTENSITY));
        assertEquals("02", u.extra().get(Utterance.REPETITION));
    }

    @Test
    void walksNestedFoldersAcceptsAllExtensionsInAnyCaseAndSortsByPath() throws IOException {
        touchAll(root,
                "b/Actor_02/03-01-01-01-01-01-02.WAV",
                "a/deep/er/Actor_01/03-01-02-01-01-01-01.Flac",
                "a/Actor_01/03-01-03-01-01-01-01.mp3",
                "a/Actor_01/03-01-04-01-01-01-01.OGG",
                "a/Actor_01/README.txt",
                "a/Actor_01/03-01-05-01-01-01-01.txt",
                "a/Actor_01/03-01-05-01-01-01-01.mp4");
        CorpusScan scan = reader.scan(root);
        assertEquals(List.of(
                "a/Actor_01/03-01-03-01-01-01-01.mp3",
                "a/Actor_01/03-01-04-01-01-01-01.OGG",
                "a/deep/er/Actor_01/03-01-02-01-01-01-01.Flac",
                "b/Actor_02/03-01-01-01-01-01-02.WAV"), paths(root, scan));
        assertEquals(List.of(), scan.skipped(), "non-audio files are not candidates");
    }

    @Test
    void skipsSongAndSaysSo() throws IOException {
        touchAll(root, "Actor_01/03-02-03-01-01-01-01.wav", "Actor_01/03-01-03-01-01-01-01.wav");
        CorpusScan scan = reader.scan(root);
        assertEquals(List.of("Actor_01/03-01-03-01-01-01-01.wav"), paths(root, scan));
        assertEquals(List.of("Actor_01/03-02-03-01-01-01-01.wav"), skippedPaths(root, scan));
        assertTrue(scan.skipped().get(0).reason().contains("song"), scan.skipped().get(0).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "01-01-03-01-01-01-01.wav", // full AV
            "02-01-03-01-01-01-01.wav", // video only
            "03-03-03-01-01-01-01.wav", // no such channel
            "03-01-00-01-01-01-01.wav", "03-01-09-01-01-01-01.wav", // emotion
            "03-01-03-03-01-01-01.wav", // intensity
            "03-01-03-01-03-01-01.wav", // statement
            "03-01-03-01-01-03-01.wav", // repetition
            "03-01-03-01-01-01-00.wav", "03-01-03-01-01-01-25.wav", // actor
            "03-01-03-01-01-01.wav", "03-01-03-01-01-01-01-01.wav", "3-1-3-1-1-1-1.wav",
            "03-01-03-01-01-01-01 (copy).wav", "._03-01-03-01-01-01-01.wav", "Actor_01.wav"})
    void skipsNamesOffTheConvention(String name) throws IOException {
        assertOnlySkipped(reader, root, name);
    }

    @Test
    void keepsTheFirstOfTwoCopiesOfOneRecording() throws IOException {
        touchAll(root, "Actor_01/03-01-03-01-01-01-01.wav",
                "audio_speech_actors_01-24/Actor_01/03-01-03-01-01-01-01.flac");
        CorpusScan scan = reader.scan(root);
        assertEquals(List.of("Actor_01/03-01-03-01-01-01-01.wav"), paths(root, scan));
        assertEquals("duplicate of Actor_01/03-01-03-01-01-01-01.wav", scan.skipped().get(0).reason());
    }

    @Test
    void missingFolderIsAnError() {
        assertThrows(NoSuchFileException.class, () -> reader.scan(root.resolve("nowhere")));
    }

    @Test
    void readReturnsTheAcceptedUtterances() throws IOException {
        touchAll(root, "03-01-03-01-01-01-01.wav", "junk.wav");
        assertEquals(reader.scan(root).utterances(), reader.read(root));
        assertEquals(1, reader.read(root).size());
    }
}
