package org.emoscope.audio;

/** Test signals and measurements on them (single-frequency DFT with a Hann window). */
final class Signals {

    private Signals() {
    }

    /** {@code amplitude * sin(2 pi f t)} sampled at {@code rate}. */
    static float[] sine(double frequency, int rate, int length, double amplitude) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return x;
    }

    /** Amplitude of the sinusoid at {@code frequency} in {@code x[from..to)}, from a Hann-windowed DFT. */
    static double amplitude(float[] x, int from, int to, int rate, double frequency) {
        int n = to - from;
        double omega = 2 * Math.PI * frequency / rate;
        double stepCos = Math.cos(omega);
        double stepSin = Math.sin(omega);
        double cos = 1;
        double sin = 0;
        double re = 0;
        double im = 0;
        double windowSum = 0;
        for (int i = 0; i < n; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
            double v = x[from + i] * w;
            re += v * cos;
            im -= v * sin;
            windowSum += w;
            double nextCos = cos * stepCos - sin * stepSin;
            sin = sin * stepCos + cos * stepSin;
            cos = nextCos;
        }
        return 2 * Math.hypot(re, im) / windowSum;
    }

    /**
     * Frequency of the strongest sinusoid in {@code x[from..to)} above 20 Hz, to about 0.05 Hz: the peak of a
     * zero-padded FFT, refined with single-frequency DFTs.
     */
    static double dominantFrequency(float[] x, int from, int to, int rate) {
        int n = to - from;
        int size = Integer.highestOneBit(Math.max(1, n - 1)) << 1;
        double[] re = new double[size];
        double[] im = new double[size];
        for (int i = 0; i < n; i++) re[i] = x[from + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
        fft(re, im);
        double binWidth = (double) rate / size;
        int peak = -1;
        double peakPower = -1;
        for (int k = (int) Math.ceil(20 / binWidth); k < size / 2; k++) {
            double power = re[k] * re[k] + im[k] * im[k];
            if (power > peakPower) {
                peakPower = power;
                peak = k;
            }
        }
        double best = peak * binWidth;
        double bestAmplitude = -1;
        for (double f = (peak - 2) * binWidth; f <= (peak + 2) * binWidth; f += 0.05) {
            double a = amplitude(x, from, to, rate, f);
            if (a > bestAmplitude) {
                bestAmplitude = a;
                best = f;
            }
        }
        return best;
    }

    /** In-place radix-2 complex FFT; the length must be a power of two. */
    private static void fft(double[] re, double[] im) {
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
        for (int length = 2; length <= n; length <<= 1) {
            double angle = -2 * Math.PI / length;
            for (int start = 0; start < n; start += length) {
                for (int k = 0; k < length / 2; k++) {
                    double c = Math.cos(angle * k);
                    double s = Math.sin(angle * k);
                    int a = start + k;
                    int b = a + length / 2;
                    double tr = re[b] * c - im[b] * s;
                    double ti = re[b] * s + im[b] * c;
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }

    /** Root mean square of {@code x[from..to)}. */
    static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) sum += (double) x[i] * x[i];
        return Math.sqrt(sum / (to - from));
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }
}
