package org.emoscope.features.functionals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.emoscope.features.FeatureConfig;
import org.emoscope.features.MelFilterBank;

/**
 * Statistics of one analysis window, in the spirit of eGeMAPS: what a window's pitch, loudness, voice quality,
 * spectral balance and tempo do, summarised into a fixed vector ({@link #NAMES}) for a small classifier. They are
 * computed from what the feature chain already measures per frame (MFCCs, log-mel energies, RMS level, and the
 * TarsosDSP YIN pitch and periodicity of {@link org.emoscope.features.speech.VoicingProcessor}), over the frames the
 * speech detector calls speech (all frames when fewer than {@link #MIN_FRAMES} are).
 *
 * <p>Values a window cannot give (no voiced frame: no pitch) are {@code NaN}; a classifier replaces them with its
 * training mean. Nothing here depends on the absolute level of the signal except the MFCC c1.. means' small
 * dependence on the noise floor: the loudness statistics are spreads, ranges and slopes in dB.
 *
 * <p>Pitch is in semitones above 55 Hz; a frame is voiced when YIN's periodicity is at least
 * {@link #VOICED_PERIODICITY} and its pitch within 70-500 Hz.
 */
public final class Functionals {

    /** Bumped whenever a statistic's definition changes (cached statistics are computed afresh). */
    public static final int VERSION = 1;
    /** Frames a window needs to be summarised over its speech frames only. */
    public static final int MIN_FRAMES = 10;
    /** YIN periodicity from which a frame counts as voiced. */
    public static final double VOICED_PERIODICITY = 0.6;
    /** MFCCs summarised: c1 to this (c0 is the level, measured directly). */
    static final int CEPSTRA = 12;
    private static final double MIN_HZ = 70, MAX_HZ = 500;
    /** Largest frame-to-frame pitch step counted as jitter, semitones (larger ones are octave errors or new notes). */
    private static final double MAX_STEP_ST = 6;

    /** Names of the statistics, in output order. */
    public static final List<String> NAMES = names();

    private final double hopSeconds;
    private final int coefficients;
    private final int bands;
    private final double[] centre;
    private final boolean[] low, mid, below2k, from2kTo5k;

    /** For frames computed with {@code config}. */
    public Functionals(FeatureConfig config) {
        if (config.coefficients() <= CEPSTRA)
            throw new IllegalArgumentException("need more than " + CEPSTRA + " MFCCs, got " + config.coefficients());
        hopSeconds = config.hopSeconds();
        coefficients = config.coefficients();
        bands = config.melFilters();
        MelFilterBank bank = new MelFilterBank(config);
        centre = new double[bands];
        low = new boolean[bands];
        mid = new boolean[bands];
        below2k = new boolean[bands];
        from2kTo5k = new boolean[bands];
        for (int m = 0; m < bands; m++) {
            double hz = bank.centreFrequency(m);
            centre[m] = m / (double) Math.max(1, bands - 1);
            low[m] = hz >= 50 && hz < 1000;
            mid[m] = hz >= 1000 && hz < 5000;
            below2k[m] = hz < 2000;
            from2kTo5k[m] = hz >= 2000 && hz < 5000;
        }
    }

    /** Number of statistics, {@code NAMES.size()}. */
    public static int size() {
        return NAMES.size();
    }

    /**
     * The statistics of frames {@code [0, n)}.
     *
     * @param mfcc        MFCC frames ({@code coefficients} each)
     * @param logMel      log-mel energies in dB ({@code melFilters} each)
     * @param levelDb     RMS level of each frame, dBFS
     * @param periodicity YIN periodicity of each frame (0 when no period was found)
     * @param pitchHz     YIN pitch of each frame, or a value &lt;= 0 for none
     * @param speech      the speech detector's verdict on each frame
     * @return {@link #size()} values, NaN where the window cannot give one
     */
    public float[] compute(float[][] mfcc, float[][] logMel, double[] levelDb, double[] periodicity,
                           double[] pitchHz, boolean[] speech, int n) {
        return compute(mfcc, logMel, null, levelDb, periodicity, pitchHz, speech, n);
    }

