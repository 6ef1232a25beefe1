package org.emoscope.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.emoscope.features.FeatureConfig;
import org.emoscope.features.OrthoDct;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.EmotionNetwork;
import org.emoscope.model.Explainer;
import org.emoscope.model.Explanation;
import org.emoscope.model.ModelBundle;
import org.emoscope.model.Prediction;
import org.emoscope.pipeline.AnalysisListener;
import org.emoscope.pipeline.AnalyzerSettings;
import org.emoscope.pipeline.FeatureFrame;
import org.emoscope.pipeline.FileAnalysis;
import org.emoscope.pipeline.FileAnalyzer;
import org.emoscope.pipeline.WindowExplanations;
import org.emoscope.pipeline.WindowResult;

/**
 * Whether a model's explanations are faithful, measured on real files analysed as {@code analyze} does:
 * <ul>
 *   <li><b>cell deletion</b>: in each file's most speech-filled window, the 10% log-mel cells with the largest
 *       attribution to the network's predicted class are set to the neutral window's value (the voice's mean frame)
 *       and the network's probability of that class is measured again; the same for 10% cells drawn at random
 *       (mean of {@value #RANDOM_DRAWS} draws). A faithful map lowers it clearly more;</li>
 *   <li><b>frame deletion</b>: the same with the 10% attention frames of largest frame attention against random
 *       ones;</li>
 *   <li><b>randomised weights</b>: the same windows explained by a network of the same shape with freshly
 *       initialised weights; the rank correlation of the two maps says whether the map follows what the model
 *       learnt (low) or only the input's structure, as an edge detector would (high);</li>
 *   <li><b>attention on non-speech</b>: with quiet room noise before and after the file, over every window, the
 *       share of frame attention on frames the speech detector calls non-speech, against the share of such
 *       frames.</li>
 * </ul>
 * Everything concerns the network (the part of a fused bundle that sees the spectrogram).
 */
public final class ExplanationCheck {

    /** Fraction of cells or frames deleted. */
    public static final double FRACTION = 0.10;
    /** Random deletions averaged per file. */
    public static final int RANDOM_DRAWS = 3;

    /** One file's figures. */
    public record FileCheck(String file, String label, double probability, double topCellDrop,
                            double randomCellDrop, double topFrameDrop, double randomFrameDrop, double rankCorrelation,
                            double completenessGap, double change, double nonSpeechAttention, double nonSpeechFrames,
                            double explainMillis) {
    }

    private final EmotionModel model;
    private final Explainer explainer;
    private final Explainer randomised;
    private final FileAnalyzer analyzer;
    private final int steps;
    private final OrthoDct dct;
    private final FeatureConfig fc;
    private final int windowFrames;

    /** @param seed seed of the randomised network's initialisation and of the random deletions */
    public ExplanationCheck(EmotionModel model, int steps, long seed) {
        this.model = model;
        this.steps = steps;
        ModelBundle b = model.bundle();
        this.explainer = new Explainer(b);
        this.randomised = new Explainer(new ModelBundle(EmotionNetwork.build(b.spec().withSeed(seed)), b.spec(),
                b.labels(), b.featureConfig(), b.normalization(), b.windowSeconds(), java.util.Map.of(), true));
        this.analyzer = FileAnalyzer.forModel(model);
        this.fc = b.featureConfig();
        this.dct = OrthoDct.of(fc);
        this.windowFrames = fc.framesFor(AnalyzerSettings.forModel(model).windowSeconds());
    }

