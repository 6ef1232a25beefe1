package org.emoscope.features;

/**
 * Log-mel spectrogram in dB, framed, windowed and filtered exactly as the {@link Mfcc} input (steps 1-6 of the
 * definition there): the MFCCs are the orthonormal DCT-II of these rows. Meant for display and inspection.
 *
 * <p>Not thread-safe: use one instance per thread. Apart from the returned arrays, no allocation per frame.
 */
public final class LogMelSpectrogram {

    private final FeatureConfig config;
    private final FrameSpectrum spectrum;
    private final MelFilterBank filterBank;
    private final double[] melDb;

    /** Prepares the window, FFT and mel filters of {@code config}. */
    public LogMelSpectrogram(FeatureConfig config) {
        this.config = config;
        spectrum = new FrameSpectrum(config);
        filterBank = new MelFilterBank(config);
        melDb = new double[config.melFilters()];
    }

    /** The configuration this spectrogram was built for. */
    public FeatureConfig config() {
        return config;
    }

    /** The mel filters used (immutable, shareable). */
    public MelFilterBank filterBank() {
        return filterBank;
    }

    /**
     * Log-mel energies of the frame {@code samples[offset .. offset + windowSamples)}.
     *
     * @param out array of {@code melFilters} values to fill, or null to allocate one
     * @return the filled array: 10 log10(max(mel energy, {@link FeatureConfig#LOG_FLOOR})) per filter, dB
     * @throws IndexOutOfBoundsException if the frame does not lie inside {@code samples}
     */
    public float[] computeFrame(float[] samples, int offset, float[] out) {
        float[] result = output(out, melDb.length, "log-mel");
        double[] db = frameDb(samples, offset);
        for (int m = 0; m < db.length; m++) {
            result[m] = (float) db[m];
        }
        return result;
    }

    /**
     * Log-mel spectrogram of a whole signal: {@link FeatureConfig#frameCount} frames, frame t starting at sample
     * {@code t * hopSamples}; a final partial frame is dropped (no padding).
     *
     * @return [frames][melFilters] dB values; no rows if the signal is shorter than one window
     */
    public float[][] compute(float[] signal) {
        float[][] rows = new float[config.frameCount(signal.length)][];
        for (int t = 0; t < rows.length; t++) {
            rows[t] = computeFrame(signal, t * config.hopSamples(), null);
        }
        return rows;
    }

    /** Log-mel dB values of one frame in double precision; returns an internal array reused by the next call. */
    double[] frameDb(float[] samples, int offset) {
        filterBank.apply(spectrum.power(samples, offset), melDb);
        for (int m = 0; m < melDb.length; m++) {
            melDb[m] = 10 * Math.log10(Math.max(melDb[m], FeatureConfig.LOG_FLOOR));
        }
        return melDb;
    }

    /** {@code out} if it has {@code length} elements, a new array if it is null; rejects any other length. */
    static float[] output(float[] out, int length, String what) {
        if (out == null) return new float[length];
        if (out.length != length) {
            throw new IllegalArgumentException(what + " output needs " + length + " elements, got " + out.length);
        }
        return out;
    }
}
