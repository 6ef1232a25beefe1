package org.emoscope.train.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorporaTest {

    @ParameterizedTest
    @CsvSource({"ravdess,ravdess", "TESS,tess", "emovo,emovo", "emodb,emodb", "EMO-DB,emodb", "emodb-2s,emodb-2s",
            "savee,savee", "nemo,nemo", "nEMO,nemo", "cremad,cremad", "crema-d,cremad", "CREMA-D,cremad"})
    void findsCorporaByNameOrAliasInAnyCase(String asked, String canonical) {
        assertEquals(canonical, Corpora.get(asked).name());
        assertEquals(canonical, Corpora.get(asked).reader().name());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Corpora.get("iemocap"));
        assertTrue(e.getMessage().contains("ravdess, tess, emovo, emodb, emodb-2s, savee, cremad"), e.getMessage());
        assertFalse(Corpora.find("iemocap").isPresent());
    }

    @Test
    void defaultFoldersLieUnderTheDataRoot() {
        Path data = Path.of("data");
        assertEquals(Path.of("data", "ravdess"), Corpora.get("ravdess").folderUnder(data));
        assertEquals(Path.of("data", "emodb-2s"), Corpora.get("emodb-2s").folderUnder(data));
        assertEquals(Path.of("data", "cremad"), Corpora.get("crema-d").folderUnder(data));
    }

    @Test
    void bothEmoDbCopiesShareTheReaderClassButNotTheName() {
        assertInstanceOf(EmoDbReader.class, Corpora.get("emodb").reader());
        assertInstanceOf(EmoDbReader.class, Corpora.get("emodb-2s").reader());
        assertEquals("EMO-DB (2 s)", Corpora.get("emodb-2s").displayName());
    }

    @Test
    void emotionsPerCorpus() {
        assertEquals(8, Corpora.get("ravdess").emotions().size());
        assertTrue(Corpora.get("ravdess").emotions().contains(Emotion.CALM));
        assertTrue(Corpora.get("emodb").emotions().contains(Emotion.BOREDOM));
        assertFalse(Corpora.get("emodb").emotions().contains(Emotion.SURPRISE));
        assertEquals(List.of(Emotion.NEUTRAL, Emotion.HAPPY, Emotion.SAD, Emotion.ANGRY, Emotion.FEAR,
                Emotion.DISGUST), Corpora.get("cremad").emotions());
        for (String name : List.of("tess", "emovo", "savee"))
            assertEquals(LabelSet.sevenClass().classes(), Corpora.get(name).emotions(), name);
    }

    @Test
    void aReaderMustStampTheCorpusName() {
        assertThrows(IllegalArgumentException.class,
                () -> new Corpus("emodb-2s", "x", "x", Set.of(), new EmoDbReader()));
    }

    @Test
    void emotionLabelsAreLowerCase() {
        assertEquals("surprise", Emotion.SURPRISE.label());
        assertEquals("boredom", Emotion.BOREDOM.toString());
        assertEquals(Emotion.FEAR, Emotion.fromLabel("FEAR"));
        assertThrows(IllegalArgumentException.class, () -> Emotion.fromLabel("fearful"));
    }
}
