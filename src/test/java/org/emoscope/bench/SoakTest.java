package org.emoscope.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.emoscope.features.FeatureConfig;
import org.emoscope.model.ModelBundle;
import org.emoscope.model.Nd4jRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The growth verdict on made-up series, and the short version of the soak run: {@code soak} in-process for 15 s on
 * an untrained bundle (the hour-long run is {@code bin/emoscope soak}, see docs/soak.md).
 */
class SoakTest {

    private static double[] times(int n, double step) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) t[i] = i * step;
        return t;
    }

    @Test
    void flatNoisySeriesDidNotGrow() {
        SplittableRandom r = new SplittableRandom(1);
        double[] t = times(360, 10);
        double[] v = new double[t.length];
        for (int i = 0; i < v.length; i++) v[i] = 300 + 20 * (r.nextDouble() - 0.5) + (i % 30 == 0 ? 200 : 0);
        Soak.Growth g = Soak.growth(t, v);
        assertFalse(g.grew(0.10), g.toString());
        assertEquals(300, g.firstQuarterMedian(), 5);
        assertEquals(0, g.slopePerHour(), 30);
    }

    @Test
    void steadyGrowthIsCaughtWithItsSlope() {
        double[] t = times(360, 10); // one hour
        double[] v = new double[t.length];
        for (int i = 0; i < v.length; i++) v[i] = 300 + 100 * t[i] / 3600; // +100 MB per hour
        Soak.Growth g = Soak.growth(t, v);
        assertEquals(100, g.slopePerHour(), 1e-6);
        assertTrue(g.grew(0.10), g.toString());
        assertTrue(g.lastQuarterMedian() > g.firstQuarterMedian());
    }

    @Test
    void theWarmUpIsNotCountedAsGrowth() {
        double[] t = times(360, 10);
        double[] v = new double[t.length];
        for (int i = 0; i < v.length; i++) v[i] = t[i] < 600 ? 100 + t[i] / 3 : 300; // ramps for 10 min, then flat
        Soak.Growth g = Soak.growth(t, v);
        assertFalse(g.grew(0.01), g.toString());
        assertEquals(0, g.slopePerHour(), 1e-9);
    }

    @Test
    void tooFewSamplesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Soak.growth(times(5, 1), new double[5]));
        assertThrows(IllegalArgumentException.class, () -> Soak.growth(times(20, 1), new double[19]));
    }

    @Test
    @Timeout(120)
    void shortRunWritesSamplesAsItGoesAndAReport(@TempDir Path dir) throws Exception {
        Nd4jRuntime.configure();
        Nd4jRuntime.setThreads(1);
        Path bundle = dir.resolve("untrained.emo");
        ModelBundle.untrained(List.of("a", "b", "c"), FeatureConfig.defaults()).save(bundle);
        Path out = dir.resolve("soak.md");
        Path csv = dir.resolve("soak.csv");
        StringWriter err = new StringWriter();
        int code = new CommandLine(new BenchMain()).setErr(new PrintWriter(err)).execute("soak", "--model",
                bundle.toString(), "--minutes", "0.25", "--sample-seconds", "1", "--out", out.toString(), "--csv",
                csv.toString());
        String log = err.toString();

        List<String> rows = Files.readAllLines(csv);
        assertEquals(Soak.CSV_HEADER, rows.get(0));
        assertTrue(rows.size() - 1 >= 14 && rows.size() - 1 <= 16, "one sample a second for 15 s: " + rows.size());
        int columns = Soak.CSV_HEADER.split(",").length;
        long previousWindows = -1;
        double elapsed = 0;
        long windows = 0;
        long dropped = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            assertEquals(columns, f.length, row);
            elapsed = Double.parseDouble(f[0]);
            assertTrue(Double.parseDouble(f[1]) > 0, "RSS read from /proc: " + row);
            windows = Long.parseLong(f[7]);
            dropped = Long.parseLong(f[8]);
            assertTrue(windows >= previousWindows, "windows only go up: " + row);
            previousWindows = windows;
        }
        assertEquals(15, elapsed, 1.5);
        // the live source produces a window every 250 ms whether or not inference keeps up (then it drops them)
        assertTrue(windows + dropped >= 0.8 * (elapsed - 2) / 0.25, "windows " + windows + " + dropped " + dropped
                + " in " + elapsed + " s\n" + log);
        assertTrue(windows > 0, log);

        String md = Files.readString(out);
        for (String measure : List.of("resident memory (RSS, MB)", "heap left by the last collection",
                "windows dropped", "mean update interval", "added latency"))
            assertTrue(md.contains("| " + measure), "missing " + measure + " in\n" + md);
        assertTrue(md.contains("soak --model"), "the command is recorded");
        assertTrue(md.contains("## Over time"), md);
        boolean missed = log.contains("(MISSED)");
        assertEquals(missed ? 1 : 0, code, "the exit code follows the verdict\n" + log);
        assertFalse(log.contains("FAILED"), log);
    }
}