    /**
     * As {@link #compute(float[][], float[][], double[], double[], double[], boolean[], int)}, with each frame's
     * {@link #spectralBalance} already computed ({@code balance} null, or null entries, to compute them here): a
     * stream computes it once per frame instead of once per window the frame is in.
     */
    public float[] compute(float[][] mfcc, float[][] logMel, double[][] balance, double[] levelDb,
                           double[] periodicity, double[] pitchHz, boolean[] speech, int n) {
        int[] sel = select(speech, n);
        float[] out = new float[size()];
        Arrays.fill(out, Float.NaN);
        int k = 0;
        if (sel.length == 0) return out;
        // MFCC c1..c12: means, spreads, spreads of their deltas
        for (int c = 1; c <= CEPSTRA; c++) {
            double[] v = new double[sel.length];
            double[] d = new double[sel.length];
            for (int i = 0; i < sel.length; i++) {
                int t = sel[i];
                v[i] = mfcc[t][c];
                int a = Math.max(0, t - 1), b = Math.min(n - 1, t + 1);
                d[i] = b > a ? (mfcc[b][c] - mfcc[a][c]) / (double) (b - a) : 0;
            }
            out[k] = (float) mean(v);
            out[k + CEPSTRA] = (float) sd(v);
            out[k + 2 * CEPSTRA] = (float) sd(d);
            k++;
        }
        k += 2 * CEPSTRA;
        // loudness
        double[] level = new double[sel.length];
        double[] time = new double[sel.length];
        for (int i = 0; i < sel.length; i++) {
            level[i] = levelDb[sel[i]];
            time[i] = sel[i] * hopSeconds;
        }
        out[k++] = (float) sd(level);
        out[k++] = (float) (percentile(level, 0.9) - percentile(level, 0.1));
        out[k++] = sel.length > 1 ? (float) slope(time, level) : Float.NaN;
        boolean[] voiced = new boolean[n];
        int voicedCount = 0;
        double periodicitySum = 0;
        for (int t : sel) {
            periodicitySum += periodicity[t];
            voiced[t] = periodicity[t] >= VOICED_PERIODICITY && pitchHz[t] >= MIN_HZ && pitchHz[t] <= MAX_HZ;
            if (voiced[t]) voicedCount++;
        }
        double shimmer = meanStep(levelDb, voiced, n, Double.MAX_VALUE, false);
        out[k++] = (float) shimmer;
        out[k++] = (float) (countSpeech(speech, n) / (double) n);
        out[k++] = (float) syllableRate(levelDb, sel, n);
        // pitch
        double[] st = new double[voicedCount];
        double[] stTime = new double[voicedCount];
        double[] semis = new double[n];
        for (int t = 0, j = 0; t < n; t++) {
            if (!voiced[t]) continue;
            semis[t] = 12 * Math.log(pitchHz[t] / 55.0) / Math.log(2);
            st[j] = semis[t];
            stTime[j++] = t * hopSeconds;
        }
        if (voicedCount >= 3) {
            out[k] = (float) percentile(st, 0.5);
            out[k + 1] = (float) mean(st);
            out[k + 2] = (float) sd(st);
            out[k + 3] = (float) (percentile(st, 0.9) - percentile(st, 0.1));
            out[k + 4] = (float) slope(stTime, st);
            out[k + 5] = (float) meanStep(semis, voiced, n, MAX_STEP_ST, true);
        }
        k += 6;
        out[k++] = (float) (voicedCount / (double) sel.length);
        out[k++] = (float) (periodicitySum / sel.length);
        // spectral balance, from the log-mel energies
        double[] centroid = new double[sel.length], tilt = new double[sel.length], alpha = new double[sel.length];
        double hammarberg = 0, flux = 0;
        int fluxCount = 0;
        for (int i = 0; i < sel.length; i++) {
            int t = sel[i];
            double[] b = balance != null && balance[t] != null ? balance[t] : spectralBalance(logMel[t]);
            centroid[i] = b[0];
            tilt[i] = b[1];
            alpha[i] = b[2];
            hammarberg += b[3];
            if (t > 0) {
                double f = 0;
                for (int m = 0; m < bands; m++) f += Math.abs(logMel[t][m] - logMel[t - 1][m]);
                flux += f / bands;
                fluxCount++;
            }
        }
        out[k++] = (float) mean(centroid);
        out[k++] = (float) sd(centroid);
        out[k++] = (float) mean(tilt);
        out[k++] = (float) sd(tilt);
        out[k++] = (float) mean(alpha);
        out[k++] = (float) sd(alpha);
        out[k++] = (float) (hammarberg / sel.length);
        out[k++] = fluxCount > 0 ? (float) (flux / fluxCount) : Float.NaN;
        if (k != out.length) throw new IllegalStateException("functionals: wrote " + k + " of " + out.length);
        for (int i = 0; i < out.length; i++) if (Float.isInfinite(out[i])) out[i] = Float.NaN;
        return out;
    }

