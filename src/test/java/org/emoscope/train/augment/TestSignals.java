package org.emoscope.train.augment;

import be.tarsos.dsp.pitch.Yin;
import be.tarsos.dsp.util.fft.FFT;

import java.util.Arrays;

/** Synthetic test signals and independent measurements (TarsosDSP's Yin and FFT, not the code under test). */
final class TestSignals {

    static final int RATE = Augmentation.SAMPLE_RATE;
    /** Hop of {@link #pitchTrack}: 4 ms. */
    static final int TRACK_HOP = 64;

    private TestSignals() {
    }

    /** A tone at {@code f0} with harmonics 1..5 at amplitudes 1/h, scaled to peak {@code peak}. */
    static float[] harmonicTone(double f0, double seconds, double peak) {
        int n = (int) Math.round(seconds * RATE);
        double[] x = new double[n];
        double max = 0;
        for (int i = 0; i < n; i++) {
            for (int h = 1; h <= 5; h++) x[i] += Math.sin(2 * Math.PI * h * f0 * i / RATE + h) / h;
            max = Math.max(max, Math.abs(x[i]));
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) (x[i] / max * peak);
        return out;
    }

    /** Like {@link #harmonicTone} with f0 gliding exponentially from {@code fromHz} to {@code toHz}. */
    static float[] glide(double fromHz, double toHz, double seconds, double peak) {
        int n = (int) Math.round(seconds * RATE);
        double[] x = new double[n];
        double phase = 0;
        double max = 0;
        for (int i = 0; i < n; i++) {
            phase += 2 * Math.PI * fromHz * Math.pow(toHz / fromHz, i / (double) n) / RATE;
            for (int h = 1; h <= 5; h++) x[i] += Math.sin(h * phase + h) / h;
            max = Math.max(max, Math.abs(x[i]));
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) out[i] = (float) (x[i] / max * peak);
        return out;
    }

    /** Yin pitch (Hz, -1 if unvoiced) of the 1024-sample frames starting every {@link #TRACK_HOP} samples. */
    static double[] pitchTrack(float[] x) {
        Yin yin = new Yin(RATE, 1024);
        double[] track = new double[(x.length - 1024) / TRACK_HOP + 1];
        for (int f = 0; f < track.length; f++)
            track[f] = yin.getPitch(Arrays.copyOfRange(x, f * TRACK_HOP, f * TRACK_HOP + 1024)).getPitch();
        return track;
    }

    /** A sine of {@code amplitude} at {@code hz} from sample {@code from} (inclusive) to {@code to} (exclusive). */
    static float[] burst(int length, int from, int to, double hz, double amplitude) {
        float[] x = new float[length];
        for (int i = from; i < to; i++) x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * (i - from) / RATE));
        return x;
    }

    /** Median Yin pitch (Hz) over 2048-sample frames, hop 1024, skipping the first and last 0.1 s. */
    static double medianPitch(float[] x) {
        int size = 2048;
        Yin yin = new Yin(RATE, size);
        int margin = RATE / 10;
        int frames = (x.length - 2 * margin - size) / 1024 + 1;
        double[] pitches = new double[frames];
        for (int f = 0; f < frames; f++) {
            float[] frame = Arrays.copyOfRange(x, margin + f * 1024, margin + f * 1024 + size);
            pitches[f] = yin.getPitch(frame).getPitch();
        }
        Arrays.sort(pitches);
        return pitches[frames / 2];
    }

    /** Cents between two frequencies. */
    static double cents(double measured, double expected) {
        return 1200 * Math.log(measured / expected) / Math.log(2);
    }

    static double power(float[] x) {
        double sum = 0;
        for (float v : x) sum += (double) v * v;
        return sum / x.length;
    }

    static float[] difference(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i] - b[i];
        return d;
    }

    static double peak(float[] x) {
        double max = 0;
        for (float v : x) max = Math.max(max, Math.abs(v));
        return max;
    }

    /**
     * Power (dB) of {@code x} in octave bands [lowestHz * 2^b, lowestHz * 2^(b+1)), b = 0..bands-1, from one FFT of
     * the first power-of-two samples.
     */
    static double[] octaveBandsDb(float[] x, double lowestHz, int bands) {
        int size = Integer.highestOneBit(x.length);
        float[] buffer = Arrays.copyOf(x, size);
        FFT fft = new FFT(size);
        fft.forwardTransform(buffer);
        double[] db = new double[bands];
        for (int b = 0; b < bands; b++) {
            int from = (int) Math.ceil(lowestHz * (1 << b) * size / RATE);
            int to = (int) Math.ceil(lowestHz * (1 << (b + 1)) * size / RATE);
            double sum = 0;
            for (int k = from; k < Math.min(to, size / 2); k++) {
                double m = fft.modulus(buffer, k);
                sum += m * m;
            }
            db[b] = 10 * Math.log10(sum);
        }
        return db;
    }

    /** Least-squares slope of {@code y} against its index. */
    static double slope(double[] y) {
        int n = y.length;
        double mx = (n - 1) / 2.0;
        double my = Arrays.stream(y).average().orElseThrow();
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (i - mx) * (y[i] - my);
            den += (i - mx) * (i - mx);
        }
        return num / den;
    }
}