    /** Checks one file; null when it has no speech window. */
    public FileCheck check(Path file, long seed) throws IOException, InterruptedException {
        List<FeatureFrame> frames = Collections.synchronizedList(new ArrayList<>());
        FileAnalysis a = analyzer.analyze(file, p -> { }, new AnalysisListener() {
            @Override
            public void onFrame(FeatureFrame frame) {
                frames.add(frame);
            }
        });
        float[][] logMel = new float[frames.size()][];
        boolean[] speech = new boolean[frames.size()];
        for (int i = 0; i < logMel.length; i++) {
            logMel[i] = frames.get(i).logMel();
            speech[i] = frames.get(i).speech();
        }
        WindowResult best = null;
        for (WindowResult w : a.windows())
            if (w.speech() && (best == null || w.speechFraction() > best.speechFraction())) best = w;
        if (best == null) return null;

        long t0 = System.nanoTime();
        int from = (int) Math.round(best.startSeconds() / fc.hopSeconds());
        float[][] mfcc = WindowExplanations.mfcc(logMel, from, windowFrames, fc);
        WindowResult.Context c = best.context();
        var voice = c == null ? null : c.voice();
        Prediction p = model.predictBatch(Collections.singletonList(mfcc), voice)[0];
        int target = p.bestIndex();
        Explanation e = explainer.explain(mfcc, voice, null, null, target, steps);
        double millis = (System.nanoTime() - t0) / 1e6;
        Explanation r = randomised.explain(mfcc, voice, null, null, target, steps);

        // the window as the model sees it in log-mel terms: the DCT transpose of its MFCCs, and the neutral frame's
        double[][] seen = new double[mfcc.length][];
        for (int t = 0; t < mfcc.length; t++) seen[t] = dct.toLogMel(toDouble(mfcc[t]));
        double[] neutral = dct.toLogMel(toDouble(model.bundle().normalization().neutralFrame(voice)));
        int bands = dct.inputs();
        int cells = mfcc.length * bands;
        int k = (int) Math.max(1, Math.round(FRACTION * cells));
        Integer[] order = new Integer[cells];
        for (int i = 0; i < cells; i++) order[i] = i;
        float[][] map = e.cells();
        Arrays.sort(order, (x, y) -> Float.compare(map[y / bands][y % bands], map[x / bands][x % bands]));
        boolean[] top = new boolean[cells];
        for (int i = 0; i < k; i++) top[order[i]] = true;
        double base = p.probabilities()[target];
        double topDrop = base - probability(seen, neutral, top, bands, voice, target);
        SplittableRandom rnd = new SplittableRandom(seed);
        double randomDrop = 0;
        for (int d = 0; d < RANDOM_DRAWS; d++) {
            boolean[] pick = new boolean[cells];
            int chosen = 0;
            while (chosen < k) {
                int i = rnd.nextInt(cells);
                if (!pick[i]) {
                    pick[i] = true;
                    chosen++;
                }
            }
            randomDrop += (base - probability(seen, neutral, pick, bands, voice, target)) / RANDOM_DRAWS;
        }

        // frames: the attention frames of largest attention, each covering `factor` input frames
        int factor = model.minFrames();
        float[] att = p.frameAttention();
        int attFrames = Math.min(att.length, (mfcc.length + factor - 1) / factor);
        int kf = (int) Math.max(1, Math.round(FRACTION * attFrames));
        Integer[] fo = new Integer[attFrames];
        for (int i = 0; i < attFrames; i++) fo[i] = i;
        Arrays.sort(fo, (x, y) -> Float.compare(att[y], att[x]));
        boolean[] topFrames = new boolean[attFrames];
        for (int i = 0; i < kf; i++) topFrames[fo[i]] = true;
        double topFrameDrop = base - frameDeleted(mfcc, topFrames, factor, voice, target);
        double randomFrameDrop = 0;
        for (int d = 0; d < RANDOM_DRAWS; d++) {
            boolean[] pick = new boolean[attFrames];
            int chosen = 0;
            while (chosen < kf) {
                int i = rnd.nextInt(attFrames);
                if (!pick[i]) {
                    pick[i] = true;
                    chosen++;
                }
            }
            randomFrameDrop += (base - frameDeleted(mfcc, pick, factor, voice, target)) / RANDOM_DRAWS;
        }
        double[] nonSpeech = nonSpeechAttention(file, seed);
        return new FileCheck(file.toString(), p.labels().get(target), base, topDrop, randomDrop, topFrameDrop,
                randomFrameDrop, spearman(flat(e.cells()), flat(r.cells())), e.completenessGap(),
                e.probability() - e.baselineProbability(), nonSpeech[0], nonSpeech[1], millis);
    }

    /** Seconds of quiet pink noise (a room with nobody talking) put before and after the file. */
    public static final double PAUSE_SECONDS = 0.75;
    /** Level of that noise, dB below full scale (RMS). */
    public static final double PAUSE_DBFS = -50;

