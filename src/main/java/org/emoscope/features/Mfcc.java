package org.emoscope.features;

import java.util.Objects;

/**
 * Mel-frequency cepstral coefficients, defined precisely (librosa / HTK style) for a {@link FeatureConfig} with
 * W = windowSamples, H = hopSamples, N = fftSize, M = melFilters, C = coefficients, a = preEmphasis:
 * <ol>
 *   <li>Framing: frame t is {@code x[n] = s[t H + n]}, n = 0..W-1; only frames lying wholly inside the signal
 *       exist ({@link FeatureConfig#frameCount}), there is no padding at either end.</li>
 *   <li>Pre-emphasis inside the frame: {@code y[0] = x[0]}, {@code y[n] = x[n] - a x[n-1]} for n >= 1 (no look-back
 *       into the previous frame; a = 0 gives y = x).</li>
 *   <li>Periodic window: {@code w[n] = 0.54 - 0.46 cos(2 pi n / W)} (Hamming) or {@code 0.5 - 0.5 cos(2 pi n / W)}
 *       (Hann), i.e. numpy {@code hamming(W + 1)[:-1]}.</li>
 *   <li>Power spectrum: {@code P[k] = |sum_n y[n] w[n] exp(-2 pi i k n / N)|^2}, k = 0..N/2 (the frame is
 *       zero-padded to N; no 1/N scaling).</li>
 *   <li>Mel energies: {@code E[m] = sum_k F[m][k] P[k]} with the HTK triangular filters of {@link MelFilterBank}
 *       (peak 1, no area normalisation).</li>
 *   <li>Log: {@code L[m] = 10 log10(max(E[m], LOG_FLOOR))} dB (librosa {@code power_to_db} with ref 1, amin
 *       {@link FeatureConfig#LOG_FLOOR}, no top_db); digital silence gives -100 dB in every band.</li>
 *   <li>Cepstrum: orthonormal DCT-II, {@code c[j] = s_j sum_m L[m] cos(pi j (2m + 1) / (2M))}, j = 0..C-1,
 *       {@code s_0 = sqrt(1/M)}, {@code s_j = sqrt(2/M)} (scipy {@code norm='ortho'}); c0 is kept.</li>
 * </ol>
 * A gain g on the signal therefore adds {@code 20 log10(g)} dB to every unfloored L[m] and
 * {@code 20 log10(g) sqrt(M)} to c0, leaving the other coefficients unchanged.
 *
 * <p>The FFT is TarsosDSP's single-precision one; everything after it is in double precision, results are floats.
 * Not thread-safe: use one instance per thread. Apart from the returned arrays, no allocation per frame.
 */
public final class Mfcc {

    private final FeatureConfig config;
    private final LogMelSpectrogram logMel;
    private final OrthoDct dct;

    /** Prepares the window, FFT, mel filters and DCT matrix of {@code config}. */
    public Mfcc(FeatureConfig config) {
        this.config = config;
        logMel = new LogMelSpectrogram(config);
        dct = new OrthoDct(config.melFilters(), config.coefficients());
    }

    /** The configuration these coefficients are computed for. */
    public FeatureConfig config() {
        return config;
    }

    /**
     * MFCCs of the frame {@code samples[offset .. offset + windowSamples)}.
     *
     * @param out array of {@code coefficients} values to fill, or null to allocate one
     * @return the filled array, c0 first
     * @throws IndexOutOfBoundsException if the frame does not lie inside {@code samples}
     */
    public float[] compute(float[] samples, int offset, float[] out) {
        float[] result = LogMelSpectrogram.output(out, config.coefficients(), "MFCC");
        dct.transform(logMel.frameDb(samples, offset), result);
        return result;
    }

    /**
     * Log-mel energies (dB) of the frame {@code samples[offset .. offset + windowSamples)}: the DCT input of
     * {@link #compute}.
     *
     * @param out array of {@code melFilters} values to fill, or null to allocate one
     * @return the filled array
     */
    public float[] logMel(float[] samples, int offset, float[] out) {
        return logMel.computeFrame(samples, offset, out);
    }

    /**
     * MFCCs and log-mel energies of one frame from a single pass.
     *
     * @param mfccOut   receives {@code coefficients} values (not null)
     * @param logMelOut receives {@code melFilters} values, dB (not null)
     */
    public void computeFrame(float[] samples, int offset, float[] mfccOut, float[] logMelOut) {
        Objects.requireNonNull(mfccOut, "mfccOut");
        Objects.requireNonNull(logMelOut, "logMelOut");
        LogMelSpectrogram.output(mfccOut, config.coefficients(), "MFCC");
        LogMelSpectrogram.output(logMelOut, config.melFilters(), "log-mel");
        double[] db = logMel.frameDb(samples, offset);
        dct.transform(db, mfccOut);
        for (int m = 0; m < db.length; m++) {
            logMelOut[m] = (float) db[m];
        }
    }

    /**
     * MFCCs of a whole signal: {@link FeatureConfig#frameCount} frames, frame t starting at sample
     * {@code t * hopSamples}; a final partial frame is dropped (no padding).
     *
     * @return [frames][coefficients]; no rows if the signal is shorter than one window
     */
    public float[][] computeAll(float[] signal) {
        float[][] rows = new float[config.frameCount(signal.length)][];
        for (int t = 0; t < rows.length; t++) {
            rows[t] = compute(signal, t * config.hopSamples(), null);
        }
        return rows;
    }

    /** The MFCC frame of digital silence: what padding past the end of a short stream looks like to the model. */
    public static float[] silentFrame(FeatureConfig config) {
        return new Mfcc(config).computeAll(new float[config.windowSamples()])[0];
    }
}
