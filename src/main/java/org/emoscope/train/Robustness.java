package org.emoscope.train;

import org.emoscope.audio.ArrayAudioSource;
import org.emoscope.audio.AudioDecoder;
import org.emoscope.model.EmotionModel;
import org.emoscope.pipeline.AnalyzerSettings;
import org.emoscope.pipeline.FileAnalysis;
import org.emoscope.pipeline.FileAnalyzer;
import org.emoscope.pipeline.StreamingAnalyzer;
import org.emoscope.pipeline.WindowResult;
import org.emoscope.train.augment.AddNoise;
import org.emoscope.train.augment.Augmentation;
import org.emoscope.train.augment.Babble;
import org.emoscope.train.augment.Gain;
import org.emoscope.train.augment.Reverb;
import org.emoscope.train.augment.TelephoneLine;
import org.emoscope.train.corpus.LabelSet;
import org.emoscope.train.corpus.Utterance;
import org.emoscope.train.eval.ConfusionMatrix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Scores a model on degraded copies of a test set, each file exactly as {@code analyze} sees it (the whole pipeline:
 * speech gate, voice adaptation from that file alone, mean over speech windows). The copies are made here from the
 * clean files, deterministically: each file's degradation draws its randomness from a seed derived from the file
 * name and the condition, so a rerun gives the same audio. They are never written anywhere a training run reads.
 */
public final class Robustness {

    /** One way of degrading the test set; {@code degradation} null is the clean set itself. */
    public record Condition(String id, String description, Degradation degradation) {
        public Condition {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(description, "description");
        }
    }

    /** Turns clean 16 kHz samples into degraded ones; {@code random} is seeded per file and condition. */
    @FunctionalInterface
    public interface Degradation {
        float[] apply(float[] samples, SplittableRandom random) throws IOException;

        static Degradation of(Augmentation a) {
            return a::apply;
        }
    }

    /**
     * How one file fared under one condition.
     *
     * @param truth         the file's class, index into the model's labels
     * @param label         the label {@code analyze} gives (a model label or {@code no_speech})
     * @param probabilities {@code analyze}'s file probabilities (mean over speech windows, over all when none)
     * @param windows       windows analysed
     * @param speechWindows windows the speech gate let through
     */
    public record FileScore(String file, int truth, String label, float[] probabilities, int windows,
                            int speechWindows) {
    }

    /** All files of one condition. */
    public record Result(Condition condition, List<String> labels, List<String> classes, List<FileScore> files) {

        /** Balanced accuracy of the labels {@code analyze} prints, over {@code classes}; "no speech" is wrong. */
        public double ua() {
            double sum = 0;
            int present = 0;
            for (String c : classes) {
                int t = labels.indexOf(c);
                long n = files.stream().filter(f -> f.truth() == t).count();
                if (n == 0) continue;
                long right = files.stream().filter(f -> f.truth() == t && f.label().equals(c)).count();
                sum += right / (double) n;
                present++;
            }
            return present == 0 ? Double.NaN : sum / present;
        }

        /** Balanced accuracy of the model alone: the most probable of {@code classes}, whatever the gate said. */
        public double modelUa() {
            return modelConfusion().unweightedAccuracy();
        }

        public ConfusionMatrix modelConfusion() {
            return modelConfusion(classes);
        }

        /** The model alone over {@code subset} of the model's labels ({@link CrossCorpusScores#confusion}). */
        public ConfusionMatrix modelConfusion(List<String> subset) {
            int[] truth = files.stream().mapToInt(FileScore::truth).toArray();
            float[][] p = files.stream().map(FileScore::probabilities).toArray(float[][]::new);
            return CrossCorpusScores.confusion(labels, truth, p, subset);
        }

        /** Fraction of files whose label is "no speech". */
        public double noSpeechFiles() {
            return files.isEmpty() ? Double.NaN
                    : files.stream().filter(f -> f.label().equals(WindowResult.NO_SPEECH)).count()
                    / (double) files.size();
        }

