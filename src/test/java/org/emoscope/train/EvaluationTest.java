package org.emoscope.train;

import org.emoscope.features.FeatureConfig;
import org.emoscope.model.NetworkSpec;
import org.emoscope.pipeline.TestAudio;
import org.emoscope.train.augment.AugmentationPlan;
import org.emoscope.train.corpus.Emotion;
import org.emoscope.train.corpus.LabelSet;
import org.emoscope.train.corpus.Utterance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Speaker folds run one after another or side by side, with the same results, and resume from finished folds. */
@Timeout(180)
class EvaluationTest {

    private static final int RATE = 16000;
    private static final NetworkSpec TINY = new NetworkSpec(40, List.of(8), List.of(3), List.of(2), 2, 3, 8, 0.0, 0.0,
            1e-2, 2, 1L);

    /** Three speakers; "angry" is louder and higher than "neutral"; each speaker has a pitch of their own. */
    private static List<Utterance> corpus(Path dir) throws Exception {
        List<Utterance> out = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 4; i++) {
                boolean angry = i % 2 == 1;
                float[] x = TestAudio.voiced(0.6, RATE, 10L * s + (angry ? 1 : 0));
                double gain = angry ? 2.5 : 0.6;
                for (int k = 0; k < x.length; k++) x[k] *= (float) gain;
                Path f = TestAudio.writeWav(dir.resolve("s" + s + "-" + i + ".wav"), x, RATE);
                out.add(new Utterance(f, "synthetic", "s" + s, angry ? Emotion.ANGRY : Emotion.NEUTRAL, "t" + i,
                        Map.of()));
            }
        }
        return out;
    }

    private static Evaluation evaluation(Path cache, Path work, int parallel) {
        TrainingSettings settings = new TrainingSettings(2, 10, 8, 0.4, 0.2, 1, true, 3L, false, false, 0, true, 0, 1, 0);
        return new Evaluation(new ItemLoader(new FeatureCache(cache, FeatureConfig.defaults()), 1), TINY, settings,
                AugmentationPlan.none(), work, TrainingListener.NONE, parallel);
    }

    @Test
    void foldsSideBySideGiveTheSameResultsAsOneAfterAnother(@TempDir Path dir) throws Exception {
        List<Utterance> utts = corpus(Files.createDirectories(dir.resolve("audio")));
        LabelSet labels = new LabelSet("two", List.of(Emotion.NEUTRAL, Emotion.ANGRY),
                Map.of(Emotion.NEUTRAL, Emotion.NEUTRAL, Emotion.ANGRY, Emotion.ANGRY));
        List<Fold> folds = Splits.leaveOneSpeakerOut(utts);
        assertEquals(3, folds.size());
        Path cache = dir.resolve("cache");

        List<Evaluation.FoldResult> serial = evaluation(cache, dir.resolve("serial"), 1).speaker(folds, labels, 1);
        List<Evaluation.FoldResult> parallel = evaluation(cache, dir.resolve("parallel"), 2).speaker(folds, labels, 1);
        assertEquals(3, parallel.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(i, parallel.get(i).index(), "results come back in fold order");
            assertEquals(serial.get(i).testSpeakers(), parallel.get(i).testSpeakers());
            for (int r = 0; r < 2; r++)
                assertArrayEquals(serial.get(i).counts()[r], parallel.get(i).counts()[r], "fold " + i);
            assertNotNull(parallel.get(i).fileCounts(), "a speaker-normalised run also scores one file at a time");
            assertTrue(Files.isRegularFile(dir.resolve("parallel").resolve("fold-" + i + ".json")));
        }

        // a finished fold is read back, not trained again: change its file and see the change come back
        Path f0 = dir.resolve("parallel").resolve("fold-0.json");
        Files.writeString(f0, Files.readString(f0).replaceFirst("\"bestEpoch\":\\d+", "\"bestEpoch\":99"));
        List<Evaluation.FoldResult> resumed = evaluation(cache, dir.resolve("parallel"), 2).speaker(folds, labels, 1);
        assertEquals(99, resumed.get(0).bestEpoch());
    }

    /** Three little corpora of two speakers each, the same two emotions. */
    private static List<Utterance> corpora(Path dir) throws Exception {
        List<Utterance> out = new ArrayList<>();
        for (String corpus : List.of("a", "b", "c")) {
            for (int s = 0; s < 2; s++) {
                for (int i = 0; i < 4; i++) {
                    boolean angry = i % 2 == 1;
                    float[] x = TestAudio.voiced(0.6, RATE, 100L * corpus.charAt(0) + 10L * s + (angry ? 1 : 0));
                    double gain = angry ? 2.5 : 0.6;
                    for (int k = 0; k < x.length; k++) x[k] *= (float) gain;
                    Path f = TestAudio.writeWav(dir.resolve(corpus + "-s" + s + "-" + i + ".wav"), x, RATE);
                    out.add(new Utterance(f, corpus, "s" + s, angry ? Emotion.ANGRY : Emotion.NEUTRAL, "t" + i,
                            Map.of()));
                }
            }
        }
        return out;
    }

    @Test
    void leaveOneCorpusOutTestsEveryFileOfTheHeldOutCorpusAndNeverTrainsOnIt(@TempDir Path dir) throws Exception {
        List<Utterance> utts = corpora(Files.createDirectories(dir.resolve("audio")));
        LabelSet labels = new LabelSet("two", List.of(Emotion.NEUTRAL, Emotion.ANGRY),
                Map.of(Emotion.NEUTRAL, Emotion.NEUTRAL, Emotion.ANGRY, Emotion.ANGRY));
        Path work = dir.resolve("work");
        List<CorpusFoldResult> folds = evaluation(dir.resolve("cache"), work, 2)
                .leaveOneCorpusOut(List.of("a", "b", "c"), utts, labels, 2);
        assertEquals(3, folds.size());
        for (int i = 0; i < 3; i++) {
            CorpusFoldResult f = folds.get(i);
            String held = List.of("a", "b", "c").get(i);
            assertEquals(held, f.heldOut(), "results come back in corpus order");
            assertEquals(8, f.truth().length, "every file of the held-out corpus, once");
            assertTrue(f.speakers().stream().allMatch(s -> s.startsWith(held + ":")));
            assertEquals(List.of("a", "b", "c").stream().filter(c -> !c.equals(held)).toList(), f.trainCorpora());
            assertEquals(2, f.validationSpeakers().size());
            assertTrue(f.validationSpeakers().stream().noneMatch(s -> s.startsWith(held + ":")));
            assertEquals(2, f.validationSpeakers().stream().map(s -> s.substring(0, 1)).distinct().count(),
                    "validation speakers are drawn in turn from the training corpora");
            assertNotNull(f.fileProbabilities(), "a speaker-normalised run also scores one file at a time");
            for (float[] p : f.speakerProbabilities()) assertEquals(1.0, p[0] + p[1], 1e-4);
            assertEquals(3L, f.seed());
        }
        // finished folds are read back, not trained again
        Path a = work.resolve("corpus-a.json");
        Files.writeString(a, Files.readString(a).replaceFirst("\"bestEpoch\":\\d+", "\"bestEpoch\":77"));
        assertEquals(77, evaluation(dir.resolve("cache"), work, 1)
                .leaveOneCorpusOut(List.of("a", "b", "c"), utts, labels, 2).get(0).bestEpoch());
    }
}
