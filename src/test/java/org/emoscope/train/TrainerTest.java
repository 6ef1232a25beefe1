package org.emoscope.train;

import org.emoscope.features.FeatureConfig;
import org.emoscope.model.SpeakerPrior;
import org.emoscope.model.SpeakerStatistics;
import org.emoscope.model.ModelBundle;
import org.emoscope.model.NetworkSpec;
import org.emoscope.train.corpus.Emotion;
import org.emoscope.train.corpus.Utterance;
import org.emoscope.train.eval.ConfusionMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class TrainerTest {

    private static final List<String> LABELS = List.of("neutral", "angry");
    private static final NetworkSpec TINY = new NetworkSpec(40, List.of(8), List.of(3), List.of(2), 2, 3, 8, 0.0, 0.0,
            1e-2, 2, 1L);

    /** Class 0 has energy in coefficients 2-6, class 1 in 20-24; noise everywhere. */
    private static List<Item> items(int n, long seed, String speaker) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = i % 2;
            float[][] frames = new float[40 + r.nextInt(40)][40];
            for (float[] f : frames) {
                for (int c = 0; c < 40; c++) f[c] = (float) r.nextGaussian();
                for (int c = 0; c < 5; c++) f[(label == 0 ? 2 : 20) + c] += 3f;
            }
            Utterance u = new Utterance(Path.of(speaker + "-" + i + ".wav"), "synthetic", speaker,
                    label == 0 ? Emotion.NEUTRAL : Emotion.ANGRY, "t" + i, Map.of());
            out.add(new Item(u, "orig", label, frames));
        }
        return out;
    }

    private static TrainingSettings settings(int epochs) {
        return new TrainingSettings(epochs, 10, 8, 0.4, 0.2, 1, true, 3L, false, false, 0, false, 0, 1, 0);
    }

    @Test
    void learnsAndResumesFromItsCheckpoint(@TempDir Path dir) throws Exception {
        List<Item> fit = items(48, 1, "a");
        List<Item> val = items(16, 2, "b");
        Path ckpt = dir.resolve("ckpt");
        Trainer first = new Trainer(TINY, FeatureConfig.defaults(), settings(2), LABELS);
        Trainer.Result r1 = first.train(fit, val, ckpt, Map.of(), TrainingListener.NONE);
        assertEquals(2, r1.history().size());
        assertTrue(Files.isRegularFile(ckpt.resolve("state.json")));

        List<String> messages = new ArrayList<>();
        Trainer more = new Trainer(TINY, FeatureConfig.defaults(), settings(4), LABELS);
        TrainingListener listener = new TrainingListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
        Trainer.Result r2 = more.train(fit, val, ckpt, Map.of("corpora", List.of("synthetic")), listener);
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("resuming after epoch 2")), messages.toString());
        assertEquals(4, r2.history().size(), "two epochs were done already, two more ran");
        assertEquals(r1.history().get(0), r2.history().get(0));

        ModelBundle bundle = r2.bundle();
        assertEquals(LABELS, bundle.labels());
        assertEquals(List.of("synthetic"), bundle.metadata().get("corpora"));
        assertEquals(settings(4).windowSeconds(), bundle.windowSeconds(), "the analyzer will cut the training window");
        ConfusionMatrix cm = more.confusion(new UtteranceScorer(new org.emoscope.model.EmotionModel(bundle), 0.4, 0.2),
                val);
        assertTrue(cm.unweightedAccuracy() >= 0.9, "a separable task is learnt: " + cm);
    }

    @Test
    void aTrainerCanStartFromAPretrainedModel(@TempDir Path dir) throws Exception {
        List<Item> val = items(16, 2, "b");
        List<Item> fit = items(48, 1, "a");
        Trainer.Result pre = new Trainer(TINY, FeatureConfig.defaults(), settings(4), LABELS)
                .train(fit, val, null, Map.of(), TrainingListener.NONE);
        // a learning rate that cannot learn anything in one epoch: what is known must come from the start
        NetworkSpec frozen = new NetworkSpec(40, List.of(8), List.of(3), List.of(2), 2, 3, 8, 0.0, 0.0, 1e-9, 2, 9L);
        Trainer scratch = new Trainer(frozen, FeatureConfig.defaults(), settings(1), LABELS);
        Trainer warm = scratch.startingFrom(pre.bundle());
        Path ckpt = dir.resolve("ckpt");
        Trainer.Result cold = scratch.train(fit, val, ckpt, Map.of(), TrainingListener.NONE);
        List<String> messages = new ArrayList<>();
        Trainer.Result r = warm.train(fit, val, ckpt, Map.of(), new TrainingListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        });
        assertTrue(messages.stream().anyMatch(m -> m.contains("output weights kept for [neutral, angry]")),
                "a checkpoint of the cold start is not resumed: " + messages);
        ConfusionMatrix coldCm = scratch.confusion(new UtteranceScorer(new org.emoscope.model.EmotionModel(
                cold.bundle()), 0.4, 0.2), val);
        ConfusionMatrix warmCm = warm.confusion(new UtteranceScorer(new org.emoscope.model.EmotionModel(r.bundle()),
                0.4, 0.2), val);
        assertTrue(warmCm.unweightedAccuracy() >= 0.9, "starts from what was learnt: " + warmCm);
        assertTrue(coldCm.unweightedAccuracy() < 0.8, "from scratch nothing is learnt: " + coldCm);
        NetworkSpec wider = new NetworkSpec(40, List.of(16), List.of(3), List.of(2), 2, 3, 8, 0.0, 0.0, 1e-2, 2, 1L);
        assertThrows(IllegalArgumentException.class, () -> new Trainer(wider, FeatureConfig.defaults(), settings(1),
                LABELS).startingFrom(pre.bundle()));
    }

    @Test
    void aFrozenTrunkKeepsItsWeightsWhileAnAttentiveHeadLearns() throws Exception {
        List<Item> val = items(16, 2, "b");
        List<Item> fit = items(48, 1, "a");
        Trainer.Result pre = new Trainer(TINY, FeatureConfig.defaults(), settings(2), LABELS)
                .train(fit, val, null, Map.of(), TrainingListener.NONE);
        NetworkSpec attentive = TINY.withPooling(NetworkSpec.Pooling.ATTENTIVE_MAX);
        List<String> messages = new ArrayList<>();
        Trainer.Result r = new Trainer(attentive, FeatureConfig.defaults(), settings(2), LABELS)
                .startingFrom(pre.bundle()).freezingTrunk().train(fit, List.of(), null, Map.of(),
                        new TrainingListener() {
                    @Override
                    public void message(String text) {
                        messages.add(text);
                    }
                });
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("training only the frame scorer [att_hidden, "
                + "att_score]")), messages.toString());
        var before = pre.bundle().network();
        var after = r.bundle().network();
        for (String layer : List.of("conv1", "ca_fc1", "ca_fc2", "frame_gate", "dense", "output"))
            for (var e : before.getLayer(layer).paramTable().entrySet())
                assertArrayEquals(e.getValue().ravel().toFloatVector(),
                        after.getLayer(layer).paramTable().get(e.getKey()).ravel().toFloatVector(), 0f, layer);
        for (String p : List.of("gamma", "beta", "mean", "log10stdev"))
            assertArrayEquals(before.getLayer("bn1").getParam(p).ravel().toFloatVector(),
                    after.getLayer("bn1").getParam(p).ravel().toFloatVector(), 0f, "bn1 " + p);
        assertTrue(after.getLayer("att_score").getParam("W").norm2Number().doubleValue() > 0, "the scorer learnt");
        assertEquals(NetworkSpec.Pooling.ATTENTIVE_MAX, r.bundle().spec().pooling());
    }

    @Test
    void theLearningRateIsHalvedWhenTheValidationScoreStopsRising() throws Exception {
        List<Item> val = items(16, 2, "b");
        List<String> messages = new ArrayList<>();
        Trainer t = new Trainer(TINY, FeatureConfig.defaults(), settings(8).withLrPatience(2), LABELS);
        Trainer.Result r = t.train(items(48, 1, "a"), val, null, Map.of(), new TrainingListener() {
            @Override
            public void message(String text) {
                messages.add(text);
            }
        });
        long halvings = messages.stream().filter(m -> m.contains("learning rate halved")).count();
        assertTrue(halvings >= 1, "a separable task is learnt early, then the score cannot rise: " + messages);
        assertEquals(TINY.learningRate() / Math.pow(2, halvings), r.bundle().network().getLearningRate("dense"),
                1e-12);
    }

    @Test
    void maskedTrainingStillLearnsTheTask() throws Exception {
        List<Item> val = items(16, 2, "b");
        Trainer t = new Trainer(TINY, FeatureConfig.defaults(), settings(4).withMasking(true), LABELS);
        Trainer.Result r = t.train(items(48, 1, "a"), val, null, Map.of(), TrainingListener.NONE);
        ConfusionMatrix cm = t.confusion(new UtteranceScorer(new org.emoscope.model.EmotionModel(r.bundle()), 0.4,
                0.2), val);
        assertTrue(cm.unweightedAccuracy() >= 0.9, "masking blanks parts of windows, not the whole signal: " + cm);
        assertTrue(r.bundle().metadata().get("settings").toString().contains("maskWindows=true"));
    }

    /** {@code items} as spoken by a voice that shifts coefficients 2-6 up by 3 and 20-24 down by 3 in every frame. */
    private static List<Item> shiftedVoice(List<Item> items) {
        List<Item> out = new ArrayList<>();
        for (Item i : items) {
            float[][] frames = new float[i.frames().length][];
            for (int t = 0; t < frames.length; t++) {
                frames[t] = i.frames()[t].clone();
                for (int c = 0; c < 5; c++) {
                    frames[t][2 + c] += 3f;
                    frames[t][20 + c] -= 3f;
                }
            }
            out.add(new Item(i.utterance(), i.augmentation(), i.label(), frames));
        }
        return out;
    }

    @Test
    void speakerNormalisationRemovesWhatIsConstantAboutAVoice() throws Exception {
        List<Item> fit = items(48, 1, "a");
        List<Item> shifted = shiftedVoice(items(16, 2, "b"));
        // the shift makes voice b's "angry" look like voice a's "neutral": a plain model cannot tell them apart
        Trainer plain = new Trainer(TINY, FeatureConfig.defaults(), settings(4), LABELS);
        Trainer.Result p = plain.train(fit, items(16, 3, "c"), null, Map.of(), TrainingListener.NONE);
        assertFalse(p.bundle().normalization().speakerNormalized());
        ConfusionMatrix before = plain.confusion(new UtteranceScorer(new org.emoscope.model.EmotionModel(p.bundle()),
                0.4, 0.2), shifted);
        assertTrue(before.unweightedAccuracy() <= 0.75, "a plain model is fooled by the voice: " + before);

        Trainer normalised = new Trainer(TINY, FeatureConfig.defaults(), settings(4).withSpeakerNorm(true), LABELS);
        Trainer.Result r = normalised.train(fit, items(16, 3, "c"), null, Map.of(), TrainingListener.NONE);
        assertTrue(r.bundle().normalization().speakerNormalized());
        UtteranceScorer scorer = new UtteranceScorer(new org.emoscope.model.EmotionModel(r.bundle()), 0.4, 0.2);
        ConfusionMatrix after = normalised.confusion(scorer, shifted, UtteranceScorer.Voices.SPEAKER);
        assertTrue(after.unweightedAccuracy() >= 0.9, "each voice measured against itself: " + after);
    }

    @Test
    void voiceMixTrainsOnOneFileEstimatesTooAndStillLearns() throws Exception {
        List<Item> fit = items(48, 1, "a");
        List<Item> val = items(16, 2, "b");
        List<SpeakerStatistics.Estimate> files = SpeakerNormalizer.fileVoices(fit,
                new SpeakerPrior(new float[40], ones(40), 240, 1000));
        assertEquals(fit.size(), files.size());
        assertTrue(files.get(0).frames() == fit.get(0).frames().length, "every frame of a steady item counts");
        Trainer t = new Trainer(TINY, FeatureConfig.defaults(),
                settings(4).withSpeakerNorm(true).withVoiceMix(0.5), LABELS);
        Trainer.Result r = t.train(fit, val, null, Map.of(), TrainingListener.NONE);
        ConfusionMatrix cm = t.confusion(new UtteranceScorer(new org.emoscope.model.EmotionModel(r.bundle()), 0.4,
                0.2), val, UtteranceScorer.Voices.UTTERANCE);
        assertTrue(cm.unweightedAccuracy() >= 0.9, "one file at a time: " + cm);
        assertTrue(r.bundle().metadata().get("settings").toString().contains("voiceMix=0.5"));
    }

    private static float[] ones(int n) {
        float[] x = new float[n];
        java.util.Arrays.fill(x, 1f);
        return x;
    }

    @Test
    void mixupTrainingStillLearnsTheTask() throws Exception {
        List<Item> val = items(16, 2, "b");
        Trainer t = new Trainer(TINY, FeatureConfig.defaults(), settings(4).withMixup(0.4), LABELS);
        Trainer.Result r = t.train(items(48, 1, "a"), val, null, Map.of(), TrainingListener.NONE);
        ConfusionMatrix cm = t.confusion(new UtteranceScorer(new org.emoscope.model.EmotionModel(r.bundle()), 0.4,
                0.2), val);
        assertTrue(cm.unweightedAccuracy() >= 0.9, "mixup keeps each row closest to its own example: " + cm);
        assertTrue(r.bundle().metadata().get("settings").toString().contains("mixupAlpha=0.4"));
    }

    /**
     * The same data, settings and seed train the same network to the bit, with every random step of training on
     * (class-balanced windows, speaker normalisation with voice mixing, masks, mixup, learning-rate halving).
     */
    @Test
    void theSameSeedTrainsTheSameNetwork() throws Exception {
        float[] first = trainEverythingRandom(3);
        float[] second = trainEverythingRandom(3);
        assertEquals(first.length, second.length);
        assertArrayEquals(first, second, "bit for bit");
        assertFalse(java.util.Arrays.equals(first, trainEverythingRandom(4)), "the seed does shape training");
    }

    private static float[] trainEverythingRandom(long seed) throws Exception {
        TrainingSettings s = new TrainingSettings(3, 3, 8, 0.4, 0.2, 1, true, seed, false, true, 0.4, true, 0.5, 2, 1);
        Trainer.Result r = new Trainer(TINY, FeatureConfig.defaults(), s, LABELS)
                .train(items(32, 1, "a"), items(12, 2, "b"), null, Map.of(), TrainingListener.NONE);
        return r.bundle().network().params().data().asFloat();
    }

    @Test
    void aCheckpointForOtherDataIsIgnored(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("ckpt");
        new Trainer(TINY, FeatureConfig.defaults(), settings(1), LABELS)
                .train(items(16, 1, "a"), items(8, 2, "b"), ckpt, Map.of(), TrainingListener.NONE);
        List<String> messages = new ArrayList<>();
        Trainer.Result r = new Trainer(TINY, FeatureConfig.defaults(), settings(1), LABELS)
                .train(items(16, 5, "c"), items(8, 2, "b"), ckpt, Map.of(), new TrainingListener() {
                    @Override
                    public void message(String text) {
                        messages.add(text);
                    }
                });
        assertEquals(1, r.history().size());
        assertTrue(messages.stream().anyMatch(m -> m.contains("starting afresh")), messages.toString());
    }
}
