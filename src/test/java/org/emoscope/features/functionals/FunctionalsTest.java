package org.emoscope.features.functionals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.emoscope.features.FeatureConfig;
import org.junit.jupiter.api.Test;

/** What each window statistic measures, on frames built by hand. */
class FunctionalsTest {

    private static final FeatureConfig FC = FeatureConfig.defaults();
    private final Functionals f = new Functionals(FC);

    /** {@code n} frames: a flat spectrum at -40 dB, level -20 dB, voiced at {@code hz} (or unvoiced if hz <= 0). */
    private static Frames frames(int n, double hz) {
        Frames x = new Frames(n);
        for (int t = 0; t < n; t++) {
            x.mfcc[t] = new float[FC.coefficients()];
            x.logMel[t] = new float[FC.melFilters()];
            Arrays.fill(x.logMel[t], -40f);
            x.level[t] = -20;
            x.periodicity[t] = hz > 0 ? 0.9 : 0;
            x.pitch[t] = hz > 0 ? hz : -1;
            x.speech[t] = true;
        }
        return x;
    }

    private static final class Frames {
        final float[][] mfcc, logMel;
        final double[] level, periodicity, pitch;
        final boolean[] speech;

        Frames(int n) {
            mfcc = new float[n][];
            logMel = new float[n][];
            level = new double[n];
            periodicity = new double[n];
            pitch = new double[n];
            speech = new boolean[n];
        }
    }

    private float[] compute(Frames x) {
        return f.compute(x.mfcc, x.logMel, x.level, x.periodicity, x.pitch, x.speech, x.level.length);
    }

    private static float stat(float[] v, String name) {
        return v[Functionals.NAMES.indexOf(name)];
    }

    @Test
    void oneValuePerName() {
        float[] v = compute(frames(100, 200));
        assertEquals(Functionals.size(), v.length);
        assertEquals(Functionals.NAMES.size(), Functionals.NAMES.stream().distinct().count());
    }

    @Test
    void pitchIsInSemitonesAbove55Hz() {
        assertEquals(12 * Math.log(200 / 55.0) / Math.log(2), stat(compute(frames(100, 200)), "f0_median_st"), 1e-4);
        float octave = stat(compute(frames(100, 220)), "f0_mean_st") - stat(compute(frames(100, 110)), "f0_mean_st");
        assertEquals(12, octave, 1e-4);
    }

    @Test
    void aRisingPitchHasAPositiveSlopeAndJitter() {
        Frames x = frames(100, 150);
        for (int t = 0; t < 100; t++) x.pitch[t] = 150 * Math.pow(2, t / 100.0); // one octave a second
        float[] v = compute(x);
        assertEquals(12, stat(v, "f0_slope_st_per_s"), 0.01);
        assertEquals(0.12, stat(v, "jitter_st"), 1e-3);
        assertTrue(stat(v, "f0_range_10_90_st") > 9);
    }

    @Test
    void noVoicedFrameLeavesPitchUndefinedAndVoicingZero() {
        float[] v = compute(frames(100, 0));
        assertTrue(Float.isNaN(stat(v, "f0_median_st")));
        assertTrue(Float.isNaN(stat(v, "jitter_st")));
        assertEquals(0, stat(v, "voiced_fraction"));
        assertEquals(0, stat(v, "periodicity_mean"));
    }

    @Test
    void pitchOutsideTheVoiceRangeIsNotVoiced() {
        float[] v = compute(frames(100, 1000));
        assertEquals(0, stat(v, "voiced_fraction"));
    }

    @Test
    void loudnessStatisticsIgnoreTheOverallLevel() {
        Frames a = frames(100, 200), b = frames(100, 200);
        for (int t = 0; t < 100; t++) {
            a.level[t] = -30 + 10 * Math.sin(t / 5.0);
            b.level[t] = a.level[t] - 20;
        }
        float[] va = compute(a), vb = compute(b);
        for (String s : new String[]{"level_sd", "level_range_10_90", "level_slope_db_per_s", "shimmer_db",
                "syllable_rate_per_s"})
            assertEquals(stat(va, s), stat(vb, s), 1e-4, s);
        assertTrue(stat(va, "level_sd") > 5);
        assertTrue(stat(va, "syllable_rate_per_s") > 2, "the level rises and falls about 3 times a second");
    }

