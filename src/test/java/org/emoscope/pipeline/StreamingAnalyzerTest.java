package org.emoscope.pipeline;

import org.emoscope.audio.ArrayAudioSource;
import org.emoscope.audio.AudioDecodeException;
import org.emoscope.audio.AudioSource;
import org.emoscope.features.FeatureConfig;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.ModelBundle;
import org.emoscope.model.SpeakerPrior;
import org.emoscope.model.SpeakerStatistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(60)
class StreamingAnalyzerTest {

    private static final int RATE = 16000;
    private static EmotionModel model;

    @BeforeAll
    static void model() {
        model = new EmotionModel(ModelBundle.untrained(List.of("neutral", "happy", "sad", "angry"),
                FeatureConfig.defaults()));
    }

    /** Collects everything a session reports. */
    static class Recorder implements AnalysisListener {
        final List<WindowResult> windows = new CopyOnWriteArrayList<>();
        final List<Exception> errors = new CopyOnWriteArrayList<>();
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger frames = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        volatile AnalysisStats stats;

        @Override
        public void onFrame(FeatureFrame frame) {
            frames.incrementAndGet();
        }

        @Override
        public void onWindow(WindowResult result) {
            windows.add(result);
            threads.add(Thread.currentThread().getName());
        }

        @Override
        public void onError(Exception error) {
            errors.add(error);
        }

        @Override
        public void onFinished(AnalysisStats s) {
            stats = s;
            finished.incrementAndGet();
        }
    }

    private static Recorder run(AudioSource source) throws InterruptedException {
        Recorder r = new Recorder();
        AnalysisSession s = new StreamingAnalyzer(model, AnalyzerSettings.defaults()).start(source, r);
        assertTrue(s.awaitCompletion(30, TimeUnit.SECONDS));
        return r;
    }

    @Test
    void threeSecondsOfVoiceGiveSixSpeechWindowsOffTheCallersThread() throws Exception {
        Recorder r = run(new ArrayAudioSource(TestAudio.voiced(3.0, RATE, 1), RATE, "voice"));
        assertEquals(298, r.frames.get());
        // a file: one every 240 ms (whole attention frames) while a window fits, then one aligned to the end
        assertEquals(6, r.windows.size());
        for (int i = 0; i < 6; i++) {
            WindowResult w = r.windows.get(i);
            assertEquals(i, w.index());
            assertEquals(i < 5 ? i * 0.24 : 1.0, w.startSeconds(), 1e-9);
            assertTrue(w.speech(), "window " + i + " is speech");
            float sum = 0;
            for (float p : w.smoothed()) sum += p;
            assertEquals(1.0, sum, 1e-4);
            assertTrue(w.prediction().frameAttention().length >= 49);
        }
        String me = Thread.currentThread().getName();
        for (String t : r.threads) assertNotEquals(me, t);
        assertEquals(1, r.finished.get());
        assertFalse(r.stats.stopped());
        assertEquals(0, r.stats.droppedWindows());
        assertTrue(r.errors.isEmpty());
    }

    private static double maxDifference(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
        return d;
    }

    /** An untrained speaker-normalised model whose prior is far from the test voice, so adaptation shows. */
    static EmotionModel speakerNormalized() {
        ModelBundle plain = ModelBundle.untrained(List.of("neutral", "happy", "sad", "angry"), FeatureConfig.defaults());
        float[] mean = new float[40];
        float[] std = new float[40];
        for (int c = 0; c < 40; c++) {
            mean[c] = c == 0 ? -400 : 3;
            std[c] = 5;
        }
        SpeakerPrior prior = new SpeakerPrior(mean, std, SpeakerPrior.gateFor(FeatureConfig.defaults()), 100);
        return new EmotionModel(new ModelBundle(plain.network(), plain.spec(), plain.labels(),
                plain.featureConfig(), plain.normalization().withSpeaker(prior), Map.of(), true));
    }

