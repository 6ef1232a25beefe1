/**
 * Speech features: MFCCs and log-mel spectrograms, offline and streaming.
 *
 * <ul>
 *   <li>{@link org.emoscope.features.FeatureConfig}: every parameter; the exact definition is in
 *       {@link org.emoscope.features.Mfcc}.</li>
 *   <li>{@link org.emoscope.features.Mfcc} and {@link org.emoscope.features.LogMelSpectrogram}: per frame or for a
 *       whole {@code float[]} signal (one instance per thread).</li>
 *   <li>{@link org.emoscope.features.MelFilterBank}: the HTK triangular filters, for reuse (axis labels, display).</li>
 *   <li>{@link org.emoscope.features.FeatureDispatchers}, {@link org.emoscope.features.MfccProcessor},
 *       {@link org.emoscope.features.FeatureFrameListener}, {@link org.emoscope.features.AudioSourceStream}: the same
 *       frames from a TarsosDSP {@code AudioDispatcher} over an {@link org.emoscope.audio.AudioSource}, bit-identical
 *       to the offline path.</li>
 * </ul>
 */
package org.emoscope.features;