    /**
     * The file with {@link #PAUSE_SECONDS} of quiet pink noise before and after it, analysed as {@code analyze}
     * does: over every window, the share of frame attention on frames the speech detector calls non-speech, and the
     * share of such frames ({@code [attention, frames]}). Corpus files are trimmed to the utterance, so the pauses
     * are what gives the measure non-speech to find.
     */
    private double[] nonSpeechAttention(Path file, long seed) throws IOException, InterruptedException {
        float[] audio = org.emoscope.audio.AudioDecoder.decode(file, fc.sampleRate()).samples();
        int pad = (int) Math.round(PAUSE_SECONDS * fc.sampleRate());
        float[] noise = org.emoscope.train.augment.NoiseSignals.pink(2 * pad, new SplittableRandom(seed));
        double rms = 0;
        for (float v : noise) rms += v * v;
        rms = Math.sqrt(rms / noise.length);
        double gain = Math.pow(10, PAUSE_DBFS / 20) / Math.max(rms, 1e-12);
        float[] padded = new float[audio.length + 2 * pad];
        for (int i = 0; i < pad; i++) {
            padded[i] = (float) (gain * noise[i]);
            padded[pad + audio.length + i] = (float) (gain * noise[pad + i]);
        }
        System.arraycopy(audio, 0, padded, pad, audio.length);
        List<FeatureFrame> frames = Collections.synchronizedList(new ArrayList<>());
        FileAnalysis a = analyzer.analyze(new org.emoscope.audio.ArrayAudioSource(padded, fc.sampleRate(),
                file.toString()), file.toString(), p -> { }, new AnalysisListener() {
                    @Override
                    public void onFrame(FeatureFrame frame) {
                        frames.add(frame);
                    }
                });
        boolean[] speech = new boolean[frames.size()];
        for (int i = 0; i < speech.length; i++) speech[i] = frames.get(i).speech();
        double nonSpeechMass = 0, mass = 0, nonSpeechFrames = 0, allFrames = 0;
        int factor = model.minFrames();
        for (WindowResult w : a.windows()) {
            int from = (int) Math.round(w.startSeconds() / fc.hopSeconds());
            float[] att = w.prediction().frameAttention();
            for (int j = 0; j < att.length; j++) {
                int speechCount = 0, count = 0;
                for (int t = from + j * factor; t < from + (j + 1) * factor && t < speech.length; t++) {
                    count++;
                    if (speech[t]) speechCount++;
                }
                if (count == 0) continue;
                mass += att[j];
                allFrames++;
                if (speechCount * 2 < count) {
                    nonSpeechMass += att[j];
                    nonSpeechFrames++;
                }
            }
        }
        return new double[] {mass == 0 ? Double.NaN : nonSpeechMass / mass,
                allFrames == 0 ? Double.NaN : nonSpeechFrames / allFrames};
    }

    /** The network's probability of {@code target} with the cells in {@code deleted} set to the neutral frame. */
    private double probability(double[][] seen, double[] neutral, boolean[] deleted, int bands,
                               org.emoscope.model.SpeakerStatistics.Estimate voice, int target) {
        float[][] mfcc = new float[seen.length][];
        double[] row = new double[bands];
        for (int t = 0; t < seen.length; t++) {
            for (int m = 0; m < bands; m++) row[m] = deleted[t * bands + m] ? neutral[m] : seen[t][m];
            mfcc[t] = new float[dct.outputs()];
            dct.transform(row, mfcc[t]);
        }
        return model.predictBatch(Collections.singletonList(mfcc), voice)[0].probabilities()[target];
    }

    /** The network's probability of {@code target} with the attention frames in {@code deleted} set to neutral. */
    private double frameDeleted(float[][] mfcc, boolean[] deleted, int factor,
                                org.emoscope.model.SpeakerStatistics.Estimate voice, int target) {
        float[] neutral = model.bundle().normalization().neutralFrame(voice);
        float[][] copy = new float[mfcc.length][];
        for (int t = 0; t < mfcc.length; t++) copy[t] = t / factor < deleted.length && deleted[t / factor]
                ? neutral.clone() : mfcc[t];
        return model.predictBatch(Collections.singletonList(copy), voice)[0].probabilities()[target];
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }

    private static double[] flat(float[][] m) {
        int n = 0;
        for (float[] r : m) n += r.length;
        double[] out = new double[n];
        int i = 0;
        for (float[] r : m) for (float v : r) out[i++] = v;
        return out;
    }

    /** Spearman's rank correlation (average ranks for ties). */
    static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double ma = 0, mb = 0;
        for (int i = 0; i < ra.length; i++) {
            ma += ra[i];
            mb += rb[i];
        }
        ma /= ra.length;
        mb /= rb.length;
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < ra.length; i++) {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
    }

    private static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) idx[i] = i;
        Arrays.sort(idx, (x, y) -> Double.compare(v[x], v[y]));
        double[] r = new double[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) j++;
            double rank = (i + j) / 2.0;
            for (int k = i; k <= j; k++) r[idx[k]] = rank;
            i = j + 1;
        }
        return r;
    }

    /** Runs {@link #check} over {@code files}, reporting progress; files without speech are skipped. */
    public List<FileCheck> run(List<Path> files, long seed, Consumer<String> progress)
            throws InterruptedException {
        List<FileCheck> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            try {
                FileCheck c = check(files.get(i), seed + i);
                if (c != null) out.add(c);
            } catch (IOException e) {
                progress.accept("skipped " + files.get(i) + ": " + e.getMessage());
            }
            if ((i + 1) % 25 == 0) progress.accept((i + 1) + "/" + files.size() + " files");
        }
        return out;
    }
}
