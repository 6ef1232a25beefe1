package org.emoscope.train.augment;

import java.util.SplittableRandom;

/**
 * Gaussian noise with a 1/f power spectrum (-3 dB per octave) from 20 Hz to Nyquist and nothing below, made in the
 * frequency domain: independent Gaussian spectral lines scaled by 1/sqrt(f), one inverse FFT.
 */
final class PinkNoise {

    static final double LOWEST_HZ = 20;

    private PinkNoise() {
    }

    /** {@code length} samples of pink noise at {@code sampleRate}, unit-free (callers scale it). */
    static float[] generate(int length, int sampleRate, SplittableRandom random) {
        int size = Integer.highestOneBit(Math.max(2, length - 1)) << 1;
        double[] re = new double[size];
        double[] im = new double[size];
        int lowest = Math.max(1, (int) Math.ceil(LOWEST_HZ * size / sampleRate));
        for (int k = lowest; k <= size / 2; k++) {
            double gain = 1 / Math.sqrt(k);
            re[k] = random.nextGaussian() * gain;
            if (k < size / 2) {
                im[k] = random.nextGaussian() * gain;
                re[size - k] = re[k];
                im[size - k] = -im[k];
            }
        }
        inverseFft(re, im);
        float[] noise = new float[length];
        for (int i = 0; i < length; i++) noise[i] = (float) re[i];
        return noise;
    }

    /** In-place unscaled inverse DFT of a power-of-two length, iterative radix 2. */
    static void inverseFft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        double[] cos = new double[n / 2];
        double[] sin = new double[n / 2];
        for (int k = 0; k < n / 2; k++) {
            cos[k] = Math.cos(2 * Math.PI * k / n);
            sin[k] = Math.sin(2 * Math.PI * k / n);
        }
        for (int len = 2; len <= n; len <<= 1) {
            int half = len / 2;
            int stride = n / len;
            for (int start = 0; start < n; start += len) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * stride];
                    double wi = sin[k * stride];
                    int a = start + k;
                    int b = a + half;
                    double tr = re[b] * wr - im[b] * wi;
                    double ti = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