    @Test
    void onlySpeechFramesAreSummarisedWhenThereAreEnough() {
        Frames x = frames(100, 200);
        for (int t = 50; t < 100; t++) {
            x.speech[t] = false;
            x.pitch[t] = 400;
        }
        float[] v = compute(x);
        assertEquals(stat(compute(frames(50, 200)), "f0_median_st"), stat(v, "f0_median_st"), 1e-4);
        assertEquals(0.5, stat(v, "speech_fraction"), 1e-6);
        for (int t = 0; t < 100; t++) x.speech[t] = t < Functionals.MIN_FRAMES - 1;
        assertTrue(stat(compute(x), "f0_range_10_90_st") > 1, "too little speech: every frame counts");
    }

    @Test
    void aBrighterSpectrumHasAHigherCentroidAndFlatterTilt() {
        Frames dark = frames(60, 200), bright = frames(60, 200);
        for (int t = 0; t < 60; t++)
            for (int m = 0; m < FC.melFilters(); m++) {
                dark.logMel[t][m] = -20 - 0.8f * m;
                bright.logMel[t][m] = -20 - 0.2f * m;
            }
        float[] d = compute(dark), b = compute(bright);
        assertTrue(stat(b, "mel_centroid_mean") > stat(d, "mel_centroid_mean"));
        assertEquals(-0.8 * FC.melFilters(), stat(d, "spectral_tilt_mean_db"), 1e-3);
        assertTrue(stat(b, "alpha_ratio_mean_db") < stat(d, "alpha_ratio_mean_db"));
        assertEquals(0, stat(d, "spectral_flux_db"), 1e-6);
    }

    @Test
    void mfccMeansAndSpreadsAreOfC1Onwards() {
        Frames x = frames(100, 200);
        for (int t = 0; t < 100; t++) {
            x.mfcc[t][0] = 1000; // c0 is not summarised
            x.mfcc[t][1] = t % 2 == 0 ? 1 : 3;
        }
        float[] v = compute(x);
        assertEquals(2, stat(v, "mfcc1_mean"), 1e-6);
        assertEquals(1, stat(v, "mfcc1_sd"), 1e-6);
        assertEquals(0, stat(v, "mfcc2_sd"), 1e-6);
        assertFalse(Functionals.NAMES.contains("mfcc0_mean"));
    }

    @Test
    void precomputedSpectralBalanceGivesTheSameStatistics() {
        Frames x = frames(80, 180);
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (float[] row : x.logMel) for (int m = 0; m < row.length; m++) row[m] = (float) (-30 - 0.5 * m + 6 * r.nextGaussian());
        double[][] balance = new double[80][];
        for (int t = 0; t < 80; t++) balance[t] = f.spectralBalance(x.logMel[t]);
        float[] direct = compute(x);
        float[] cached = f.compute(x.mfcc, x.logMel, balance, x.level, x.periodicity, x.pitch, x.speech, 80);
        org.junit.jupiter.api.Assertions.assertArrayEquals(direct, cached);
    }

    @Test
    void nothingIsInfinite() {
        Frames x = frames(3, 200);
        for (float[] row : x.logMel) Arrays.fill(row, -100f);
        for (float v : compute(x)) assertFalse(Float.isInfinite(v));
    }

    @Test
    void needsMoreThanTwelveCoefficients() {
        FeatureConfig few = new FeatureConfig(16000, 400, 160, 512, 64, 12, 20, 8000, 0, FeatureConfig.WindowType.HAMMING);
        assertThrows(IllegalArgumentException.class, () -> new Functionals(few));
    }
}
