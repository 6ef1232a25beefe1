package org.emoscope.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.emoscope.features.FeatureConfig;
import org.emoscope.features.Mfcc;
import org.emoscope.features.OrthoDct;
import org.emoscope.model.Explainer;
import org.emoscope.model.Explanation;

/**
 * Explanations of analysed windows: explaining a window again from the log-mel frames the display keeps (their DCT
 * is exactly the MFCCs the model was given), and the compact form written to JSON.
 */
public final class WindowExplanations {

    /** Frames summed into one cell of the compact map: 40 ms with 10 ms frames. */
    public static final int FRAMES_PER_CELL = 4;
    /** Mel bands summed into one cell of the compact map: 16 rows from 64 bands. */
    public static final int BANDS_PER_CELL = 4;
    /** Cells of the compact map are integers from -{@value #LEVELS} to {@value #LEVELS}, relative to its scale. */
    public static final int LEVELS = 100;

    private WindowExplanations() {
    }

    /**
     * The window's raw MFCCs recomputed from a stretch of log-mel frames: frames {@code [from, from + frames)} of
     * {@code logMel} (dB, as {@link FeatureFrame#logMel()}), each through the feature config's DCT; frames beyond
     * the stretch are the silent frame the windower pads with.
     */
    public static float[][] mfcc(float[][] logMel, int from, int frames, FeatureConfig fc) {
        OrthoDct dct = OrthoDct.of(fc);
        float[] silent = Mfcc.silentFrame(fc);
        float[][] out = new float[frames][];
        double[] db = new double[fc.melFilters()];
        for (int t = 0; t < frames; t++) {
            int i = from + t;
            if (i < 0 || i >= logMel.length) {
                out[t] = silent.clone();
                continue;
            }
            for (int m = 0; m < db.length; m++) db[m] = logMel[i][m];
            out[t] = new float[fc.coefficients()];
            dct.transform(db, out[t]);
        }
        return out;
    }

    /**
     * Explains {@code window} of an analysis whose log-mel frames are {@code logMel} (frame 0 at stream time
     * {@code firstFrameSeconds}), for class {@code target} (-1: the predicted one).
     *
     * @param windowFrames frames of a window as the analyzer cut them
     */
    public static Explanation explain(Explainer explainer, float[][] logMel, double firstFrameSeconds,
                                      WindowResult window, int windowFrames, FeatureConfig fc, int target,
                                      int steps) {
        int from = (int) Math.round((window.startSeconds() - firstFrameSeconds) / fc.hopSeconds());
        float[][] mfcc = mfcc(logMel, from, windowFrames, fc);
        WindowResult.Context c = window.context();
        return explainer.explain(mfcc, c == null ? null : c.voice(), c == null ? null : c.functionals(),
                c == null ? null : c.centre(), target, steps);
    }

    /**
     * {@code analysis} with every speech window explained (predicted class, {@code steps} integration steps, the
     * compact grid of {@link #FRAMES_PER_CELL} x {@link #BANDS_PER_CELL}), from the log-mel frames of the whole file
     * (frame 0 at time 0), as {@link AnalyzerSettings#explainSteps()} would have done during the analysis: for an
     * export after the fact.
     */
    public static FileAnalysis explainAll(Explainer explainer, float[][] logMel, FileAnalysis analysis,
                                          int windowFrames, FeatureConfig fc, int steps) {
        return explainAll(explainer, logMel, analysis, windowFrames, fc, steps, done -> { });
    }