    @Test
    void filesOfOneSpeakerAreAnalysedWithTheVoiceLearntFromAllOfThem(@TempDir Path dir) throws Exception {
        Path short1 = TestAudio.writeWav(dir.resolve("a.wav"), TestAudio.voiced(2.5, RATE, 3), RATE);
        Path short2 = TestAudio.writeWav(dir.resolve("b.wav"), TestAudio.voiced(2.5, RATE, 4), RATE);
        Path broken = Files.writeString(dir.resolve("broken.wav"), "not audio");
        StreamingAnalyzer analyzer = new StreamingAnalyzer(speakerNormalized(), AnalyzerSettings.defaults());
        FileAnalysis alone = new FileAnalyzer(analyzer).analyze(short1);
        double own = alone.windows().get(0).voiceSeconds();
        assertTrue(own > 2.1 && own <= 2.5, "alone: the voice of the whole file, " + own);

        FileAnalyzer oneSpeaker = new FileAnalyzer(analyzer);
        double learnt = oneSpeaker.learnVoice(List.of(short1, broken, short2));
        assertTrue(learnt > 4 && learnt <= 5, "both files' voice, the broken one skipped: " + learnt);
        FileAnalysis first = oneSpeaker.analyze(short1);
        for (WindowResult w : first.windows())
            assertEquals(learnt, w.voiceSeconds(), 1e-9, "the learnt voice, unchanged by what the session hears");
        FileAnalysis again = oneSpeaker.analyze(short1);
        assertArrayEquals(first.windows().get(0).prediction().probabilities(),
                again.windows().get(0).prediction().probabilities(), 1e-5f, "order does not matter");
        assertTrue(maxDifference(alone.windows().get(0).prediction().probabilities(),
                first.windows().get(0).prediction().probabilities()) > 1e-3, "the learnt voice changes the result");
        assertThrows(AudioDecodeException.class, () -> oneSpeaker.analyze(broken));

        StreamingAnalyzer plain = new StreamingAnalyzer(model, AnalyzerSettings.defaults());
        assertEquals(0, new FileAnalyzer(plain).learnVoice(List.of(short1)), "a plain model keeps no voice");
        assertTrue(Double.isNaN(new FileAnalyzer(plain).analyze(short1).windows().get(0).voiceSeconds()));
    }

    @Test
    void aFileIsHeardInTheVoiceOfTheWholeFileOnATrunkItsWindowsShare(@TempDir Path dir) throws Exception {
        EmotionModel adaptive = speakerNormalized();
        SpeakerPrior prior = adaptive.speakerPrior();
        List<FeatureFrame> heardFrames = new CopyOnWriteArrayList<>();
        Path wav = TestAudio.writeWav(dir.resolve("v.wav"), TestAudio.voiced(6.1, RATE, 2), RATE);
        StreamingAnalyzer analyzer = new StreamingAnalyzer(adaptive, AnalyzerSettings.defaults());
        FileAnalysis a = new FileAnalyzer(analyzer).analyze(wav, p -> { }, new AnalysisListener() {
            @Override
            public void onFrame(FeatureFrame frame) {
                heardFrames.add(frame);
            }
        });
        assertEquals(24, analyzer.hopFrames(false), "250 ms rounded down to whole attention frames of 4");
        assertEquals(25, analyzer.hopFrames(true));
        SpeakerStatistics whole = prior.newStatistics();
        for (FeatureFrame f : heardFrames) if (f.speech()) whole.add(f.mfcc());
        SpeakerStatistics.Estimate voice = whole.estimate(prior);
        int length = analyzer.windowFrames();
        List<WindowResult> windows = a.windows();
        assertEquals(19, windows.size(), "every 240 ms from 0 to 4.08 s, and the tail");
        int onTrunk = 0;
        for (WindowResult w : windows) {
            assertEquals(voice.frames() * 0.01, w.voiceSeconds(), 1e-9, "the whole file's voice in every window");
            int start = (int) Math.round(w.startSeconds() / 0.01);
            float[][] window = heardFrames.subList(start, start + length).stream().map(FeatureFrame::mfcc)
                    .toArray(float[][]::new);
            float[] alone = adaptive.predictBatch(List.<float[][]>of(window), voice)[0].probabilities();
            boolean tail = w == windows.get(windows.size() - 1);
            assertEquals(tail ? heardFrames.size() - length : 24 * w.index(), start);
            double tv = 0;
            for (int k = 0; k < alone.length; k++) tv += Math.abs(alone[k] - w.prediction().probabilities()[k]) / 2;
            if (tail) {
                // off the attention-frame grid: the whole network on the window alone
                assertArrayEquals(alone, w.prediction().probabilities(), 1e-5f, "the tail window");
            } else {
                // on the shared trunk a window's edges see the audio beside it instead of zero padding (this
                // untrained network is more sensitive to that than the trained one: SharedTrunkDataTest)
                assertTrue(tv < 0.15, "window " + w.index() + " differs by " + tv);
                if (tv > 1e-4) onTrunk++;
            }
        }
        assertTrue(onTrunk >= windows.size() / 2, "the windows ran on the shared trunk: " + onTrunk);
    }

