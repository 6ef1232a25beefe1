package org.emoscope.train.corpus;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelSetTest {

    @Test
    void sevenClassFoldsCalmAndBoredomIntoNeutral() {
        LabelSet seven = LabelSet.sevenClass();
        assertEquals(List.of("neutral", "happy", "sad", "angry", "fear", "disgust", "surprise"), seven.labels());
        assertEquals(Optional.of(Emotion.NEUTRAL), seven.classOf(Emotion.CALM));
        assertEquals(Optional.of(Emotion.NEUTRAL), seven.classOf(Emotion.BOREDOM));
        assertEquals(OptionalInt.of(0), seven.indexOf(Emotion.BOREDOM));
        assertEquals(OptionalInt.of(6), seven.indexOf(Emotion.SURPRISE));
        for (Emotion e : Emotion.values()) assertTrue(seven.covers(e), e.label());
    }

    @Test
    void ravdessNativeKeepsCalm() {
        LabelSet ravdess = LabelSet.corpusNative("ravdess");
        assertEquals("ravdess-native", ravdess.name());
        assertEquals(List.of("neutral", "calm", "happy", "sad", "angry", "fear", "disgust", "surprise"),
                ravdess.labels());
        assertEquals(OptionalInt.of(1), ravdess.indexOf(Emotion.CALM));
        assertFalse(ravdess.covers(Emotion.BOREDOM));
        assertEquals(OptionalInt.empty(), ravdess.indexOf(Emotion.BOREDOM));
    }

    @Test
    void emoDbNativeKeepsBoredomAndLacksSurprise() {
        LabelSet emodb = LabelSet.corpusNative("emodb-2s");
        assertEquals(List.of("neutral", "happy", "sad", "angry", "fear", "disgust", "boredom"), emodb.labels());
        assertEquals(Optional.of(Emotion.BOREDOM), emodb.classOf(Emotion.BOREDOM));
        assertEquals(Optional.empty(), emodb.classOf(Emotion.SURPRISE));
    }

    @Test
    void namedRoundTrips() {
        for (String name : List.of("seven-class", "ravdess-native", "emodb-2s-native", "cremad-native"))
            assertEquals(name, LabelSet.named(name).name());
        assertEquals("cremad-native", LabelSet.named("crema-d-native").name());
        assertThrows(IllegalArgumentException.class, () -> LabelSet.named("iemocap-native"));
        assertThrows(IllegalArgumentException.class, () -> LabelSet.named("four-class"));
    }

    @Test
    void rejectsInconsistentDefinitions() {
        assertThrows(IllegalArgumentException.class, () -> new LabelSet("x", List.of(), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new LabelSet("x", List.of(Emotion.SAD, Emotion.SAD),
                Map.of(Emotion.SAD, Emotion.SAD)));
        assertThrows(IllegalArgumentException.class, () -> new LabelSet("x", List.of(Emotion.SAD),
                Map.of(Emotion.SAD, Emotion.SAD, Emotion.CALM, Emotion.NEUTRAL)));
        assertThrows(IllegalArgumentException.class, () -> new LabelSet("x", List.of(Emotion.SAD, Emotion.HAPPY),
                Map.of(Emotion.SAD, Emotion.SAD, Emotion.HAPPY, Emotion.SAD)));
    }
}
