package org.emoscope.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationReportTest {

    private static EvaluationReport.Run run(Protocol p, long correct) {
        long[][] counts = {{correct, 10 - correct}, {0, 10}};
        Evaluation.FoldResult fold = new Evaluation.FoldResult(0, List.of("x:1"), List.of("x:2"), counts, 3, 5, 60,
                100, null);
        return new EvaluationReport.Run("emovo", "EMOVO", p, List.of("a", "b"), List.of(fold), 20, 2, 75,
                "2026-11-24", "bin/emoscope evaluate --corpus emovo --protocol " + p.id(), Map.of("k", "v"), 7);
    }

    @Test
    void writesReportsAndKeepsOneRowPerCorpusAndProtocol(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("results.md");
        String md = EvaluationReport.write(run(Protocol.PAPER, 5), dir);
        assertTrue(md.contains("paper protocol (leaks speakers and augmented copies)"), md);
        assertTrue(Files.size(dir.resolve("emovo-paper-confusion.png")) > 1000);
        assertEquals("truth\\predicted,a,b\na,5,5\nb,0,10\n",
                Files.readString(dir.resolve("emovo-paper-confusion.csv")));

        EvaluationReport.updateTable(run(Protocol.SPEAKER, 5), results);
        EvaluationReport.updateTable(run(Protocol.PAPER, 5), results);
        EvaluationReport.updateTable(run(Protocol.SPEAKER, 9), results);
        String text = Files.readString(results);
        List<String> rows = text.lines().filter(l -> l.startsWith("| EMOVO |")).toList();
        assertEquals(2, rows.size(), text);
        assertTrue(rows.stream().anyMatch(l -> l.contains("| speaker |") && l.contains("| 95.00 |")), text);
        assertTrue(rows.stream().anyMatch(l -> l.contains("| paper |") && l.contains("| 75.00 |")), text);
        assertTrue(text.contains("| SAVEE | no data available here"), text);
        assertTrue(text.contains("| CREMA-D | no data available here"), text);
        assertTrue(text.contains("96.39"), "the paper's EMOVO claim sits beside our rows");
    }

    @Test
    void aSpeakerNormalisedRunAlsoReportsOneFileAtATime(@TempDir Path dir) throws Exception {
        long[][] counts = {{8, 2}, {1, 9}};
        long[][] files = {{6, 4}, {3, 7}};
        Evaluation.FoldResult fold = new Evaluation.FoldResult(0, List.of("x:1"), List.of("x:2"), counts, 3, 5, 60,
                100, files);
        EvaluationReport.Run run = new EvaluationReport.Run("emovo", "EMOVO", Protocol.SPEAKER, List.of("a", "b"),
                List.of(fold), 20, 2, 75, "2026-11-24", "bin/emoscope evaluate --corpus emovo --speaker-norm",
                Map.of(), 7);
        String md = EvaluationReport.write(run, dir);
        assertTrue(md.contains("| 85.00% | 85.00% |"), md);
        assertTrue(md.contains("one file at a time") && md.contains("WA 65.00%, UA 65.00%"), md);
        String json = Files.readString(dir.resolve("emovo-speaker.json"));
        assertTrue(json.contains("\"one_file_at_a_time\"") && json.contains("\"fileCounts\""), json);
        assertEquals(null, Evaluation.pooledFiles(List.of(fold, new Evaluation.FoldResult(1, List.of("x:3"),
                List.of("x:2"), counts, 3, 5, 60, 100, null)), List.of("a", "b")), "a fold without them: none");
    }

    @Test
    void rowsOfTheOlderNarrowerTableAreWidenedNotLost(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("results.md");
        Files.writeString(results, "# Evaluation results\n\n<!-- results:start -->\n"
                + "| corpus | protocol | classes | WA % | UA % | macro-F1 % | paper claim % | folds | time | date | command |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n"
                + "| TESS | paper | 7 | 99.52 | 99.52 | 99.52 | 99.82 | 1 | 4 min 50 s | 2026-11-22 | `bin/emoscope x` |\n"
                + "<!-- results:end -->\n");
        EvaluationReport.updateTable(run(Protocol.SPEAKER, 5), results);
        String text = Files.readString(results);
        String tess = text.lines().filter(l -> l.startsWith("| TESS |")).findFirst().orElseThrow();
        assertEquals("| TESS | paper | 7 | 99.52 | 99.52 | 99.52 | - | 99.82 | 1 | 4 min 50 s | 2026-11-22 | `bin/emoscope x` |",
                tess);
        assertTrue(text.contains("| EMOVO | speaker |"), text);
    }

    @Test
    void severalSeedsAreReportedAsMeanAndSpread(@TempDir Path dir) throws Exception {
        Evaluation.FoldResult a = new Evaluation.FoldResult(0, List.of("x:1"), List.of("x:2"),
                new long[][]{{9, 1}, {1, 9}}, 3, 5, 60, 100, null);
        Evaluation.FoldResult b = new Evaluation.FoldResult(0, List.of("x:1"), List.of("x:2"),
                new long[][]{{7, 3}, {3, 7}}, 3, 5, 60, 100, null);
        EvaluationReport.Run run = new EvaluationReport.Run("emovo", "EMOVO", Protocol.SPEAKER, List.of("a", "b"),
                List.of(a, b), 20, 2, 75, "2026-12-06", "bin/emoscope evaluate --corpus emovo --seeds 7,8",
                Map.of(), List.of(7L, 8L), List.of(List.of(a), List.of(b)));
        Spread ua = run.spread(org.emoscope.train.eval.ConfusionMatrix::unweightedAccuracy, false);
        assertEquals(0.8, ua.mean(), 1e-9);
        assertEquals(Math.sqrt(0.02), ua.sd(), 1e-9);
        String md = EvaluationReport.write(run, dir);
        assertTrue(md.contains("Over 2 seeds [7, 8]") && md.contains("UA 80.0 ± 14.1%"), md);
        Path results = dir.resolve("results.md");
        EvaluationReport.updateTable(run, results);
        assertTrue(Files.readString(results).contains("| 80.0 ± 14.1 | 80.0 ± 14.1 |"), Files.readString(results));
        assertTrue(Files.readString(results).contains("| 1 × 2 seeds |"), Files.readString(results));
    }
}
