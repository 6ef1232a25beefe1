package org.emoscope.train;

import org.emoscope.train.corpus.LabelSet;
import org.emoscope.train.eval.ConfusionMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossCorpusScoresTest {

    private static final List<String> SEVEN = LabelSet.sevenClass().labels();

    private static float[] probs(float... p) {
        return p;
    }

    @Test
    void ownClassesAreTheClassesTheHeldOutFilesCarryInModelOrder() {
        int[] truth = {6, 0, 3, 0};
        float[][] p = new float[4][7];
        CorpusFoldResult f = new CorpusFoldResult(0, "nemo", List.of("tess"), List.of(), 7, SEVEN, truth,
                List.of("a", "a", "b", "b"), p, null, 1, 1, 1, 1);
        assertEquals(List.of("neutral", "angry", "surprise"), CrossCorpusScores.ownClasses(f));
    }

    @Test
    void predictionIsTheMostProbableClassWithinTheSubset() {
        // neutral happy sad angry fear disgust surprise
        int[] truth = {0, 3, 2, 5};
        float[][] p = {
                probs(0.1f, 0f, 0f, 0f, 0f, 0.9f, 0f),    // disgust wins overall, neutral within the 4
                probs(0f, 0.2f, 0f, 0.3f, 0f, 0f, 0.5f),  // surprise overall, angry within the 4
                probs(0.4f, 0f, 0.3f, 0f, 0.3f, 0f, 0f),  // neutral: wrong
                probs(0f, 0f, 0f, 0f, 0f, 1f, 0f)};       // a disgust file: outside the 4, left out
        ConfusionMatrix cm = CrossCorpusScores.confusion(SEVEN, truth, p, CrossCorpusScores.SHARED);
        assertEquals(3, cm.total());
        assertEquals(1, cm.count(0, 0));
        assertEquals(1, cm.count(3, 3));
        assertEquals(1, cm.count(2, 0));
        ConfusionMatrix all = CrossCorpusScores.confusion(SEVEN, truth, p, SEVEN);
        assertEquals(4, all.total());
        assertEquals(1, all.count(0, 5), "over all seven classes the first file is disgust");
        assertThrows(IllegalArgumentException.class,
                () -> CrossCorpusScores.confusion(SEVEN, truth, p, List.of("boredom")));
    }

    private static CorpusFoldResult fold(String corpus, long seed, boolean right) {
        int[] truth = {0, 1, 2, 3};
        float[][] p = new float[4][7];
        for (int i = 0; i < 4; i++) p[i][right ? i : (i + 1) % 4] = 1;
        return new CorpusFoldResult(0, corpus, List.of("tess"), List.of("tess:OAF"), seed, SEVEN, truth,
                List.of(corpus + ":1", corpus + ":1", corpus + ":2", corpus + ":2"), p, p, 3, 5, 60, 100);
    }

    @Test
    void reportGivesMeanAndSpreadOverSeedsAndPutsItsTableOnTopOfTheResultsPage(@TempDir Path dir) throws Exception {
        CrossCorpusReport.Run run = new CrossCorpusReport.Run(List.of("emovo", "nemo"), List.of(7L, 8L),
                List.of(fold("emovo", 7, true), fold("nemo", 7, true), fold("emovo", 8, false),
                        fold("nemo", 8, true)), 90, "2026-12-06", "bin/emoscope evaluate --protocol corpus", Map.of());
        Spread emovo = CrossCorpusReport.spread(run, "emovo", CrossCorpusScores.SHARED, true,
                ConfusionMatrix::unweightedAccuracy);
        assertEquals(0.5, emovo.mean(), 1e-9);
        assertEquals(Math.sqrt(0.5), emovo.sd(), 1e-9, "UA 1 and 0 over two seeds");
        assertEquals("50.0 ± 70.7", emovo.percent());
        assertEquals(0.75, CrossCorpusReport.meanOverCorpora(run, true, true).mean(), 1e-9);

        String md = CrossCorpusReport.write(run, dir.resolve("results"));
        assertTrue(md.contains("| EMOVO (4) |"), md);
        assertTrue(md.contains("| nEMO (4) |"), md);
        assertTrue(Files.isRegularFile(dir.resolve("results/loco-nemo-confusion.png")));
        assertTrue(Files.readString(dir.resolve("results/loco.json")).contains("\"shared4_one_file\""));

        Path page = dir.resolve("results.md");
        Files.writeString(page, "# Evaluation results\n\nspeaker rows\n");
        CrossCorpusReport.updateTable(run, page);
        CrossCorpusReport.updateTable(run, page);
        String text = Files.readString(page);
        assertEquals(1, text.split("<!-- loco:start -->", -1).length - 1, "replaced, not added twice");
        assertTrue(text.indexOf("loco:start") < text.indexOf("speaker rows"), "the LOCO table comes first");
        assertTrue(text.contains("2 seeds [7, 8], mean ± sd"), text);
    }
}
