/**
 * Training data preparation: corpus readers ({@code corpus}), waveform augmentation ({@code augment}) and
 * speaker-grouped evaluation splits ({@link org.emoscope.train.Splits}).
 */
package org.emoscope.train;
