/**
 * Deterministic waveform augmentation for training, on mono float samples at
 * {@link org.emoscope.train.augment.Augmentation#SAMPLE_RATE 16 kHz}.
 *
 * <p>Every {@link org.emoscope.train.augment.Augmentation} returns a new array (the input is never modified),
 * rejects non-finite input, draws all its randomness from the {@link java.util.SplittableRandom} it is given (same
 * seed, same output), and returns samples in [-1, 1]: anything beyond is hard-clipped on purpose, as a recorder
 * would. Only input near full scale is affected: positive gain, added noise, and the overlap-add and resampling
 * of pitch shift and time stretch can push it past full scale.
 * An {@link org.emoscope.train.augment.AugmentationSpec} chains steps under a seed and names the result with a
 * stable key for feature caches; an {@link org.emoscope.train.augment.AugmentationPlan} lists the copies made of
 * every training file.
 *
 * <p>Pitch shift and time stretch use this package's own offline WSOLA and TarsosDSP's band-limited
 * {@code Resampler}; TarsosDSP's streaming {@code WaveformSimilarityBasedOverlapAdd} is not used because its
 * constructor always prints "New overlapLength..." to standard output (its phase-vocoder {@code PitchShifter}, also
 * unused, prints "Clipping!" to standard error).
 */
package org.emoscope.train.augment;
