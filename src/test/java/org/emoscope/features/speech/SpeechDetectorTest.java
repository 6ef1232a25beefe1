package org.emoscope.features.speech;

import be.tarsos.dsp.AudioDispatcher;
import org.emoscope.audio.ArrayAudioSource;
import org.emoscope.features.FeatureConfig;
import org.emoscope.features.FeatureDispatchers;
import org.emoscope.features.MfccProcessor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The speech detector on signals whose answer is known, through the same TarsosDSP chain the analyzer uses. */
class SpeechDetectorTest {

    private static final int RATE = 16_000;
    private static final FeatureConfig FC = FeatureConfig.defaults();

    /** A voice-like source whose pitch moves (intonation), in syllables of 200 ms with 100 ms gaps. */
    static float[] voice(double seconds, double amplitude, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[(int) (seconds * RATE)];
        double f0 = 110 + 80 * r.nextDouble();
        double phase = 0;
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) RATE;
            double syllable = (t % 0.3) < 0.2 ? Math.sin(Math.PI * (t % 0.3) / 0.2) : 0;
            phase += 2 * Math.PI * f0 * (1 + 0.12 * Math.sin(2 * Math.PI * 2.3 * t)) / RATE;
            double s = 0;
            for (int h = 1; h <= 12; h++) s += Math.sin(h * phase) / h;
            x[i] = (float) (amplitude * syllable * s);
        }
        return x;
    }

    /** White noise through a one-pole low-pass: a steady fan-like background, unit-free. */
    static float[] noise(double seconds, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[(int) (seconds * RATE)];
        double y = 0;
        for (int i = 0; i < x.length; i++) {
            y = 0.9 * y + r.nextGaussian();
            x[i] = (float) y;
        }
        return x;
    }

    static float[] tone(double seconds, double hz, double amplitude) {
        float[] x = new float[(int) (seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (int h = 1; h <= 5; h++) s += Math.sin(2 * Math.PI * hz * h * i / RATE) / h;
            x[i] = (float) (amplitude * s);
        }
        return x;
    }

    static double rms(float[] x) {
        double s = 0;
        for (float v : x) s += v * v;
        return Math.sqrt(s / x.length);
    }

    /** {@code noise} scaled to {@code snrDb} below {@code speech}'s RMS while it sounds, added. */
    static float[] mix(float[] speech, float[] noise, double snrDb) {
        double active = rms(speech) / Math.sqrt(0.2 / 0.3 * 0.5); // the syllables' RMS, not the gaps'
        double scale = active / Math.pow(10, snrDb / 20) / rms(noise);
        float[] out = new float[speech.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) (speech[i] + scale * noise[i]);
        return out;
    }

    /** The detector's decision for every frame of {@code x}, primed with the first 1.5 s when asked. */
    static List<SpeechDetector.Decision> decide(float[] x, boolean prime) {
        List<float[]> mel = new ArrayList<>();
        List<Double> level = new ArrayList<>();
        List<double[]> voicing = new ArrayList<>();
        double[] next = new double[3];
        AudioDispatcher d = FeatureDispatchers.create(new ArrayAudioSource(x, RATE, "test"), FC);
        d.addAudioProcessor(new be.tarsos.dsp.AudioProcessor() {
            @Override
            public boolean process(be.tarsos.dsp.AudioEvent e) {
                double s = 0;
                for (float v : e.getFloatBuffer()) s += v * v;
                next[0] = 10 * Math.log10(Math.max(1e-12, s / e.getFloatBuffer().length));
                return true;
            }

            @Override
            public void processingFinished() {
            }
        });
        d.addAudioProcessor(new VoicingProcessor(RATE, FC.windowSamples(), (p, hz) -> {
            next[1] = p;
            next[2] = hz;
        }));
        d.addAudioProcessor(new MfccProcessor(FC, (i, t, mfcc, logMel) -> {
            mel.add(logMel);
            level.add(next[0]);
            voicing.add(new double[]{next[1], next[2]});
        }));
        d.run();
        SpeechDetector detector = SpeechDetector.defaults(FC.melFilters(), FC.hopSeconds());
        if (prime) detector.prime(mel.subList(0, Math.min(mel.size(), 150)), level.subList(0, Math.min(mel.size(), 150)));
        List<SpeechDetector.Decision> out = new ArrayList<>();
        for (int i = 0; i < mel.size(); i++)
            out.add(detector.next(level.get(i), mel.get(i), voicing.get(i)[0], voicing.get(i)[1]));
        return out;
    }

    static double speechFraction(List<SpeechDetector.Decision> ds, int from) {
        return ds.subList(from, ds.size()).stream().filter(SpeechDetector.Decision::speech).count()
                / (double) (ds.size() - from);
    }

    @Test
    void steadyNoiseOfAnyLevelIsNotSpeech() {
        for (double db : new double[]{-60, -30, -10}) {
            float[] n = noise(4, 3);
            double scale = Math.pow(10, db / 20) / rms(n);
            for (int i = 0; i < n.length; i++) n[i] *= (float) scale;
            assertTrue(speechFraction(decide(n, false), 50) < 0.03, "noise at " + db + " dBFS");
            assertTrue(speechFraction(decide(n, true), 0) < 0.03, "noise at " + db + " dBFS, primed");
        }
    }

    @Test
    void aVoiceInNoiseTenDecibelsBelowItIsSpeech() {
        float[] v = voice(4, 0.1, 1);
        List<SpeechDetector.Decision> clean = decide(v, true);
        List<SpeechDetector.Decision> noisy = decide(mix(v, noise(4, 2), 10), true);
        assertTrue(speechFraction(clean, 0) > 0.6, "clean: " + speechFraction(clean, 0));
        assertTrue(speechFraction(noisy, 0) > 0.5, "10 dB SNR: " + speechFraction(noisy, 0));
        assertTrue(noisy.stream().mapToDouble(SpeechDetector.Decision::snrDb).max().orElse(0)
                > SpeechDetector.Settings.defaults().snrDb());
    }

    @Test
    void primingLetsAFileThatStartsWithSpeechInNoiseBeSpeechFromItsFirstSyllable() {
        float[] noisy = mix(voice(1.5, 0.1, 4), noise(1.5, 5), 10);
        List<SpeechDetector.Decision> primed = decide(noisy, true);
        assertTrue(primed.subList(0, 20).stream().anyMatch(SpeechDetector.Decision::speech),
                "the first syllable, judged against the noise of the whole start");
    }

    @Test
    void aHeldToneIsNotSpeechOnceItHasHeldItsPitch() {
        float[] t = tone(2, 220, 0.1);
        List<SpeechDetector.Decision> ds = decide(t, true);
        assertTrue(ds.get(50).tonal(), "a 220 Hz note held for half a second is a tone");
        assertTrue(ds.get(50).toneFrames() >= 40, "and it has been one since it began: " + ds.get(50).toneFrames());
        assertTrue(speechFraction(ds, 15) < 0.02, "frames after the first 150 ms");
        assertTrue(ds.stream().noneMatch(d -> d.tonal() && d.speech()));
    }

    @Test
    void noiseStartingAfterDigitalSilenceIsNotTakenForSpeech() {
        float[] n = noise(3, 8);
        double scale = Math.pow(10, -35 / 20.0) / rms(n);
        float[] x = new float[4 * RATE];
        for (int i = 0; i < n.length; i++) x[RATE + i] = (float) (scale * n[i]);
        List<SpeechDetector.Decision> ds = decide(x, false);
        assertTrue(speechFraction(ds, 110) < 0.05, "a fan switched on after a muted second: "
                + speechFraction(ds, 110));
    }

    @Test
    void nothingQuieterThanTheAbsoluteFloorIsSpeech() {
        float[] v = voice(2, Math.pow(10, -85 / 20.0), 6);
        assertEquals(0, speechFraction(decide(v, true), 0));
        assertFalse(decide(new float[RATE], false).stream().anyMatch(SpeechDetector.Decision::speech),
                "digital silence");
    }

    @Test
    void voicingFindsTheVoicesPitch() {
        float[] x = tone(0.2, 150, 0.2);
        double[] got = new double[2];
        VoicingProcessor p = new VoicingProcessor(RATE, 400, (periodicity, hz) -> {
            got[0] = periodicity;
            got[1] = hz;
        });
        AudioDispatcher d = FeatureDispatchers.create(new ArrayAudioSource(x, RATE, "tone"), FC);
        d.addAudioProcessor(p);
        d.run();
        assertEquals(150, got[1], 2);
        assertTrue(got[0] > 0.9, "a harmonic tone is periodic: " + got[0]);
    }
}
