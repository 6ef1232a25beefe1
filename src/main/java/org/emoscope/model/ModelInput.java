package org.emoscope.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/** Builds the network's input tensor from raw MFCC windows: the one place features become {@code [n, C, 1, T]}. */
public final class ModelInput {

    private ModelInput() {
    }

    /**
     * Normalises {@code windows} (each {@code [frames][coefficients]}, all the same length) with
     * {@link Normalization#apply} and lays them out as {@code [n, C, 1, T]}, T = max(frames, minFrames); padding
     * frames are 0, the training mean.
     *
     * @throws IllegalArgumentException if windows are empty or differ in length, a frame has the wrong number of
     *                                  coefficients, or a value is NaN or infinite
     */
    public static INDArray batch(List<float[][]> windows, Normalization norm, int minFrames) {
        return batch(windows, norm, minFrames, null);
    }

    /**
     * As {@link #batch(List, Normalization, int)}, with each window's voice for a speaker-normalised {@code norm}
     * ({@code voices} null or one entry per window; a null entry means the prior).
     */
    public static INDArray batch(List<float[][]> windows, Normalization norm, int minFrames,
                                 List<SpeakerStatistics.Estimate> voices) {
        int n = windows.size();
        if (voices != null && voices.size() != n)
            throw new IllegalArgumentException(voices.size() + " voices for " + n + " windows");
        if (n == 0) throw new IllegalArgumentException("no windows");
        int frames = windows.get(0).length;
        if (frames == 0) throw new IllegalArgumentException("a window needs at least one frame");
        int channels = norm.channels();
        int paddedFrames = Math.max(frames, minFrames);
        float[] data = new float[Math.multiplyExact(n, Math.multiplyExact(channels, paddedFrames))]; // C order
        for (int w = 0; w < n; w++) {
            float[][] window = windows.get(w);
            if (window.length != frames)
                throw new IllegalArgumentException("window " + w + " has " + window.length + " frames, window 0 has "
                        + frames + ": a batch needs windows of one length");
            float[][] normalised;
            try {
                normalised = norm.apply(window, voices == null ? null : voices.get(w));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("window " + w + ": " + e.getMessage() + " (the model needs "
                        + channels + " finite coefficients per frame)", e);
            }
            int base = w * channels * paddedFrames;
            for (int t = 0; t < frames; t++)
                for (int c = 0; c < channels; c++) data[base + c * paddedFrames + t] = normalised[t][c];
        }
        return Nd4j.create(data, new long[]{n, channels, 1, paddedFrames}, DataType.FLOAT);
    }
}