    /**
     * As {@link #explainAll(Explainer, float[][], FileAnalysis, int, FeatureConfig, int)}, telling
     * {@code progress} the fraction of the windows done (0-1) after each one: explaining costs several network
     * passes a window, so a long file takes a while.
     */
    public static FileAnalysis explainAll(Explainer explainer, float[][] logMel, FileAnalysis analysis,
                                          int windowFrames, FeatureConfig fc, int steps,
                                          java.util.function.DoubleConsumer progress) {
        List<WindowResult> out = new ArrayList<>(analysis.windows().size());
        int n = analysis.windows().size();
        for (WindowResult w : analysis.windows()) {
            if (Thread.currentThread().isInterrupted()) throw new java.util.concurrent.CancellationException();
            if (!out.isEmpty()) progress.accept((double) out.size() / n);
            if (!w.speech() || w.explanation() != null) {
                out.add(w);
                continue;
            }
            Explanation e = explain(explainer, logMel, 0, w, windowFrames, fc, -1, steps)
                    .pooled(FRAMES_PER_CELL, BANDS_PER_CELL);
            out.add(new WindowResult(w.index(), w.startSeconds(), w.endSeconds(), w.speechFraction(), w.speech(),
                    w.prediction(), w.smoothed(), w.producedNanos(), w.deliveredNanos(), w.voiceSeconds(),
                    w.context(), e));
        }
        progress.accept(1);
        return new FileAnalysis(analysis.file(), analysis.durationSeconds(), analysis.labels(), analysis.label(),
                analysis.confidence(), analysis.probabilities(), analysis.speechFraction(), analysis.segments(), out,
                analysis.warning());
    }

    /**
     * One line saying where an explanation's evidence lies: the time stretch and frequency range holding the most
     * positive attribution (a box of about 0.4 s by an octave-wide run of bands, slid over the map), its share of
     * all positive attribution, and the same for the evidence against; then, for a fused bundle, the window
     * statistic that pushed most. For example "for angry: mostly 1.20-1.60 s at 250-900 Hz (41% of the evidence
     * for); against: 0.30-0.70 s at 2.9-5.1 kHz; statistics: pitch_sd_st +0.12".
     *
     * @param windowStart stream time of the window's first frame (added to the times shown)
     */
    public static String reading(Explanation e, double windowStart) {
        StringBuilder b = new StringBuilder("for ").append(e.label()).append(": ");
        Box pro = strongest(e, 1);
        Box con = strongest(e, -1);
        if (pro == null) b.append("nothing in the spectrogram argues for it");
        else b.append("mostly ").append(pro.describe(e, windowStart)).append(String.format(java.util.Locale.ROOT,
                " (%.0f%% of the evidence for)", 100 * pro.share));
        if (con != null) b.append("; against: ").append(con.describe(e, windowStart));
        if (!e.statistics().isEmpty()) {
            Explanation.Contribution c = e.statistics().get(0);
            b.append(String.format(java.util.Locale.ROOT, "; statistics: %s %+.2f", c.name(), c.value()));
        }
        return b.toString();
    }

    /**
     * Where the evidence for or against an explanation's class lies most: the box {@link #reading} names.
     *
     * @param fromSeconds start, seconds from the window's start
     * @param toSeconds   end, seconds from the window's start
     * @param lowHz       lower edge of its lowest band
     * @param highHz      upper edge of its highest band
     * @param share       its share of all the evidence of its sign (0-1)
     */
    public record Region(double fromSeconds, double toSeconds, double lowHz, double highHz, double share) {
    }

    /**
     * The box of about 0.4 s by a quarter of the bands that holds the most evidence for ({@code sign} 1) or against
     * (-1) the explained class, as {@link #reading} names it; null when no cell has that sign.
     */
    public static Region strongestRegion(Explanation e, int sign) {
        Box b = strongest(e, sign);
        if (b == null) return null;
        return new Region(b.t0 * e.hopSeconds(), b.t1 * e.hopSeconds(), edge(e.bandCentresHz(), b.b0, true),
                edge(e.bandCentresHz(), b.b1 - 1, false), b.share);
    }

    private record Box(int t0, int t1, int b0, int b1, double share) {
        String describe(Explanation e, double start) {
            double from = start + t0 * e.hopSeconds();
            double to = start + t1 * e.hopSeconds();
            return String.format(java.util.Locale.ROOT, "%.2f-%.2f s at %s-%s", from, to,
                    hz(edge(e.bandCentresHz(), b0, true)), hz(edge(e.bandCentresHz(), b1 - 1, false)));
        }
    }

