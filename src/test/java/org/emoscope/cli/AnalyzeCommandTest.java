package org.emoscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.emoscope.features.FeatureConfig;
import org.emoscope.model.ModelBundle;
import org.emoscope.pipeline.TestAudio;
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
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class AnalyzeCommandTest {

    @TempDir
    static Path dir;
    static Path bundle;

    @BeforeAll
    static void untrainedBundle() throws Exception {
        bundle = dir.resolve("untrained.emo");
        ModelBundle.untrained(List.of("neutral", "happy", "sad", "angry"), FeatureConfig.defaults()).save(bundle);
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new Main()).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void jsonLinesForGoodAndBadFiles() throws Exception {
        Path a = TestAudio.writeWav(dir.resolve("a.wav"), TestAudio.voiced(3.0, 16000, 1), 16000);
        Path bad = Files.write(dir.resolve("broken.wav"), new byte[]{'R', 'I', 'F', 'F', 1, 2});
        Path b = TestAudio.writeWav(dir.resolve("b.wav"), TestAudio.voiced(2.2, 16000, 2), 16000);
        Run r = run("analyze", "--model", bundle.toString(), a.toString(), bad.toString(), b.toString());
        assertEquals(1, r.exit(), "one file failed: " + r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertEquals(a.toString(), first.get("file").asText());
        assertEquals("untrained", first.get("model").asText());
        assertEquals(3.0, first.get("duration_s").asDouble(), 1e-3);
        assertSumsToOne(first.get("probabilities"));
        JsonNode segs = first.get("segments");
        assertTrue(segs.size() >= 1);
        assertEquals(0.0, segs.get(0).get("start_s").asDouble());
        assertEquals(3.0, segs.get(segs.size() - 1).get("end_s").asDouble(), 1e-3);
        for (JsonNode s : segs) if (!s.get("label").asText().equals("no_speech")) assertSumsToOne(s.get("probabilities"));
        JsonNode broken = json.readTree(lines.get(1));
        assertEquals(bad.toString(), broken.get("file").asText());
        assertTrue(broken.get("error").asText().contains("broken.wav"), broken.toString());
        assertFalse(broken.has("label"));
        assertEquals(b.toString(), json.readTree(lines.get(2)).get("file").asText());
        assertFalse(r.err().contains("Exception"), "no stack traces on stderr: " + r.err());
    }

    @Test
    void parallelJobsPrintWhatOneJobPrintsInTheSameOrder() throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("analyze", "-q", "--model", bundle.toString()));
        for (int i = 0; i < 7; i++) {
            // lengths out of order, so that a later file can finish first; one file broken
            Path f = i == 3 ? Files.writeString(dir.resolve("p3.wav"), "no audio")
                    : TestAudio.writeWav(dir.resolve("p" + i + ".wav"), TestAudio.voiced(1.0 + (7 - i) * 0.7, 16000,
                    20 + i), 16000);
            args.add(f.toString());
        }
        Run one = run(concat(args, "--jobs", "1"));
        Run three = run(concat(args, "--jobs", "3"));
        assertEquals(1, one.exit(), one.err());
        assertEquals(1, three.exit(), three.err());
        assertEquals(7, one.out().lines().count(), one.out());
        assertEquals(one.out(), three.out(), "the same results in the same order");
        assertTrue(three.out().lines().toList().get(3).contains("\"error\""), three.out());
        Run none = run(concat(args, "--jobs", "0"));
        assertEquals(2, none.exit());
        assertTrue(none.err().contains("--jobs must be at least 1"), none.err());
    }

    private static String[] concat(List<String> args, String... more) {
        List<String> all = new java.util.ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    @Test
    void csvHasAHeaderAndFileAndSegmentRows() throws Exception {
        Path a = TestAudio.writeWav(dir.resolve("c.wav"), TestAudio.voiced(2.5, 16000, 3), 16000);
        Run r = run("analyze", "-q", "--format", "csv", "--model", bundle.toString(), a.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals("file,scope,start_s,end_s,label,confidence,p_neutral,p_happy,p_sad,p_angry,error", lines.get(0));
        assertTrue(lines.get(1).contains(",file,0.000,2.500,"), lines.get(1));
        assertTrue(lines.size() >= 3 && lines.get(2).contains(",segment,"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void oneSpeakerLearnsTheVoiceFromEveryFileFirst() throws Exception {
        Path a = TestAudio.writeWav(dir.resolve("e.wav"), TestAudio.voiced(2.5, 16000, 5), 16000);
        Path b = TestAudio.writeWav(dir.resolve("f.wav"), TestAudio.voiced(2.5, 16000, 6), 16000);
        Run shipped = run("analyze", "--one-speaker", a.toString(), b.toString());
        assertEquals(0, shipped.exit(), shipped.err());
        assertEquals(2, shipped.out().lines().count(), shipped.out());
        assertTrue(shipped.err().contains("learnt the voice from 5 s of speech in 2 file(s)"), shipped.err());
        Run plain = run("analyze", "--one-speaker", "--model", bundle.toString(), a.toString());
        assertEquals(0, plain.exit(), plain.err());
        assertTrue(plain.err().contains("this model does not adapt to voices"), plain.err());
    }

    @Test
    void explainAddsEachSpeechWindowsMapAndTheShippedModelsStatistics() throws Exception {
        Path a = TestAudio.writeWav(dir.resolve("x.wav"), TestAudio.concat(TestAudio.silence(1.0, 16000),
                TestAudio.voiced(2.0, 16000, 8)), 16000);
        Run r = run("analyze", "-q", "--explain", "--explain-steps", "2", a.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        JsonNode windows = o.get("windows");
        assertTrue(windows.size() >= 5, r.out());
        int explained = 0;
        for (JsonNode w : windows) {
            if (!w.get("speech").asBoolean()) {
                assertTrue(w.has("attention") && !w.has("explanation"), w.toString());
                continue;
            }
            explained++;
            JsonNode e = w.get("explanation");
            assertEquals(50, e.get("cells").size(), "2 s in 40 ms cells");
            assertEquals(16, e.get("cells").get(0).size());
            assertEquals(16, e.get("band_centres_hz").size());
            assertTrue(e.get("reading").asText().startsWith("for " + e.get("class").asText() + ": "), e.toString());
            assertEquals(0.25, e.get("network_weight").asDouble(), 1e-9, "the shipped bundle fuses statistics");
            assertEquals(5, e.get("statistics").size());
        }
        assertTrue(explained >= 1, r.out());
        Run csv = run("analyze", "-q", "--explain", "-f", "csv", a.toString());
        assertEquals(2, csv.exit());
        assertTrue(csv.err().contains("--explain needs JSON output"), csv.err());
    }

    @Test
    void missingModelIsAClearMessage() throws Exception {
        Path a = TestAudio.writeWav(dir.resolve("d.wav"), TestAudio.voiced(1.0, 16000, 4), 16000);
        Run r = run("analyze", "--model", dir.resolve("nope.emo").toString(), a.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("nope.emo"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aTruncatedWavIsAnalysedAsFarAsItGoesWithAWarning() throws Exception {
        Path whole = TestAudio.writeWav(dir.resolve("whole.wav"), TestAudio.voiced(3.0, 16000, 7), 16000);
        byte[] bytes = Files.readAllBytes(whole);
        // cut in the middle of the data: the header still declares 3 s, the file holds 44 bytes + 2.2 s
        Path cut = Files.write(dir.resolve("cut.wav"), java.util.Arrays.copyOf(bytes, 44 + 2 * 35200 + 1));
        Run r = run("analyze", "-q", "--model", bundle.toString(), cut.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals(2.2, o.get("duration_s").asDouble(), 1e-3, "analyses what is there");
        assertTrue(o.get("segments").size() >= 1);
        String warning = o.get("warning").asText();
        assertTrue(warning.contains("cut.wav") && warning.contains("truncated") && warning.contains("3.000 s")
                && warning.contains("2.200 s"), warning);
        assertTrue(r.err().contains("warning: " + warning), "said on stderr even with -q: " + r.err());

        Run intact = run("analyze", "-q", "--model", bundle.toString(), whole.toString());
        assertFalse(new ObjectMapper().readTree(intact.out()).has("warning"), intact.out());
        assertEquals("", intact.err());
    }

    @Test
    void numbersArePlainDecimalsAndSilenceHasNoProbabilities() throws Exception {
        Path quiet = TestAudio.writeWav(dir.resolve("quiet.wav"), TestAudio.silence(2.5, 16000), 16000);
        Run r = run("analyze", "-q", "--model", bundle.toString(), quiet.toString());
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().matches("(?s).*\\d[eE][-+]?\\d.*"), "no exponent notation: " + r.out());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals("no_speech", o.get("label").asText());
        assertFalse(o.has("probabilities"), "no emotion for silence: " + r.out());
        for (JsonNode s : o.get("segments")) assertFalse(s.has("probabilities"), s.toString());
    }

    private static void assertSumsToOne(JsonNode probabilities) {
        double sum = 0;
        for (Iterator<JsonNode> it = probabilities.elements(); it.hasNext(); ) sum += it.next().asDouble();
        assertEquals(1.0, sum, 1e-3);
    }
}
