package org.emoscope.train;

import org.emoscope.train.corpus.Emotion;
import org.emoscope.train.corpus.Utterance;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitsTest {

    /** RAVDESS-like: 20 speakers x 60, plus EMO-DB-like: 10 speakers with 35..71, one of them also called "03". */
    private static final List<Utterance> CORPUS = corpus();

    @Test
    void leaveOneSpeakerOutHasOneFoldPerSpeaker() {
        List<Fold> folds = Splits.leaveOneSpeakerOut(CORPUS);
        assertEquals(30, folds.size());
        assertEquals(List.of("emodb:03"), folds.get(0).testSpeakers());
        assertEquals(List.of("ravdess:03"), folds.get(12).testSpeakers());
        checkPartition(folds);
        for (Fold f : folds) assertEquals(29, f.trainSpeakers().size());
    }

    @Test
    void groupedKFoldBalancesWholeSpeakers() {
        List<Fold> folds = Splits.groupedKFold(CORPUS, 5, 42);
        assertEquals(5, folds.size());
        checkPartition(folds);
        int[] sizes = folds.stream().mapToInt(f -> f.test().size()).toArray();
        int max = IntStream.of(sizes).max().orElseThrow();
        int min = IntStream.of(sizes).min().orElseThrow();
        assertTrue(max - min <= 20, "greedy balancing gets close: " + Arrays.toString(sizes));
        for (Fold f : folds) assertEquals(6, f.testSpeakers().size());
    }

    @Test
    void equalSpeakersFillFoldsEvenly() {
        List<Utterance> ravdess = CORPUS.stream().filter(u -> u.corpus().equals("ravdess")).toList();
        for (Fold f : Splits.groupedKFold(ravdess, 4, 1)) {
            assertEquals(5, f.testSpeakers().size());
            assertEquals(300, f.test().size());
            assertEquals(900, f.train().size());
        }
    }

    @Test
    void groupedKFoldIsDeterministicAndSeedDependent() {
        assertEquals(Splits.groupedKFold(CORPUS, 5, 42), Splits.groupedKFold(CORPUS, 5, 42));
        assertNotEquals(testSpeakers(Splits.groupedKFold(CORPUS, 5, 42)),
                testSpeakers(Splits.groupedKFold(CORPUS, 5, 43)));
    }

    @Test
    void kMustFitTheSpeakers() {
        assertThrows(IllegalArgumentException.class, () -> Splits.groupedKFold(CORPUS, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Splits.groupedKFold(CORPUS, 31, 0));
        assertEquals(30, Splits.groupedKFold(CORPUS, 30, 0).size());
        assertThrows(IllegalArgumentException.class, () -> Splits.leaveOneSpeakerOut(CORPUS.subList(0, 60)));
    }

    @Test
    void validationSpeakersComeFromTrainingOnlyAndAlternateCorpora() {
        Fold fold = Splits.groupedKFold(CORPUS, 5, 42).get(2);
        ValidationSplit v = Splits.validationSpeakers(fold, 4, 9);
        assertEquals(4, v.validationSpeakers().size());
        assertEquals(2, v.validationSpeakers().stream().filter(s -> s.startsWith("emodb:")).count());
        for (String s : v.validationSpeakers()) {
            assertTrue(fold.trainSpeakers().contains(s));
            assertTrue(!fold.testSpeakers().contains(s) && !v.fitSpeakers().contains(s));
        }
        assertEquals(fold.trainSpeakers().size(), v.fitSpeakers().size() + 4);
        assertEquals(fold.train().size(), v.fit().size() + v.validation().size());
        for (Utterance u : v.validation()) assertTrue(v.validationSpeakers().contains(u.speakerKey()));
        for (Utterance u : v.fit()) assertTrue(v.fitSpeakers().contains(u.speakerKey()));
        assertEquals(v, Splits.validationSpeakers(fold, 4, 9));
        assertNotEquals(v.validationSpeakers(), Splits.validationSpeakers(fold, 4, 10).validationSpeakers());
    }

    @Test
    void validationMustLeaveSpeakersToFit() {
        Fold fold = Splits.leaveOneSpeakerOut(CORPUS).get(0);
        assertThrows(IllegalArgumentException.class, () -> Splits.validationSpeakers(fold, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Splits.validationSpeakers(fold, 29, 1));
        assertEquals(1, Splits.validationSpeakers(fold, 28, 1).fitSpeakers().size());
    }

    @Test
    void paperSplitIsARandomEightyTwentyPermutation() {
        List<Integer> rows = IntStream.range(0, 1003).boxed().toList();
        RandomSplit<Integer> split = Splits.paperSplit(rows, 0.8, 5);
        assertEquals(802, split.train().size());
        assertEquals(201, split.test().size());
        Set<Integer> all = new HashSet<>(split.train());
        all.addAll(split.test());
        assertEquals(new HashSet<>(rows), all);
        assertEquals(split, Splits.paperSplit(rows, 0.8, 5));
        assertNotEquals(split.test(), Splits.paperSplit(rows, 0.8, 6).test());
        assertNotEquals(rows.subList(0, 802), split.train(), "shuffled");
        assertThrows(IllegalArgumentException.class, () -> Splits.paperSplit(rows, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> Splits.paperSplit(rows, 0, 5));
    }

    @Test
    void leaveOneCorpusOutTestsEachCorpusWhole() {
        List<Fold> folds = Splits.leaveOneCorpusOut(CORPUS, List.of("emodb", "ravdess"));
        checkPartition(folds);
        assertEquals(2, folds.size());
        assertTrue(folds.get(0).test().stream().allMatch(u -> u.corpus().equals("emodb")), "in the order given");
        assertEquals(535, folds.get(0).test().size());
        assertEquals(20, folds.get(0).trainSpeakers().size());
        assertEquals(1200, folds.get(1).test().size());
        assertThrows(IllegalArgumentException.class, () -> Splits.leaveOneCorpusOut(CORPUS, List.of("ravdess")));
        assertThrows(IllegalArgumentException.class,
                () -> Splits.leaveOneCorpusOut(CORPUS, List.of("ravdess", "tess")));
    }

    /** No speaker on both sides; every utterance in exactly one test fold; train + test = everything. */
    private static void checkPartition(List<Fold> folds) {
        Map<Utterance, Integer> testCount = new HashMap<>();
        for (Fold f : folds) {
            Set<String> test = new HashSet<>(f.testSpeakers());
            for (Utterance u : f.train()) assertTrue(!test.contains(u.speakerKey()), u.speakerKey() + " on both sides");
            for (Utterance u : f.test()) {
                assertTrue(test.contains(u.speakerKey()));
                testCount.merge(u, 1, Integer::sum);
            }
            assertEquals(CORPUS.size(), f.train().size() + f.test().size());
            Set<String> both = new HashSet<>(f.trainSpeakers());
            both.retainAll(test);
            assertEquals(Set.of(), both);
        }
        assertEquals(CORPUS.size(), testCount.size());
        assertTrue(testCount.values().stream().allMatch(c -> c == 1));
    }

    private static List<List<String>> testSpeakers(List<Fold> folds) {
        return folds.stream().map(Fold::testSpeakers).toList();
    }

    private static List<Utterance> corpus() {
        List<Utterance> all = new ArrayList<>();
        for (int actor = 1; actor <= 20; actor++) {
            for (int i = 0; i < 60; i++) all.add(utterance("ravdess", String.format("%02d", actor), i));
        }
        int[] sizes = {49, 58, 43, 38, 55, 35, 61, 69, 56, 71};
        String[] speakers = {"03", "08", "09", "10", "11", "12", "13", "14", "15", "16"};
        for (int s = 0; s < speakers.length; s++) {
            for (int i = 0; i < sizes[s]; i++) all.add(utterance("emodb", speakers[s], i));
        }
        return all;
    }

    private static Utterance utterance(String corpus, String speaker, int i) {
        return new Utterance(Path.of(corpus, speaker + "_" + i + ".wav"), corpus, speaker,
                Emotion.values()[i % 7], String.valueOf(i), Map.of());
    }
}
