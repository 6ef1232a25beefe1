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
}
