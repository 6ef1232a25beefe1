package org.emoscope.train.augment;

import org.emoscope.audio.Resampler;

import java.util.SplittableRandom;

/**
 * A narrow-band telephone line: band-limited to 300-3,400 Hz (4th-order Butterworth high- and low-pass), sampled at
 * 8 kHz, coded as G.711 µ-law (8 bits a sample, 64 kbit/s) and decoded, then brought back to 16 kHz. Deterministic.
 */
public final class TelephoneLine implements Augmentation {

    static final int LINE_RATE = 8_000;
    static final double LOW_HZ = 300, HIGH_HZ = 3_400;

    @Override
    public float[] apply(float[] samples, SplittableRandom random) {
        Signals.requireFinite(samples);
        double[] x = new double[samples.length];
        for (int i = 0; i < x.length; i++) x[i] = samples[i];
        // two biquads each side: 4th-order Butterworth (Q of its two sections)
        for (double q : new double[]{0.5411961, 1.3065630}) {
            biquad(x, LOW_HZ, q, true);
            biquad(x, HIGH_HZ, q, false);
        }
        float[] band = new float[x.length];
        for (int i = 0; i < x.length; i++) band[i] = (float) x[i];
        float[] line = Resampler.resample(band, SAMPLE_RATE, LINE_RATE);
        for (int i = 0; i < line.length; i++) line[i] = muLawDecode(muLawEncode(line[i]));
        float[] back = Resampler.resample(line, LINE_RATE, SAMPLE_RATE);
        float[] out = new float[samples.length];
        System.arraycopy(back, 0, out, 0, Math.min(out.length, back.length));
        return Signals.clip(out);
    }

    /** RBJ cookbook high- or low-pass biquad at {@link #SAMPLE_RATE}, in place (direct form I). */
    private static void biquad(double[] x, double hz, double q, boolean highPass) {
        double w = 2 * Math.PI * hz / SAMPLE_RATE;
        double alpha = Math.sin(w) / (2 * q);
        double cos = Math.cos(w);
        double b0 = highPass ? (1 + cos) / 2 : (1 - cos) / 2;
        double b1 = highPass ? -(1 + cos) : 1 - cos;
        double a0 = 1 + alpha, a1 = -2 * cos, a2 = 1 - alpha;
        double x1 = 0, x2 = 0, y1 = 0, y2 = 0;
        for (int i = 0; i < x.length; i++) {
            double in = x[i];
            double y = (b0 * in + b1 * x1 + b0 * x2 - a1 * y1 - a2 * y2) / a0;
            x2 = x1;
            x1 = in;
            y2 = y1;
            y1 = y;
            x[i] = y;
        }
    }

    private static final int BIAS = 0x84, CLIP = 32_635;

    /** G.711 µ-law code of a sample in [-1, 1]. */
    static int muLawEncode(float sample) {
        int pcm = (int) Math.max(-32_768, Math.min(32_767, Math.round(sample * 32_768.0)));
        int sign = pcm < 0 ? 0x80 : 0;
        int magnitude = Math.min(CLIP, Math.abs(pcm)) + BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (magnitude & mask) == 0 && exponent > 0; mask >>= 1) exponent--;
        int mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return ~(sign | exponent << 4 | mantissa) & 0xFF;
    }

    /** The sample a G.711 µ-law code stands for, in [-1, 1]. */
    static float muLawDecode(int code) {
        int u = ~code & 0xFF;
        int exponent = (u >> 4) & 0x07;
        int magnitude = (((u & 0x0F) << 3) + BIAS << exponent) - BIAS;
        return ((u & 0x80) != 0 ? -magnitude : magnitude) / 32_768f;
    }

    @Override
    public String key() {
        return "telephone-300-3400hz-8khz-ulaw";
    }

    @Override
    public String toString() {
        return key();
    }
}
