package org.emoscope.pipeline;

/**
 * One 10 ms analysis frame as it leaves the feature extractor: for level meters and scrolling spectrograms.
 *
 * @param index       frame number from the start of the stream
 * @param timeSeconds start of the frame from the start of the stream
 * @param levelDb     RMS level of the frame's samples, dBFS (-120 for digital silence)
 * @param gateDb      the level a frame needs at this moment to count as speech: the tracked noise floor plus the
 *                    margin, never below the absolute floor (see {@link AnalyzerSettings})
 * @param mfcc        MFCC coefficients
 * @param logMel      log-mel energies, dB, low to high frequency
 */
public record FeatureFrame(long index, double timeSeconds, double levelDb, double gateDb, float[] mfcc,
                           float[] logMel) {
}
