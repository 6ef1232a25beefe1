package org.emoscope.cli;

import org.emoscope.features.FeatureConfig;
import org.emoscope.model.ModelBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RobustnessCommandTest {

    @TempDir
    Path dir;

    @Test
    void eachTestSetKeepsItsOwnTableOnThePage() throws Exception {
        Path page = dir.resolve("robustness.md");
        Files.writeString(page, "# Robustness\n\nintro\n");
        RobustnessCommand.updatePage(page, "m-held-out", "table one\n");
        RobustnessCommand.updatePage(page, "m-nemo", "table two\n");
        RobustnessCommand.updatePage(page, "m-held-out", "table one, again\n");
        String text = Files.readString(page);
        assertTrue(text.startsWith("# Robustness\n\nintro\n"), text);
        assertTrue(text.contains("table one, again") && !text.contains("table one\n"), text);
        assertTrue(text.indexOf("table one, again") < text.indexOf("table two"), "replaced in place");
        assertEquals("default.emo-held-out", RobustnessCommand.tag("default.emo", "held-out"));
    }

    @Test
    void aCorpusTheModelWasTrainedOnIsRefused() throws Exception {
        Path bundle = dir.resolve("m.emo");
        ModelBundle.untrained(List.of("neutral", "happy"), FeatureConfig.defaults())
                .withMetadata(Map.of("corpora", List.of("emovo"))).save(bundle);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("robustness", "--model", bundle.toString(), "--corpus",
                "emovo", "--data", dir.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("was trained on emovo"), r.err());
        r = AnalyzeCommandTest.run("robustness", "--model", bundle.toString(), "--held-out");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("does not record the speakers it held out"), r.err());
    }
}