    /**
     * One frame's spectral balance from its log-mel energies (dB): the power-weighted centroid (0 = lowest band, 1 =
     * highest), the tilt (least-squares slope across the whole band range, dB), the alpha ratio (power 50-1000 Hz
     * over 1-5 kHz, dB) and the Hammarberg difference (strongest band below 2 kHz minus strongest in 2-5 kHz, dB).
     */
    public double[] spectralBalance(float[] logMel) {
        double sum = 0, weighted = 0, lowSum = 0, midSum = 0, max2k = -Double.MAX_VALUE, max5k = -Double.MAX_VALUE;
        double sumE = 0, sumME = 0;
        for (int m = 0; m < bands; m++) {
            double e = logMel[m];
            double p = Math.pow(10, e / 10.0);
            sum += p;
            weighted += p * centre[m];
            if (low[m]) lowSum += p;
            if (mid[m]) midSum += p;
            if (below2k[m]) max2k = Math.max(max2k, e);
            if (from2kTo5k[m]) max5k = Math.max(max5k, e);
            sumE += e;
            sumME += m * e;
        }
        double meanM = (bands - 1) / 2.0, sxx = 0;
        for (int m = 0; m < bands; m++) sxx += (m - meanM) * (m - meanM);
        double tilt = sxx > 0 ? (sumME - meanM * sumE) / sxx * bands : 0; // dB across the whole band range
        return new double[]{sum > 0 ? weighted / sum : 0, tilt,
                10 * Math.log10(Math.max(lowSum, 1e-12) / Math.max(midSum, 1e-12)), max2k - max5k};
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (int c = 1; c <= CEPSTRA; c++) n.add("mfcc" + c + "_mean");
        for (int c = 1; c <= CEPSTRA; c++) n.add("mfcc" + c + "_sd");
        for (int c = 1; c <= CEPSTRA; c++) n.add("mfcc" + c + "_delta_sd");
        n.addAll(List.of("level_sd", "level_range_10_90", "level_slope_db_per_s", "shimmer_db", "speech_fraction",
                "syllable_rate_per_s", "f0_median_st", "f0_mean_st", "f0_sd_st", "f0_range_10_90_st",
                "f0_slope_st_per_s", "jitter_st", "voiced_fraction", "periodicity_mean", "mel_centroid_mean",
                "mel_centroid_sd", "spectral_tilt_mean_db", "spectral_tilt_sd_db", "alpha_ratio_mean_db",
                "alpha_ratio_sd_db", "hammarberg_db", "spectral_flux_db"));
        return Collections.unmodifiableList(n);
    }

    private static int[] select(boolean[] speech, int n) {
        int count = countSpeech(speech, n);
        boolean all = count < MIN_FRAMES;
        int[] sel = new int[all ? n : count];
        for (int t = 0, j = 0; t < n; t++) if (all || speech[t]) sel[j++] = t;
        return sel;
    }

    private static int countSpeech(boolean[] speech, int n) {
        int c = 0;
        for (int t = 0; t < n; t++) if (speech[t]) c++;
        return c;
    }

    /**
     * Peaks of the (3-frame smoothed) level among the selected frames that stand above the median and are the
     * highest within 50 ms either side, per second of selected frames: a rough syllable rate.
     */
    private double syllableRate(double[] levelDb, int[] sel, int n) {
        if (sel.length < 3) return Double.NaN;
        double[] smooth = new double[n];
        for (int t = 0; t < n; t++) {
            int a = Math.max(0, t - 1), b = Math.min(n - 1, t + 1);
            double s = 0;
            for (int u = a; u <= b; u++) s += levelDb[u];
            smooth[t] = s / (b - a + 1);
        }
        double[] selected = new double[sel.length];
        for (int i = 0; i < sel.length; i++) selected[i] = smooth[sel[i]];
        double median = percentile(selected, 0.5);
        int radius = Math.max(1, (int) Math.round(0.05 / hopSeconds));
        int peaks = 0;
        for (int t : sel) {
            if (smooth[t] <= median) continue;
            boolean top = true;
            for (int u = Math.max(0, t - radius); u <= Math.min(n - 1, t + radius) && top; u++)
                if (smooth[u] > smooth[t] || smooth[u] == smooth[t] && u < t) top = false;
            if (top) peaks++;
        }
        return peaks / (sel.length * hopSeconds);
    }

    /** Mean absolute step between consecutive flagged frames, steps above {@code cap} left out (NaN if none). */
    private static double meanStep(double[] v, boolean[] flag, int n, double cap, boolean adjacentOnly) {
        double sum = 0;
        int count = 0;
        int previous = -1;
        for (int t = 0; t < n; t++) {
            if (!flag[t]) continue;
            if (previous >= 0 && (!adjacentOnly || t == previous + 1)) {
                double step = Math.abs(v[t] - v[previous]);
                if (step <= cap) {
                    sum += step;
                    count++;
                }
            }
            previous = t;
        }
        return count > 0 ? sum / count : Double.NaN;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return v.length == 0 ? Double.NaN : s / v.length;
    }

    static double sd(double[] v) {
        if (v.length < 2) return v.length == 1 ? 0 : Double.NaN;
        double m = mean(v), s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / v.length);
    }

    static double percentile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    /** Least-squares slope of y on x. */
    static double slope(double[] x, double[] y) {
        double mx = mean(x), my = mean(y), sxy = 0, sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxx > 0 ? sxy / sxx : 0;
    }
}
