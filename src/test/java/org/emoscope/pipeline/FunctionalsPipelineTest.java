package org.emoscope.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.emoscope.audio.ArrayAudioSource;
import org.emoscope.features.FeatureConfig;
import org.emoscope.features.functionals.Functionals;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.FunctionalsClassifier;
import org.emoscope.model.FunctionalsVoice;
import org.emoscope.model.ModelBundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The functionals classifier inside the analysis pipeline: each window's statistics are exactly those training
 * computes ({@link WindowStatistics}), and a voice-centred classifier centres each window on the speech windows heard
 * up to it, or on a voice learnt beforehand.
 */
class FunctionalsPipelineTest {

    private static final int RATE = 16000;
    private static final List<String> LABELS = List.of("neutral", "happy", "sad", "angry");
    private static ModelBundle plain;

    @BeforeAll
    static void bundle() {
        plain = ModelBundle.untrained(LABELS, FeatureConfig.defaults());
    }

    /** The hop of a file's windows: 250 ms rounded down to the network's attention frames of 40 ms. */
    private static final int FILE_HOP = 24;

    /** Random weights: any difference in the statistics shows in the probabilities. */
    private static FunctionalsClassifier randomHead(long seed) {
        int d = Functionals.size();
        SplittableRandom r = new SplittableRandom(seed);
        float[][] w = new float[LABELS.size()][d];
        for (float[] row : w) for (int j = 0; j < d; j++) row[j] = (float) r.nextGaussian();
        float[] mean = new float[d], scale = new float[d];
        Arrays.fill(scale, 5f);
        return new FunctionalsClassifier(Functionals.NAMES, mean, scale,
                List.of(new FunctionalsClassifier.Dense(w, new float[LABELS.size()])));
    }

    private static List<WindowResult> analyse(EmotionModel model, float[] audio, Voice known) throws Exception {
        List<WindowResult> out = new ArrayList<>();
        AnalysisSession s = new StreamingAnalyzer(model, AnalyzerSettings.defaults()).start(
                new ArrayAudioSource(audio, RATE, "voice"), new AnalysisListener() {
                    @Override
                    public void onWindow(WindowResult result) {
                        out.add(result);
                    }
                }, known);
        s.awaitCompletion();
        return out;
    }

    private static float[] voice() {
        return TestAudio.concat(TestAudio.silence(0.5, RATE), TestAudio.voiced(3.0, RATE, 4),
                TestAudio.silence(0.3, RATE));
    }

    @Test
    void eachWindowIsClassifiedOnTheStatisticsTrainingSees() throws Exception {
        FunctionalsClassifier head = randomHead(1);
        EmotionModel model = new EmotionModel(plain.withFunctionals(head, 1.0));
        float[] audio = voice();
        List<WindowResult> windows = analyse(model, audio, null);
        List<WindowStatistics.Window> stats = WindowStatistics.of(new ArrayAudioSource(audio, RATE, "voice"),
                model.featureConfig(), AnalyzerSettings.defaults(), FILE_HOP);
        assertEquals(stats.size(), windows.size());
        int speech = 0;
        for (int i = 0; i < windows.size(); i++) {
            assertEquals(stats.get(i).startSeconds(), windows.get(i).startSeconds(), 1e-9);
            assertEquals(stats.get(i).speech(), windows.get(i).speech());
            assertArrayEquals(head.probabilities(stats.get(i).functionals()),
                    windows.get(i).prediction().probabilities(), 1e-6f, "window " + i);
            if (stats.get(i).speech()) speech++;
        }
        assertTrue(speech >= 5, "the voice gives speech windows: " + speech);
        assertFalse(Float.isNaN(stats.get(3).functionals()[Functionals.NAMES.indexOf("f0_median_st")]),
                "the voice has a pitch");
    }

    @Test
    void aVoiceCentredClassifierLearnsTheVoiceFromTheSpeechWindowsOfTheWholeFile() throws Exception {
        float[] average = new float[Functionals.size()];
        FunctionalsClassifier head = randomHead(2).withVoice(average, 3);
        EmotionModel model = new EmotionModel(plain.withFunctionals(head, 1.0));
        assertTrue(model.adaptsToVoices());
        float[] audio = voice();
        List<WindowResult> windows = analyse(model, audio, null);
        List<WindowStatistics.Window> stats = WindowStatistics.of(new ArrayAudioSource(audio, RATE, "voice"),
                model.featureConfig(), AnalyzerSettings.defaults(), FILE_HOP);
        FunctionalsVoice heard = head.newVoice();
        for (WindowStatistics.Window w : stats) if (w.speech()) heard.add(w.functionals());
        for (int i = 0; i < windows.size(); i++) {
            WindowStatistics.Window w = stats.get(i);
            assertArrayEquals(head.probabilities(w.functionals(), heard),
                    windows.get(i).prediction().probabilities(), 1e-6f, "window " + i);
        }
    }

    @Test
    void aVoiceLearntBeforehandIsUsedForEveryWindow(@TempDir Path dir) throws Exception {
        FunctionalsClassifier head = randomHead(3).withVoice(new float[Functionals.size()], 3);
        EmotionModel model = new EmotionModel(plain.withFunctionals(head, 1.0));
        FileAnalyzer files = new FileAnalyzer(new StreamingAnalyzer(model, AnalyzerSettings.defaults()));
        Path a = TestAudio.writeWav(dir.resolve("a.wav"), voice(), RATE);
        Path b = TestAudio.writeWav(dir.resolve("b.wav"), TestAudio.voiced(2.5, RATE, 9), RATE);
        double seconds = files.learnVoice(List.of(a, b));
        assertTrue(seconds > 4, "learnt from " + seconds + " s of speech");
        FunctionalsVoice both = head.newVoice();
        for (Path p : List.of(a, b))
            for (WindowStatistics.Window w : WindowStatistics.of(new org.emoscope.audio.FileAudioSource(p, RATE),
                    model.featureConfig(), AnalyzerSettings.defaults(), FILE_HOP))
                if (w.speech()) both.add(w.functionals());
        float[] centre = head.centreOf(both);
        FileAnalysis analysis = files.analyze(a);
        List<WindowStatistics.Window> stats = WindowStatistics.of(new org.emoscope.audio.FileAudioSource(a, RATE),
                model.featureConfig(), AnalyzerSettings.defaults(), FILE_HOP);
        float[] mean = new float[LABELS.size()];
        int n = 0;
        for (WindowStatistics.Window w : stats) {
            if (!w.speech()) continue;
            float[] p = head.probabilities(w.functionals(), centre);
            for (int c = 0; c < mean.length; c++) mean[c] += p[c];
            n++;
        }
        for (int c = 0; c < mean.length; c++) mean[c] /= n;
        assertArrayEquals(mean, analysis.probabilities(), 1e-5f);
    }
}