    @Test
    void aSpeakerNormalisedModelSeesEachWindowWithTheVoiceSpokenUpToIt() throws Exception {
        EmotionModel adaptive = speakerNormalized();
        SpeakerPrior prior = adaptive.speakerPrior();
        List<FeatureFrame> heardFrames = new CopyOnWriteArrayList<>();
        Recorder r = new Recorder() {
            @Override
            public void onFrame(FeatureFrame frame) {
                heardFrames.add(frame);
                super.onFrame(frame);
            }
        };
        StreamingAnalyzer analyzer = new StreamingAnalyzer(adaptive, AnalyzerSettings.defaults());
        int length = analyzer.windowFrames();
        // live: each window as it is cut (a file waits for its end: aFileIsHeardInTheVoiceOfTheWholeFile)
        AnalysisSession s = analyzer.start(new ArrayAudioSource(TestAudio.voiced(3.0, RATE, 1), RATE, "voice",
                true), r);
        assertTrue(s.awaitCompletion(30, TimeUnit.SECONDS));
        assertEquals(5, r.windows.size());
        SpeakerStatistics heard = prior.newStatistics();
        int added = 0;
        for (WindowResult w : r.windows) {
            int start = (int) w.index() * analyzer.hopFrames(true);
            // the voice is learnt from the frames the speech detector calls speech
            for (; added < start + length; added++)
                if (heardFrames.get(added).speech()) heard.add(heardFrames.get(added).mfcc());
            float[][] window = heardFrames.subList(start, start + length).stream().map(FeatureFrame::mfcc)
                    .toArray(float[][]::new);
            float[] expected = adaptive.predictBatch(List.<float[][]>of(window), heard.estimate(prior))[0].probabilities();
            assertArrayEquals(expected, w.prediction().probabilities(), 1e-5f, "window " + w.index());
            float[] withPrior = adaptive.predict(window).probabilities();
            assertTrue(maxDifference(withPrior, w.prediction().probabilities()) > 1e-3,
                    "the voice heard, not the prior alone");
        }
    }

    @Test
    void silenceIsNoSpeech() throws Exception {
        Recorder r = run(new ArrayAudioSource(TestAudio.silence(3.0, RATE), RATE, "silence"));
        assertFalse(r.windows.isEmpty());
        for (WindowResult w : r.windows) {
            assertFalse(w.speech());
            assertEquals(WindowResult.NO_SPEECH, w.label());
            assertNull(w.smoothed());
        }
    }

    /** RAVDESS-like levels: speech at about -50 dBFS RMS between stretches of digital silence. */
    @Test
    void quietSpeechAboveTheNoiseFloorIsSpeech() throws Exception {
        float[] voice = TestAudio.voiced(2.5, RATE, 7);
        for (int i = 0; i < voice.length; i++) voice[i] *= 0.03f;
        float[] x = TestAudio.concat(TestAudio.silence(1.0, RATE), voice, TestAudio.silence(1.0, RATE));
        Recorder r = run(new ArrayAudioSource(x, RATE, "quiet"));
        long speech = r.windows.stream().filter(WindowResult::speech).count();
        assertTrue(speech >= r.windows.size() - 2, speech + " of " + r.windows.size() + " windows are speech");
    }

    @Test
    void steadyNoiseIsNotSpeech() throws Exception {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        float[] x = new float[4 * RATE];
        for (int i = 0; i < x.length; i++) x[i] = (float) (0.05 * (rnd.nextDouble() - 0.5));
        Recorder r = run(new ArrayAudioSource(x, RATE, "hum"));
        assertTrue(r.windows.stream().noneMatch(WindowResult::speech), "steady noise sits at the noise floor");
    }

    @Test
    void shortStreamGivesOnePaddedWindow() throws Exception {
        Recorder r = run(new ArrayAudioSource(TestAudio.voiced(1.0, RATE, 2), RATE, "short"));
        assertEquals(1, r.windows.size());
        assertEquals(0.0, r.windows.get(0).startSeconds());
        assertEquals(1.0, r.windows.get(0).endSeconds(), 0.011);
    }

    @Test
    void liveSessionStopsWhenAsked() throws Exception {
        Recorder r = new Recorder();
        AudioSource live = new ArrayAudioSource(TestAudio.voiced(30, RATE, 3), RATE, "live", true);
        AnalysisSession s = new StreamingAnalyzer(model, AnalyzerSettings.defaults()).start(live, r);
        Thread.sleep(2600);
        s.stop();
        assertTrue(s.awaitCompletion(10, TimeUnit.SECONDS));
        assertTrue(r.stats.stopped());
        assertEquals(1, r.finished.get());
        assertTrue(r.windows.size() >= 1 && r.windows.size() <= 4, "windows " + r.windows.size());
        assertTrue(r.errors.isEmpty());
    }

