package org.emoscope.features;

import be.tarsos.dsp.util.fft.FFT;

import java.util.Arrays;
import java.util.Objects;

/**
 * Power spectrum of one frame: per-frame pre-emphasis, periodic window, zero padding to the FFT size, real FFT
 * (TarsosDSP / JTransforms) and |X[k]|^2 for k = 0..fftSize/2 (unscaled, DC and Nyquist included).
 * Not thread-safe: owns its buffers and reuses them for every frame.
 */
final class FrameSpectrum {

    private final int windowSamples;
    private final int fftSize;
    private final double preEmphasis;
    private final double[] window;
    private final FFT fft;
    private final float[] fftBuffer;
    private final double[] power;

    FrameSpectrum(FeatureConfig config) {
        if (config.fftSize() < 2) throw new IllegalArgumentException("fftSize must be at least 2: " + config.fftSize());
        windowSamples = config.windowSamples();
        fftSize = config.fftSize();
        preEmphasis = config.preEmphasis();
        window = AnalysisWindow.periodic(config.window(), windowSamples);
        fft = new FFT(fftSize);
        fftBuffer = new float[fftSize];
        power = new double[fftSize / 2 + 1];
    }

    /** Number of power bins: fftSize / 2 + 1. */
    int binCount() {
        return power.length;
    }

    /**
     * Computes the power spectrum of {@code samples[offset .. offset + windowSamples)}.
     *
     * @return an internal array of {@link #binCount()} values, overwritten by the next call
     */
    double[] power(float[] samples, int offset) {
        Objects.checkFromIndexSize(offset, windowSamples, samples.length);
        double previous = samples[offset];
        fftBuffer[0] = (float) (previous * window[0]);
        for (int n = 1; n < windowSamples; n++) {
            double x = samples[offset + n];
            fftBuffer[n] = (float) ((x - preEmphasis * previous) * window[n]);
            previous = x;
        }
        Arrays.fill(fftBuffer, windowSamples, fftSize, 0f);
        fft.forwardTransform(fftBuffer);
        // JTransforms realForward layout for even n: a[0] = Re[0], a[1] = Re[n/2], a[2k] = Re[k], a[2k+1] = Im[k].
        double dc = fftBuffer[0];
        double nyquist = fftBuffer[1];
        power[0] = dc * dc;
        power[fftSize / 2] = nyquist * nyquist;
        for (int k = 1; k < fftSize / 2; k++) {
            double re = fftBuffer[2 * k];
            double im = fftBuffer[2 * k + 1];
            power[k] = re * re + im * im;
        }
        return power;
    }
}
