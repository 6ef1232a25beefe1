package org.emoscope.features;

/**
 * Everything that decides how audio becomes features. One instance is saved inside every model bundle and
 * checked on load, so a model is never fed features it was not trained on. The exact feature definition these
 * parameters plug into (framing, pre-emphasis, window, power spectrum, mel filters, dB, DCT) is spelled out in
 * {@link Mfcc}.
 *
 * @param sampleRate       sample rate of the (already resampled, mono) audio, Hz
 * @param windowSamples    analysis window length in samples (400 = 25 ms at 16 kHz)
 * @param hopSamples       hop between frames in samples (160 = 10 ms at 16 kHz)
 * @param fftSize          FFT length (power of two, >= windowSamples); the window is zero-padded to it
 * @param melFilters       number of triangular mel filters (HTK mel scale, area-unnormalised, peak 1)
 * @param coefficients     number of cepstral coefficients kept (c0 included) from the orthonormal DCT-II
 * @param minFrequency     lower edge of the lowest mel filter, Hz
 * @param maxFrequency     upper edge of the highest mel filter, Hz ({@code <= sampleRate / 2})
 * @param preEmphasis      pre-emphasis coefficient a in y[n] = x[n] - a x[n-1], applied within each frame with
 *                         y[0] = x[0] (no look-back into the previous frame); 0 disables
 * @param window           analysis window shape (periodic form)
 */
public record FeatureConfig(
        int sampleRate,
        int windowSamples,
        int hopSamples,
        int fftSize,
        int melFilters,
        int coefficients,
        double minFrequency,
        double maxFrequency,
        double preEmphasis,
        WindowType window) {

    /**
     * Analysis window shapes, in periodic form for spectral analysis (n = 0..N-1, N = windowSamples): Hamming
     * {@code 0.54 - 0.46 cos(2 pi n / N)}, Hann {@code 0.5 - 0.5 cos(2 pi n / N)}.
     */
    public enum WindowType { HAMMING, HANN }

    /**
     * Floor on mel energies before the dB conversion, {@code 10 log10(max(energy, LOG_FLOOR))}: digital silence gives
     * -100 dB instead of -infinity.
     */
    public static final double LOG_FLOOR = 1e-10;

    /** 16 kHz, 25 ms Hamming window, 10 ms hop, 512-point FFT, 64 mel filters 20-8000 Hz, 40 MFCCs, no pre-emphasis. */
    public static FeatureConfig defaults() {
        return new FeatureConfig(16000, 400, 160, 512, 64, 40, 20.0, 8000.0, 0.0, WindowType.HAMMING);
    }

    public FeatureConfig {
        if (sampleRate <= 0) throw new IllegalArgumentException("sampleRate must be positive: " + sampleRate);
        if (windowSamples <= 0) throw new IllegalArgumentException("windowSamples must be positive: " + windowSamples);
        if (hopSamples <= 0 || hopSamples > windowSamples)
            throw new IllegalArgumentException("hopSamples must be in 1.." + windowSamples + ": " + hopSamples);
        if (Integer.bitCount(fftSize) != 1 || fftSize < windowSamples)
            throw new IllegalArgumentException("fftSize must be a power of two >= windowSamples: " + fftSize);
        if (melFilters < 1) throw new IllegalArgumentException("melFilters must be >= 1: " + melFilters);
        if (coefficients < 1 || coefficients > melFilters)
            throw new IllegalArgumentException("coefficients must be in 1.." + melFilters + ": " + coefficients);
        if (!(minFrequency >= 0 && minFrequency < maxFrequency && maxFrequency <= sampleRate / 2.0))
            throw new IllegalArgumentException("need 0 <= minFrequency < maxFrequency <= sampleRate/2, got "
                    + minFrequency + ".." + maxFrequency);
        if (!(preEmphasis >= 0 && preEmphasis < 1))
            throw new IllegalArgumentException("preEmphasis must be in [0, 1): " + preEmphasis);
        if (window == null) throw new IllegalArgumentException("window must be given");
    }

    /** Seconds between consecutive frames. */
    public double hopSeconds() {
        return hopSamples / (double) sampleRate;
    }

    /** Number of whole frames in a signal of {@code samples} samples (0 if shorter than one window). */
    public int frameCount(int samples) {
        return samples < windowSamples ? 0 : 1 + (samples - windowSamples) / hopSamples;
    }

    /** Number of frames in {@code seconds} of audio. */
    public int framesFor(double seconds) {
        return frameCount((int) Math.round(seconds * sampleRate));
    }
}