    @Test
    void aFailingSourceIsReportedOnce() throws Exception {
        float[] voice = TestAudio.voiced(2.5, RATE, 4);
        AudioSource failing = new AudioSource() {
            int pos;

            @Override
            public int sampleRate() {
                return RATE;
            }

            @Override
            public int read(float[] buffer, int offset, int length) throws IOException {
                if (pos >= voice.length) throw new IOException("microphone unplugged");
                int n = Math.min(length, voice.length - pos);
                System.arraycopy(voice, pos, buffer, offset, n);
                pos += n;
                return n;
            }

            @Override
            public String description() {
                return "failing mic";
            }

            @Override
            public boolean isLive() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        Recorder r = run(failing);
        assertEquals(1, r.errors.size());
        assertTrue(r.errors.get(0).getMessage().contains("microphone unplugged"), r.errors.get(0).getMessage());
        assertEquals(1, r.finished.get());
        assertTrue(r.stats.failed());
    }

    @Test
    void fileAnalysisCoversTheFile(@TempDir Path dir) throws Exception {
        float[] x = TestAudio.concat(TestAudio.voiced(2.0, RATE, 5), TestAudio.silence(3.0, RATE),
                TestAudio.voiced(2.0, RATE, 6));
        Path wav = TestAudio.writeWav(dir.resolve("mixed.wav"), x, RATE);
        List<Double> progress = new CopyOnWriteArrayList<>();
        FileAnalysis a = new FileAnalyzer(new StreamingAnalyzer(model, AnalyzerSettings.defaults()))
                .analyze(wav, progress::add, null);
        assertEquals(7.0, a.durationSeconds(), 1e-3);
        assertEquals(0.0, a.segments().get(0).startSeconds());
        assertEquals(7.0, a.segments().get(a.segments().size() - 1).endSeconds(), 1e-3);
        assertTrue(a.segments().stream().anyMatch(s -> s.label().equals(WindowResult.NO_SPEECH)),
                "the 3 s pause in the middle is no speech: " + a.segments());
        assertTrue(a.speechFraction() > 0.3 && a.speechFraction() < 0.9, "speech fraction " + a.speechFraction());
        assertNotEquals(WindowResult.NO_SPEECH, a.label());
        assertEquals(1.0, progress.get(progress.size() - 1));
    }

    @Test
    void theAnalyzerCutsTheWindowTheModelWasTrainedOn(@TempDir Path dir) throws Exception {
        ModelBundle plain = model.bundle();
        EmotionModel threeSeconds = new EmotionModel(new ModelBundle(plain.network(), plain.spec(), plain.labels(),
                plain.featureConfig(), plain.normalization(), 3.0, Map.of(), true));
        AnalyzerSettings settings = AnalyzerSettings.forModel(threeSeconds);
        assertEquals(3.0, settings.windowSeconds());
        assertEquals(AnalyzerSettings.defaults().hopSeconds(), settings.hopSeconds());
        assertEquals(2.0, AnalyzerSettings.forModel(model).windowSeconds(), "an older bundle: 2 s");
        Path wav = TestAudio.writeWav(dir.resolve("long.wav"), TestAudio.voiced(5.0, RATE, 9), RATE);
        FileAnalysis a = new FileAnalyzer(new StreamingAnalyzer(threeSeconds, settings)).analyze(wav);
        for (WindowResult w : a.windows()) assertEquals(3.0, w.endSeconds() - w.startSeconds(), 0.011, "window " + w);
        assertEquals(10, a.windows().size(), "(5 s - 3 s) / 0.24 s + 1 windows, and one aligned to the end");
    }

    @Test
    void unreadableFileNamesItself(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("notes.wav"), "these are not audio samples");
        FileAnalyzer fa = new FileAnalyzer(new StreamingAnalyzer(model, AnalyzerSettings.defaults()));
        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> fa.analyze(bad));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains("notes.wav"), e.getMessage());
    }

    /** A decoder failure mid-file reaches the caller as the decoder's own message, not TarsosDSP's wrapper. */
    @Test
    void truncatedCompressedFileKeepsTheDecodersMessage(@TempDir Path dir) throws Exception {
        Path flac = Path.of(getClass().getResource("/org/emoscope/audio/tone440_44100_stereo.flac").toURI());
        byte[] bytes = Files.readAllBytes(flac);
        Path cut = Files.write(dir.resolve("cut.flac"), java.util.Arrays.copyOf(bytes, 300));
        FileAnalyzer fa = new FileAnalyzer(new StreamingAnalyzer(model, AnalyzerSettings.defaults()));
        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> fa.analyze(cut));
        assertTrue(e.getMessage().startsWith("cut.flac: "), e.getMessage());
        assertFalse(e.getMessage().contains("Error while reading"), e.getMessage());
    }

    @Test
    void tooShortFileIsAClearError(@TempDir Path dir) throws Exception {
        Path tiny = TestAudio.writeWav(dir.resolve("tiny.wav"), new float[100], RATE);
        FileAnalyzer fa = new FileAnalyzer(new StreamingAnalyzer(model, AnalyzerSettings.defaults()));
        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> fa.analyze(tiny));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
    }
}
