package org.emoscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.emoscope.features.FeatureConfig;
import org.emoscope.model.ModelBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code evaluate} refuses before it trains anything. */
class EvaluateCommandTest {

    @TempDir
    Path dir;

    @Test
    void aPretrainedModelThatHeardTheCorpusIsRefused() throws Exception {
        Path bundle = dir.resolve("pre.emo");
        ModelBundle.untrained(List.of("neutral", "happy"), FeatureConfig.defaults())
                .withMetadata(Map.of("corpora", List.of("ravdess", "emovo"))).save(bundle);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("evaluate", "--corpus", "emovo", "--pretrained",
                bundle.toString(), "--data", dir.resolve("none").toString(), "--work", dir.resolve("w").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("was trained on [ravdess, emovo], which include emovo"), r.err());
    }

    @Test
    void aPretrainedModelMustSayWhatItWasTrainedOn() throws Exception {
        Path bundle = dir.resolve("anon.emo");
        ModelBundle.untrained(List.of("neutral", "happy"), FeatureConfig.defaults()).save(bundle);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("evaluate", "--corpus", "emovo", "--pretrained",
                bundle.toString(), "--data", dir.resolve("none").toString(), "--work", dir.resolve("w").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("does not record the corpora it was trained on"), r.err());
    }

    @Test
    void aDamagedPretrainedModelIsAClearMessage() throws Exception {
        Path bundle = java.nio.file.Files.writeString(dir.resolve("bad.emo"), "not a bundle");
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("evaluate", "--corpus", "emovo", "--pretrained",
                bundle.toString(), "--data", dir.resolve("none").toString(), "--work", dir.resolve("w").toString());
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("--pretrained") && r.err().contains("bad.emo"), r.err());
    }
}
