package org.emoscope.train.augment;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The degradations of the robustness test sets: rooms, telephone lines and babble. */
class DegradationTest {

    private static final int RATE = Augmentation.SAMPLE_RATE;

    private static float[] tone(double hz, double seconds, double amplitude) {
        float[] x = new float[(int) (seconds * RATE)];
        for (int i = 0; i < x.length; i++) x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        return x;
    }

    private static double db(double power) {
        return 10 * Math.log10(power);
    }

    @Test
    void roomResponseDecaysBySixtyDecibelsInRt60AndHasTheRoomsDirectToReverberantRatio() {
        for (double rt : new double[]{0.3, 0.6, 0.9}) {
            Reverb reverb = new Reverb(rt);
            float[] h = reverb.impulseResponse(new SplittableRandom(1));
            // Schroeder backward integration: the energy decay curve, fitted between -5 and -25 dB (T20 x 3)
            double[] edc = new double[h.length];
            double sum = 0;
            for (int n = h.length - 1; n >= 1; n--) edc[n] = sum += (double) h[n] * h[n];
            int t5 = -1, t25 = -1;
            for (int n = 1; n < h.length; n++) {
                double level = db(edc[n] / edc[1]);
                if (t5 < 0 && level <= -5) t5 = n;
                if (t25 < 0 && level <= -25) t25 = n;
            }
            double measured = 3.0 * (t25 - t5) / RATE;
            assertEquals(rt, measured, 0.1 * rt, "RT60 " + rt);
            double drr = db(1 / edc[1]);
            assertEquals(reverb.directToReverberantDb(), drr, 0.01);
            assertTrue(drr < 0 && drr > -10, "a talker 1 m away in an office: " + drr);
        }
        assertThrows(IllegalArgumentException.class, () -> new Reverb(5));
    }

    @Test
    void reverberationKeepsLengthAndLevelAndIsDeterministic() {
        float[] x = tone(220, 1.0, 0.3);
        Reverb reverb = new Reverb(0.6);
        float[] y = reverb.apply(x, new SplittableRandom(5));
        assertEquals(x.length, y.length);
        assertEquals(db(Signals.activePower(x)), db(Signals.activePower(y)), 0.1);
        assertArrayEquals(y, reverb.apply(x, new SplittableRandom(5)));
        assertEquals("reverb-rt0.60s", reverb.key());
    }

    @Test
    void fftConvolutionMatchesTheDirectSum() {
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[300];
        float[] h = new float[70];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        for (int i = 0; i < h.length; i++) h[i] = (float) r.nextGaussian();
        float[] fast = Reverb.convolve(x, h);
        for (int n = 0; n < x.length; n++) {
            double direct = 0;
            for (int k = 0; k <= Math.min(n, h.length - 1); k++) direct += (double) h[k] * x[n - k];
            assertEquals(direct, fast[n], 1e-3, "sample " + n);
        }
    }

    @Test
    void telephoneLinePassesTheVoiceBandOnly() {
        TelephoneLine line = new TelephoneLine();
        double in = db(Signals.power(tone(1000, 1, 0.5)));
        assertEquals(in, db(Signals.power(line.apply(tone(1000, 1, 0.5), new SplittableRandom(0)))), 1.0,
                "1 kHz passes");
        assertTrue(db(Signals.power(line.apply(tone(100, 1, 0.5), new SplittableRandom(0)))) < in - 15,
                "100 Hz is cut");
        assertTrue(db(Signals.power(line.apply(tone(6000, 1, 0.5), new SplittableRandom(0)))) < in - 30,
                "6 kHz does not survive 8 kHz sampling");
        assertEquals(16000, line.apply(tone(1000, 1, 0.5), new SplittableRandom(0)).length);
    }

    @Test
    void muLawRoundTripIsWithinItsQuantisationStep() {
        for (float v = -1f; v <= 1f; v += 0.001f) {
            float back = TelephoneLine.muLawDecode(TelephoneLine.muLawEncode(v));
            // µ-law steps grow with the magnitude: about 3% of it, and 2/8159 near zero
            assertEquals(v, back, Math.max(0.0005, 0.035 * Math.abs(v)), "sample " + v);
        }
        assertEquals(0xFF, TelephoneLine.muLawEncode(0f), "G.711: zero codes as 0xFF");
    }

    @Test
    void babbleIsMixedAtTheAskedSnrFromOtherRecordings() {
        List<float[]> pool = List.of(tone(150, 0.5, 0.2), tone(190, 0.7, 0.1), tone(240, 0.9, 0.3));
        Babble babble = new Babble(pool, "tones", 2, 10);
        float[] x = tone(500, 1.0, 0.3);
        float[] y = babble.apply(x, new SplittableRandom(9));
        float[] noise = new float[x.length];
        for (int i = 0; i < x.length; i++) noise[i] = y[i] - x[i];
        assertEquals(10, db(Signals.activePower(x) / Signals.activePower(noise)), 0.2);
        assertArrayEquals(y, babble.apply(x, new SplittableRandom(9)), "deterministic for a seed");
        assertEquals("babble-2-snr10-tones", babble.key());
        assertThrows(IllegalArgumentException.class, () -> new Babble(pool, "tones", 4, 10));
    }
}