    /** The lower (or upper) edge of band {@code b}: half-way to its neighbour's centre. */
    private static double edge(double[] centres, int b, boolean lower) {
        int n = lower ? b - 1 : b + 1;
        if (n < 0) return Math.max(0, centres[b] - (centres[1] - centres[0]) / 2);
        if (n >= centres.length) return centres[b] + (centres[b] - centres[b - 1]) / 2;
        return (centres[b] + centres[n]) / 2;
    }

    private static String hz(double f) {
        return f >= 1000 ? String.format(java.util.Locale.ROOT, "%.1f kHz", f / 1000)
                : String.format(java.util.Locale.ROOT, "%.0f Hz", f);
    }

    /** The box of about 0.4 s and a quarter of the bands with the largest signed mass ({@code sign} 1 or -1). */
    private static Box strongest(Explanation e, int sign) {
        float[][] c = e.cells();
        int frames = c.length;
        int bands = e.bands();
        if (frames == 0 || bands == 0) return null;
        int w = Math.max(1, Math.min(frames, (int) Math.round(0.4 / e.hopSeconds())));
        int h = Math.max(1, Math.min(bands, bands / 4));
        double total = 0;
        for (float[] row : c) for (float v : row) if (sign * v > 0) total += sign * v;
        if (total <= 0) return null;
        // summed-area table of the signed mass
        double[][] sat = new double[frames + 1][bands + 1];
        for (int t = 0; t < frames; t++)
            for (int m = 0; m < bands; m++)
                sat[t + 1][m + 1] = Math.max(0, sign * c[t][m]) + sat[t][m + 1] + sat[t + 1][m] - sat[t][m];
        Box best = null;
        double bestMass = 0;
        for (int t = 0; t + w <= frames; t++)
            for (int m = 0; m + h <= bands; m++) {
                double mass = sat[t + w][m + h] - sat[t][m + h] - sat[t + w][m] + sat[t][m];
                if (mass > bestMass) {
                    bestMass = mass;
                    best = new Box(t, t + w, m, m + h, mass / total);
                }
            }
        return best;
    }

    /**
     * The compact JSON form of an explanation (documented in README, "analyze --explain"): the explained class,
     * the network's probability of it and on the neutral window, the map's grid (cell seconds, band centres), its
     * scale (the largest absolute cell) and the cells as integers -100..100 of that scale, one row per time cell;
     * the frame attention (3 decimals); and, for a bundle that fuses window statistics, the five statistics that
     * moved the explained class most.
     */
    public static Map<String, Object> json(Explanation e, double windowStart) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("class", e.label());
        o.put("reading", reading(e, windowStart));
        o.put("network_probability", ResultFormat.round(e.probability(), 4));
        o.put("neutral_probability", ResultFormat.round(e.baselineProbability(), 4));
        o.put("network_weight", ResultFormat.round(e.networkWeight(), 3));
        o.put("cell_s", ResultFormat.round(e.hopSeconds(), 3));
        List<Object> centres = new ArrayList<>();
        for (double c : e.bandCentresHz()) centres.add(Math.round(c));
        o.put("band_centres_hz", centres);
        double scale = e.maxAbs();
        o.put("scale", ResultFormat.round(scale, 6));
        List<List<Integer>> cells = new ArrayList<>();
        for (float[] row : e.cells()) {
            List<Integer> r = new ArrayList<>(row.length);
            for (float v : row) r.add(scale == 0 ? 0 : (int) Math.round(LEVELS * v / scale));
            cells.add(r);
        }
        o.put("cells", cells);
        o.put("attention_frame_s", ResultFormat.round(e.attentionSeconds(), 3));
        o.put("attention_sums_to_one", e.distribution());
        List<Object> att = new ArrayList<>();
        for (float a : e.frameAttention()) att.add(ResultFormat.round(a, 3));
        o.put("attention", att);
        if (!e.statistics().isEmpty()) {
            List<Map<String, Object>> stats = new ArrayList<>();
            for (Explanation.Contribution c : e.statistics().subList(0, Math.min(5, e.statistics().size()))) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", c.name());
                m.put("push", ResultFormat.round(c.value(), 4));
                stats.add(m);
            }
            o.put("statistics", stats);
        }
        return o;
    }
}
