package org.emoscope.train.augment;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A talker in a reverberant room: the signal convolved with a synthetic room impulse response. The response is a
 * direct-path impulse followed, from 2.5 ms on, by a diffuse tail of Gaussian noise whose amplitude falls by 60 dB in
 * {@code rt60} seconds (Polack's statistical model). The tail's energy against the direct path's (the
 * direct-to-reverberant ratio) is that of a talker 1 m from the microphone in a 60 m³ room: the critical distance
 * 0.057 sqrt(V / RT60) gives about -2, -5 and -7 dB for RT60 0.3, 0.6 and 0.9 s. The result keeps the input's length
 * and active level. Convolution by FFT.
 */
public final class Reverb implements Augmentation {

    /** Room volume (m³) and talker distance (m) behind the direct-to-reverberant ratio. */
    static final double ROOM_M3 = 60, DISTANCE_M = 1;
    /** Where the diffuse tail starts after the direct path, in seconds. */
    static final double TAIL_START_S = 0.0025;

    private final double rt60;

    /** @throws IllegalArgumentException unless 0.05 &lt;= rt60 &lt;= 3 s */
    public Reverb(double rt60) {
        if (!(rt60 >= 0.05 && rt60 <= 3)) throw new IllegalArgumentException("RT60 must be in 0.05..3 s: " + rt60);
        this.rt60 = rt60;
    }

    /** Direct-to-reverberant energy ratio in dB for this room. */
    double directToReverberantDb() {
        double critical = 0.057 * Math.sqrt(ROOM_M3 / rt60);
        return 20 * Math.log10(critical / DISTANCE_M);
    }

    /** The room impulse response at {@link #SAMPLE_RATE}: 1 at t = 0, then the tail. */
    float[] impulseResponse(SplittableRandom random) {
        int length = (int) Math.ceil(rt60 * SAMPLE_RATE);
        int start = (int) Math.round(TAIL_START_S * SAMPLE_RATE);
        float[] h = new float[length];
        double decay = 3 * Math.log(10) / (rt60 * SAMPLE_RATE); // amplitude e^(-decay n): -60 dB at rt60
        double tailEnergy = 0;
        for (int n = start; n < length; n++) {
            h[n] = (float) (random.nextGaussian() * Math.exp(-decay * (n - start)));
            tailEnergy += (double) h[n] * h[n];
        }
        double scale = Math.sqrt(Math.pow(10, -directToReverberantDb() / 10) / tailEnergy);
        for (int n = start; n < length; n++) h[n] *= (float) scale;
        h[0] = 1;
        return h;
    }

    @Override
    public float[] apply(float[] samples, SplittableRandom random) {
        Signals.requireFinite(samples);
        double before = Signals.activePower(samples);
        if (before == 0) return samples.clone();
        float[] wet = convolve(samples, impulseResponse(random));
        double after = Signals.activePower(wet);
        float gain = (float) Math.sqrt(before / after);
        for (int i = 0; i < wet.length; i++) wet[i] *= gain;
        return Signals.clip(wet);
    }

    /** The first {@code x.length} samples of x * h, by FFT. */
    static float[] convolve(float[] x, float[] h) {
        int size = Integer.highestOneBit(Math.max(2, x.length + h.length - 2)) << 1;
        double[] xr = new double[size];
        double[] xi = new double[size];
        double[] hr = new double[size];
        double[] hi = new double[size];
        for (int i = 0; i < x.length; i++) xr[i] = x[i];
        for (int i = 0; i < h.length; i++) hr[i] = h[i];
        forwardFft(xr, xi);
        forwardFft(hr, hi);
        for (int k = 0; k < size; k++) {
            double re = xr[k] * hr[k] - xi[k] * hi[k];
            double im = xr[k] * hi[k] + xi[k] * hr[k];
            xr[k] = re;
            xi[k] = im;
        }
        PinkNoise.inverseFft(xr, xi);
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) (xr[i] / size);
        return out;
    }

    /** In-place unscaled forward DFT: the conjugate of the inverse transform of the conjugate. */
    private static void forwardFft(double[] re, double[] im) {
        for (int i = 0; i < im.length; i++) im[i] = -im[i];
        PinkNoise.inverseFft(re, im);
        for (int i = 0; i < im.length; i++) im[i] = -im[i];
    }

    /** E.g. {@code reverb-rt0.60s}. */
    @Override
    public String key() {
        return String.format(Locale.ROOT, "reverb-rt%.2fs", rt60);
    }

    @Override
    public String toString() {
        return key();
    }
}