        /** Fraction of all windows the speech gate rejected. */
        public double noSpeechWindows() {
            long all = files.stream().mapToLong(FileScore::windows).sum();
            long speech = files.stream().mapToLong(FileScore::speechWindows).sum();
            return all == 0 ? Double.NaN : 1 - speech / (double) all;
        }
    }

    private final EmotionModel model;
    private final AnalyzerSettings settings;

    public Robustness(EmotionModel model) {
        this.model = model;
        this.settings = AnalyzerSettings.forModel(model);
    }

    /**
     * The standard conditions: clean; pink noise and 6-talker babble at 20, 10 and 5 dB SNR against active speech;
     * reverberation at RT60 0.3, 0.6 and 0.9 s; a telephone line; {@code codec} when given (a low-bit-rate lossy
     * round trip); gain -20 dB, and +12 dB with clipping.
     *
     * @param babblePool recordings of speakers outside the test set
     * @param codec      a lossy encode-decode round trip, or null to leave it out
     */
    public static List<Condition> standard(List<float[]> babblePool, String babblePoolName, Condition codec) {
        List<Condition> c = new ArrayList<>();
        c.add(new Condition("clean", "the test files as they are", null));
        for (int snr : new int[]{20, 10, 5})
            c.add(new Condition("pink-" + snr + "db", "pink noise at " + snr + " dB SNR",
                    Degradation.of(AddNoise.pink(snr))));
        for (int snr : new int[]{20, 10, 5})
            c.add(new Condition("babble-" + snr + "db", "babble of 6 other speakers at " + snr + " dB SNR",
                    Degradation.of(new Babble(babblePool, babblePoolName, 6, snr))));
        for (double rt : new double[]{0.3, 0.6, 0.9})
            c.add(new Condition("reverb-" + rt + "s", "room reverberation, RT60 " + rt + " s, talker at 1 m",
                    Degradation.of(new Reverb(rt))));
        c.add(new Condition("telephone", "telephone line: 300-3,400 Hz, 8 kHz, G.711 µ-law",
                Degradation.of(new TelephoneLine())));
        if (codec != null) c.add(codec);
        c.add(new Condition("gain-20db", "20 dB quieter", Degradation.of(Gain.of(-20))));
        c.add(new Condition("gain+12db-clip", "12 dB louder, clipped", Degradation.of(Gain.of(12))));
        return c;
    }

    /**
     * Scores {@code test} under {@code condition}: utterances whose emotion the model's label set does not cover
     * are left out; {@code classes} (model labels) are the classes scored.
     *
     * @param progress receives a line now and then, or null
     */
    public Result run(Condition condition, List<Utterance> test, LabelSet labelSet, List<String> classes,
                      Consumer<String> progress) throws IOException, InterruptedException {
        FileAnalyzer analyzer = new FileAnalyzer(new StreamingAnalyzer(model, settings));
        int rate = model.featureConfig().sampleRate();
        List<FileScore> files = new ArrayList<>();
        for (Utterance u : test) {
            var cls = labelSet.classOf(u.emotion());
            if (cls.isEmpty() || !model.labels().contains(cls.get().label())) continue;
            float[] samples = AudioDecoder.decode(u.file(), rate).samples();
            String name = u.file().getFileName().toString();
            if (condition.degradation() != null)
                samples = condition.degradation().apply(samples, new SplittableRandom(seed(name, condition.id())));
            FileAnalysis a = analyzer.analyze(new ArrayAudioSource(samples, rate, name), name, p -> { }, null);
            int speech = (int) a.windows().stream().filter(WindowResult::speech).count();
            files.add(new FileScore(name, model.labels().indexOf(cls.get().label()), a.label(), a.probabilities(),
                    a.windows().size(), speech));
            if (progress != null && files.size() % 200 == 0)
                progress.accept(condition.id() + ": " + files.size() + " files");
        }
        return new Result(condition, model.labels(), classes, files);
    }

    /** A seed from the file's name and the condition: the same degraded audio on every run. */
    static long seed(String fileName, String condition) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((fileName + "|" + condition).getBytes(StandardCharsets.UTF_8));
            long s = 0;
            for (int i = 0; i < 8; i++) s = s << 8 | (d[i] & 0xFF);
            return s;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
