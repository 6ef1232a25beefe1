package org.emoscope.train;

import org.emoscope.audio.ArrayAudioSource;
import org.emoscope.audio.AudioDecoder;
import org.emoscope.features.FeatureConfig;
import org.emoscope.model.EmotionModel;
import org.emoscope.pipeline.AnalysisListener;
import org.emoscope.pipeline.AnalyzerSettings;
import org.emoscope.pipeline.FeatureFrame;
import org.emoscope.pipeline.FileAnalysis;
import org.emoscope.pipeline.FileAnalyzer;
import org.emoscope.pipeline.StreamingAnalyzer;
import org.emoscope.pipeline.WindowResult;
import org.emoscope.train.augment.Babble;
import org.emoscope.train.augment.NoiseSignals;
import org.emoscope.train.augment.Reverb;
import org.emoscope.train.corpus.Utterance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Measures the speech detector the way a user meets it: the whole file-mode pipeline over corpus speech mixed with
 * generated backgrounds, and over the backgrounds alone. Frame labels come from the clean speech: a frame is speech
 * when its clean level is within {@value #LABEL_RANGE_DB} dB of the file's loudest frame and above
 * {@value #LABEL_FLOOR_DB} dBFS; a window is speech when at least the analyzer's minimum fraction of its frames are.
 */
public final class SpeechDetection {

    static final double LABEL_RANGE_DB = 30, LABEL_FLOOR_DB = -55;
    /** Level of a background played alone, dBFS RMS: a loud fan or a busy room picked up by a laptop. */
    static final double NOISE_ALONE_DB = -30;

    /** A background: its name and a generator of {@code length} samples. */
    public record Background(String name, BiFunction<Integer, SplittableRandom, float[]> generator) {
    }

    /**
     * One condition's counts.
     *
     * @param speechFrames      labelled speech frames / of them detected
     * @param otherFrames       frames labelled not speech / of them called speech
     * @param speechWindows     labelled speech windows / of them called speech
     * @param otherWindows      windows labelled not speech (all of them for a background alone) / called speech
     */
    public record Counts(String condition, long speechFrames, long speechFramesDetected, long otherFrames,
                         long otherFramesCalled, long speechWindows, long speechWindowsDetected, long otherWindows,
                         long otherWindowsCalled) {

        Counts plus(Counts o) {
            return new Counts(condition, speechFrames + o.speechFrames, speechFramesDetected + o.speechFramesDetected,
                    otherFrames + o.otherFrames, otherFramesCalled + o.otherFramesCalled,
                    speechWindows + o.speechWindows, speechWindowsDetected + o.speechWindowsDetected,
                    otherWindows + o.otherWindows, otherWindowsCalled + o.otherWindowsCalled);
        }

        public static String rate(long part, long whole) {
            return whole == 0 ? "-" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
        }
    }

    private final FileAnalyzer analyzer;
    private final FeatureConfig fc;
    private final double minFraction;

    public SpeechDetection(EmotionModel model) {
        AnalyzerSettings settings = AnalyzerSettings.forModel(model);
        this.analyzer = new FileAnalyzer(new StreamingAnalyzer(model, settings));
        this.fc = model.featureConfig();
        this.minFraction = settings.minSpeechFraction();
    }

    /** The backgrounds: pink, brown, babble (from {@code babble}), mains hum and music-like tones. */
    public static List<Background> backgrounds(Babble babble) {
        return List.of(new Background("pink", NoiseSignals::pink), new Background("brown", NoiseSignals::brown),
                new Background("babble", babble::talkers),
                new Background("hum", NoiseSignals::hum), new Background("tones", NoiseSignals::tones));
    }

    /** Each frame's clean level label, on the analyzer's frame grid. */
    boolean[] labels(float[] clean) {
        int frames = Math.max(0, (clean.length - fc.windowSamples()) / fc.hopSamples() + 1);
        double[] level = new double[frames];
        double loudest = -120;
        for (int f = 0; f < frames; f++) {
            float[] buffer = new float[fc.windowSamples()];
            System.arraycopy(clean, f * fc.hopSamples(), buffer, 0, fc.windowSamples());
            level[f] = StreamingAnalyzer.levelDb(buffer);
            loudest = Math.max(loudest, level[f]);
        }
        boolean[] speech = new boolean[frames];
        for (int f = 0; f < frames; f++)
            speech[f] = level[f] >= Math.max(loudest - LABEL_RANGE_DB, LABEL_FLOOR_DB);
        return speech;
    }

    /** Runs the pipeline over {@code mixed} and counts against {@code labels} (null: nothing is speech). */
    Counts count(String condition, float[] mixed, boolean[] labels, String name)
            throws IOException, InterruptedException {
        List<FeatureFrame> frames = new ArrayList<>();
        AnalysisListener collect = new AnalysisListener() {
            @Override
            public void onFrame(FeatureFrame frame) {
                frames.add(frame);
            }

            @Override
            public void onWindow(WindowResult result) {
            }
        };
        FileAnalysis a = analyzer.analyze(new ArrayAudioSource(mixed, fc.sampleRate(), name), name, p -> { },
                collect);
        long sf = 0, sfd = 0, of = 0, ofc = 0, sw = 0, swd = 0, ow = 0, owc = 0;
        for (FeatureFrame f : frames) {
            boolean label = labels != null && f.index() < labels.length && labels[(int) f.index()];
            if (label) {
                sf++;
                if (f.speech()) sfd++;
            } else {
                of++;
                if (f.speech()) ofc++;
            }
        }
        for (WindowResult w : a.windows()) {
            int from = (int) Math.round(w.startSeconds() / fc.hopSeconds());
            int to = (int) Math.round(w.endSeconds() / fc.hopSeconds());
            int speech = 0, all = Math.max(1, to - from);
            for (int i = from; i < to; i++) if (labels != null && i < labels.length && labels[i]) speech++;
            if (speech >= minFraction * all && speech > 0) {
                sw++;
                if (w.speech()) swd++;
            } else {
                ow++;
                if (w.speech()) owc++;
            }
        }
        return new Counts(condition, sf, sfd, of, ofc, sw, swd, ow, owc);
    }

    /** {@code noise} scaled so that {@code speech}'s active power is {@code snrDb} above it, added to it. */
    static float[] mix(float[] speech, float[] noise, double snrDb) {
        double scale = Math.sqrt(NoiseSignals.activePower(speech) / Math.pow(10, snrDb / 10)
                / Math.max(1e-20, NoiseSignals.power(noise)));
        float[] out = new float[speech.length];
        for (int i = 0; i < out.length; i++)
            out[i] = (float) Math.max(-1, Math.min(1, speech[i] + scale * noise[i]));
        return out;
    }

    /** {@code noise} at {@link #NOISE_ALONE_DB} dBFS RMS. */
    static float[] alone(float[] noise) {
        double scale = Math.pow(10, NOISE_ALONE_DB / 20) / Math.sqrt(Math.max(1e-20, NoiseSignals.power(noise)));
        float[] out = new float[noise.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) (scale * noise[i]);
        return out;
    }

    /** The stretch of {@code seconds} centred on the labelled speech (a short file that is nearly all speech). */
    float[] shortCut(float[] clean, boolean[] labels, double seconds) {
        int first = -1, last = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i]) {
                if (first < 0) first = i;
                last = i;
            }
        }
        int length = (int) Math.round(seconds * fc.sampleRate());
        if (first < 0 || clean.length <= length) return clean.clone();
        int centre = (first + last) / 2 * fc.hopSamples() + fc.windowSamples() / 2;
        int start = Math.max(0, Math.min(clean.length - length, centre - length / 2));
        float[] out = new float[length];
        System.arraycopy(clean, start, out, 0, length);
        return out;
    }

    /**
     * Every condition over {@code files}: clean; each background at 20, 10, 5 and 0 dB SNR; reverberation RT60 0.6
     * and 0.9 s; 1.5 s cuts centred on the speech, clean and in pink noise at 10 dB; and each background alone.
     *
     * @param progress receives a line per condition, or null
     */
    public List<Counts> run(List<Utterance> files, List<Background> backgrounds,
                            java.util.function.Consumer<Counts> progress) throws IOException, InterruptedException {
        List<float[]> clean = new ArrayList<>();
        List<boolean[]> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Utterance u : files) {
            float[] x = AudioDecoder.decode(u.file(), fc.sampleRate()).samples();
            clean.add(x);
            labels.add(labels(x));
            names.add(u.file().getFileName().toString());
        }
        List<Counts> out = new ArrayList<>();
        out.add(each("clean", clean, labels, names, (x, i) -> x, progress));
        for (Background b : backgrounds)
            for (int snr : new int[]{20, 10, 5, 0})
                out.add(each(b.name() + " " + snr + " dB", clean, labels, names, (x, i) -> mix(x,
                        b.generator().apply(x.length, random(names.get(i), b.name() + snr)), snr), progress));
        for (double rt : new double[]{0.6, 0.9}) {
            Reverb reverb = new Reverb(rt);
            out.add(each("reverberation RT60 " + rt + " s", clean, labels, names,
                    (x, i) -> reverb.apply(x, random(names.get(i), "reverb" + rt)), progress));
        }
        List<float[]> cut = new ArrayList<>();
        List<boolean[]> cutLabels = new ArrayList<>();
        for (int i = 0; i < clean.size(); i++) {
            float[] c = shortCut(clean.get(i), labels.get(i), 1.5);
            cut.add(c);
            cutLabels.add(labels(c));
        }
        out.add(each("1.5 s files, clean", cut, cutLabels, names, (x, i) -> x, progress));
        Background pink = backgrounds.get(0);
        out.add(each("1.5 s files, pink 10 dB", cut, cutLabels, names, (x, i) -> mix(x,
                pink.generator().apply(x.length, random(names.get(i), "short-pink10")), 10), progress));
        for (Background b : backgrounds)
            out.add(each(b.name() + " alone", clean, null, names,
                    (x, i) -> alone(b.generator().apply(x.length, random(names.get(i), b.name() + "-alone"))),
                    progress));
        return out;
    }

    private interface Make {
        float[] apply(float[] clean, int index) throws IOException;
    }

    private Counts each(String condition, List<float[]> clean, List<boolean[]> labels, List<String> names, Make make,
                        java.util.function.Consumer<Counts> progress) throws IOException, InterruptedException {
        Counts total = new Counts(condition, 0, 0, 0, 0, 0, 0, 0, 0);
        for (int i = 0; i < clean.size(); i++)
            total = total.plus(count(condition, make.apply(clean.get(i), i), labels == null ? null : labels.get(i),
                    names.get(i)));
        if (progress != null) progress.accept(total);
        return total;
    }

    private static SplittableRandom random(String file, String condition) {
        return new SplittableRandom(Robustness.seed(file, condition));
    }
}
