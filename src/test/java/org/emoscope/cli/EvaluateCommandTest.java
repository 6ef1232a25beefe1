package org.emoscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.emoscope.features.FeatureConfig;
import org.emoscope.model.ModelBundle;
import org.emoscope.model.NetworkSpec;
import org.emoscope.train.Protocol;
import org.emoscope.train.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code evaluate} refuses before it trains anything. */
class EvaluateCommandTest {

    @TempDir
    Path dir;

    @Test
    void thePaperProtocolTrainsLongerAndWithoutSpeakerNormalisationUnlessTold() {
        TrainingSettings paper = parsed("--protocol", "paper").settings(Protocol.PAPER);
        assertEquals(EvaluateCommand.PAPER_EPOCHS, paper.maxEpochs());
        assertEquals(EvaluateCommand.PAPER_PATIENCE, paper.patience());
        assertFalse(paper.speakerNorm());
        TrainingSettings told = parsed("--protocol", "paper", "--epochs", "12", "--patience", "3", "--speaker-norm")
                .settings(Protocol.PAPER);
        assertEquals(12, told.maxEpochs());
        assertEquals(3, told.patience());
        assertTrue(told.speakerNorm());
        TrainingSettings speaker = parsed().settings(Protocol.SPEAKER);
        assertEquals(TrainingSettings.defaults().maxEpochs(), speaker.maxEpochs());
        assertEquals(TrainingSettings.defaults().patience(), speaker.patience());
        assertTrue(speaker.speakerNorm());
    }

    private static EvaluateCommand parsed(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("evaluate", "--corpus", "emovo"));
        all.addAll(List.of(args));
        CommandLine.ParseResult r = new CommandLine(new Main()).parseArgs(all.toArray(new String[0]));
        return r.subcommand().commandSpec().userObject() instanceof EvaluateCommand e ? e : null;
    }

    @Test
    void aPretrainedModelThatHeardTheCorpusIsRefused() throws Exception {
        Path bundle = dir.resolve("pre.emo");
        ModelBundle.untrained(List.of("neutral", "happy"), FeatureConfig.defaults())
                .withMetadata(Map.of("corpora", List.of("ravdess", "emovo"))).save(bundle);
        assertRefused(bundle, 2, "was trained on [ravdess, emovo], which include emovo");
    }

    @Test
    void aPretrainedModelMustSayWhatItWasTrainedOn() throws Exception {
        Path bundle = dir.resolve("anon.emo");
        ModelBundle.untrained(List.of("neutral", "happy"), FeatureConfig.defaults()).save(bundle);
        assertRefused(bundle, 2, "does not record the corpora it was trained on");
    }

    @Test
    void aDamagedPretrainedModelIsAClearMessage() throws Exception {
        Path bundle = java.nio.file.Files.writeString(dir.resolve("bad.emo"), "not a bundle");
        assertRefused(bundle, 1, "--pretrained: Cannot load model bundle " + bundle + ": it is not a model bundle");
    }

    /** {@code evaluate --corpus emovo --pretrained bundle} stops with {@code exit} and says {@code why}. */
    private void assertRefused(Path bundle, int exit, String why) {
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("evaluate", "--corpus", "emovo", "--pretrained",
                bundle.toString(), "--data", dir.resolve("none").toString(), "--work", dir.resolve("w").toString());
        assertEquals(exit, r.exit(), r.err());
        assertTrue(r.err().contains(why), r.err());
    }

    @Test
    void seedsDefaultToTheOneSeedAndMayNotRepeat() {
        assertEquals(List.of(7L), parsed().seedList());
        assertEquals(List.of(9L), parsed("--seed", "9").seedList());
        assertEquals(List.of(7L, 8L, 9L), parsed("--seeds", "7,8,9").seedList());
        assertThrows(CommandLine.ParameterException.class, () -> parsed("--seeds", "7,7").seedList());
    }

    @Test
    void theNetworksInitialisationFollowsTheSeedAndKeepsTheOldOneForSeven() {
        assertEquals(42L, parsed().options.network(7, 7).seed());
        assertEquals(43L, parsed().options.network(7, 8).seed());
        assertEquals(NetworkSpec.Pooling.MEAN_MAX, parsed().options.network(7, 7).pooling());
        assertEquals(NetworkSpec.Pooling.ATTENTIVE_MAX,
                parsed("--pooling", "attentive-max").options.network(7, 7).pooling());
        assertThrows(IllegalArgumentException.class, () -> parsed("--pooling", "max").options.network(7, 7));
    }

    @Test
    void leaveOneCorpusOutRefusesAPretrainedModelAndOneCorpus() throws Exception {
        Path bundle = dir.resolve("pre.emo");
        ModelBundle.untrained(List.of("neutral", "happy"), FeatureConfig.defaults())
                .withMetadata(Map.of("corpora", List.of("tess"))).save(bundle);
        AnalyzeCommandTest.Run r = AnalyzeCommandTest.run("evaluate", "--protocol", "corpus", "--corpus",
                "emovo,nemo", "--pretrained", bundle.toString(), "--data", dir.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--pretrained cannot be used with --protocol corpus"), r.err());
        r = AnalyzeCommandTest.run("evaluate", "--protocol", "corpus", "--corpus", "emovo", "--data", dir.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("needs at least two corpora"), r.err());
    }
}
