package org.emoscope.bench;

import org.emoscope.features.FeatureConfig;
import org.emoscope.model.ModelBundle;
import org.emoscope.model.Nd4jRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Runs {@code bench --quick} in-process on an untrained bundle and checks the Markdown it writes. */
@Timeout(120)
class BenchCommandTest {

    @TempDir
    static Path dir;
    static Path bundle;

    @BeforeAll
    static void untrainedBundle() throws Exception {
        Nd4jRuntime.configure();
        // one thread, as the other ND4J tests: surefire sets OMP_NUM_THREADS=2, and on a busy 2-core machine two
        // spinning OpenMP threads make every call many times slower
        Nd4jRuntime.setThreads(1);
        bundle = dir.resolve("untrained.emo");
        ModelBundle.untrained(List.of("a", "b", "c"), FeatureConfig.defaults()).save(bundle);
    }

    @Test
    void quickRunWritesEverySectionWithNumbers() throws Exception {
        Path out = dir.resolve("sub").resolve("bench.md");
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = new CommandLine(new BenchMain()).execute("bench", "--quick", "--model", bundle.toString(),
                    "--out", out.toString());
        } finally {
            System.setErr(oldErr);
        }
        String log = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, log);
        assertTrue(log.contains("targets met"), log);
        String md = Files.readString(out);
        for (String section : Report.SECTIONS)
            assertTrue(md.contains("\n" + section), "missing " + section + " in\n" + md);
        assertTrue(md.contains("bench --quick --model"), "the command is recorded");
        assertTrue(md.contains("(untrained)"));
        assertTrue(md.contains("Simulated"), "the live section says it is simulated");
        assertTrue(md.contains("ND4J threads"));

        // MFCC: frames, ms, µs/frame, x real time for every row
        List<String[]> mfcc = rows(md, "## 1. MFCC extraction");
        assertEquals(5, mfcc.size(), md); // ours (array, dispatcher), YIN, the speech chain, TarsosDSP's
        for (String[] r : mfcc) for (int c : new int[]{2, 3, 4, 5}) assertPositive(r, c);
        // latency: window, frames, p50, p90, p99, mean, max for 1, 2 and 4 s
        List<String[]> latency = rows(md, "## 2. Inference latency");
        assertEquals(3, latency.size(), md);
        for (String[] r : latency) for (int c = 0; c <= 6; c++) assertPositive(r, c);
        for (String[] r : latency) assertPercent(r, 8);
        assertEquals(98, number(latency.get(0), 1));
        assertEquals(198, number(latency.get(1), 1));
        assertEquals(398, number(latency.get(2), 1));
        for (String[] r : latency) assertTrue(number(r, 2) <= number(r, 3) && number(r, 3) <= number(r, 4));
        // files: the two quick lengths, each with time, x real time and memory
        List<String[]> files = rows(md, "## 3. File analysis");
        assertEquals(2, files.size(), md);
        for (String[] r : files) for (int c : new int[]{0, 1, 2, 3, 5, 6}) assertPositive(r, c);
        for (String[] r : files) assertPercent(r, 4);
        // many files: one job and two, each with files per second
        List<String[]> folder = rows(md, "### Many files");
        assertEquals(2, folder.size(), md);
        assertEquals(1, number(folder.get(0), 0));
        assertEquals(2, number(folder.get(1), 0));
        for (String[] r : folder) {
            for (int c = 1; c <= 5; c++) assertPositive(r, c);
            assertEquals(0, number(r, 6), "no file failed");
        }
        // the limit: GEMM throughput on a square product and the three convolutions' shapes
        List<String[]> gemm = rows(md, "### The distance to the machine's limit");
        assertEquals(4, gemm.size(), md);
        for (String[] r : gemm) for (int c : new int[]{2, 3, 4}) assertPositive(r, c);
        // cold start: three children, each timed
        List<String[]> cold = rows(md, "## 4. Cold start");
        assertEquals(3, cold.size(), md);
        for (String[] r : cold) assertPositive(r, 1);
        // live: every figure is a number (latency and dropped may be 0)
        List<String[]> live = rows(md, "## 5. Live pipeline");
        assertTrue(live.size() >= 9, md);
        for (String[] r : live) number(r, 1);
        assertTrue(number(live.get(0), 1) >= 2, "windows delivered in 2.5 s");
        Matcher m = Pattern.compile("(\\d+) of (\\d+) targets met").matcher(md);
        assertTrue(m.find(), md);
        assertEquals(15, Integer.parseInt(m.group(2)),
                "13, the voicing against the MFCC processor, and explaining at the default steps");
    }

    /** Data rows (cells trimmed) of the first table after {@code heading}. */
    private static List<String[]> rows(String md, String heading) {
        int at = md.indexOf(heading);
        assertTrue(at >= 0, "missing " + heading);
        List<String[]> out = new ArrayList<>();
        boolean inTable = false;
        for (String line : md.substring(at).lines().skip(1).toList()) {
            if (line.startsWith("## ")) break;
            if (line.startsWith("|")) {
                inTable = true;
                String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
                for (int i = 0; i < cells.length; i++) cells[i] = cells[i].trim();
                if (cells[0].startsWith("---")) continue;
                out.add(cells);
            } else if (inTable) {
                break;
            }
        }
        if (!out.isEmpty()) out.remove(0); // header
        return out;
    }

    private static double number(String[] row, int column) {
        try {
            return Double.parseDouble(row[column]);
        } catch (RuntimeException e) {
            fail("not a number in column " + column + ": " + String.join(" | ", row));
            return Double.NaN;
        }
    }

    private static void assertPercent(String[] row, int column) {
        String cell = row[column];
        assertTrue(cell.endsWith("%"), "a share in column " + column + " of " + String.join(" | ", row));
        double v = Double.parseDouble(cell.substring(0, cell.length() - 1));
        assertTrue(v > 0 && v < 1000, "column " + column + " of " + String.join(" | ", row));
    }

    private static void assertPositive(String[] row, int column) {
        double v = number(row, column);
        assertTrue(v > 0 && Double.isFinite(v), "column " + column + " of " + String.join(" | ", row));
    }
}
