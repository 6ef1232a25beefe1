package org.emoscope.train.augment;

import java.util.SplittableRandom;

/**
 * One waveform transform with its parameters (fixed values or ranges to draw from).
 * See the package description for the rules every implementation follows.
 */
public interface Augmentation {

    /** Sample rate of all signals given to and returned by augmentations, Hz. */
    int SAMPLE_RATE = 16_000;

    /**
     * Transforms {@code samples} (mono, {@link #SAMPLE_RATE}, finite) into a new array.
     *
     * @param random source of every random choice (parameters drawn from ranges, noise); a fixed-parameter,
     *               noise-free transform does not use it
     * @throws IllegalArgumentException if a sample is NaN or infinite
     */
    float[] apply(float[] samples, SplittableRandom random);

    /**
     * Stable, file-name-safe key naming the transform and all its parameters, e.g. {@code "pitch+0.7"} or
     * {@code "noise-white-snr10..30"}; two augmentations with equal keys behave identically.
     */
    String key();
}
