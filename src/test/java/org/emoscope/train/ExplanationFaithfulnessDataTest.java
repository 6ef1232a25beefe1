package org.emoscope.train;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.emoscope.model.EmotionModel;
import org.emoscope.train.corpus.Corpora;
import org.emoscope.train.corpus.Corpus;
import org.emoscope.train.corpus.Utterance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shipped model's explanations on real recordings of speakers it did not train on (its held-out speakers, a few
 * files each): deleting the most-attributed cells lowers the explained probability more than deleting as many random
 * cells, on average and on most files, and a randomly initialised network's maps are unrelated to the trained
 * network's. The full measurement over 300 files is {@code emoscope explain-check} (docs/explain.md). Skipped when
 * the corpora are not beside the project.
 */
@Tag("data")
@Timeout(600)
class ExplanationFaithfulnessDataTest {

    private static final int PER_SPEAKER = 8;

    @Test
    void theMostAttributedCellsMatterMoreThanRandomOnes() throws Exception {
        Path data = DataTests.corpora();
        EmotionModel model = DataTests.shippedModel();
        assumeTrue(model.metadata().get("validation_speakers") instanceof List<?>, "no held-out speakers recorded");
        List<Path> files = new ArrayList<>();
        for (Object key : (List<?>) model.metadata().get("validation_speakers")) {
            String speaker = String.valueOf(key);
            Corpus corpus = Corpora.get(speaker.substring(0, speaker.indexOf(':')));
            Path root = data.resolve(corpus.folder());
            assumeTrue(Files.isDirectory(root), "no " + corpus.displayName() + " here: skipped");
            Map<String, Integer> taken = new HashMap<>();
            int kept = 0;
            for (Utterance u : corpus.reader().scan(root).utterances()) {
                // at most 2 files per emotion, so the files differ
                if (!u.speakerKey().equals(speaker) || kept >= PER_SPEAKER
                        || taken.getOrDefault(u.emotion().name(), 0) >= 2) continue;
                taken.merge(u.emotion().name(), 1, Integer::sum);
                kept++;
                files.add(u.file());
            }
        }
        assumeTrue(files.size() >= 12, "too few held-out recordings: " + files.size());
        List<ExplanationCheck.FileCheck> checks = new ExplanationCheck(model, 8, 7).run(files, 7, m -> { });
        assertTrue(checks.size() >= files.size() * 0.8, "most files have speech: " + checks.size());
        double top = checks.stream().mapToDouble(ExplanationCheck.FileCheck::topCellDrop).average().orElseThrow();
        double random = checks.stream().mapToDouble(ExplanationCheck.FileCheck::randomCellDrop).average()
                .orElseThrow();
        long wins = checks.stream().filter(c -> c.topCellDrop() > c.randomCellDrop()).count();
        double rank = checks.stream().mapToDouble(ExplanationCheck.FileCheck::rankCorrelation).average()
                .orElseThrow();
        assertTrue(top - random > 0.05, "top cells drop " + top + ", random " + random);
        assertTrue(wins >= 0.7 * checks.size(), wins + " of " + checks.size() + " files");
        assertTrue(Math.abs(rank) < 0.3, "maps of a randomised network correlate " + rank);
    }
}
