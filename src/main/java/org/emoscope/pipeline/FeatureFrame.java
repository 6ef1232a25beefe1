package org.emoscope.pipeline;

/**
 * One 10 ms analysis frame as it leaves the feature extractor: for level meters and scrolling spectrograms.
 *
 * @param index       frame number from the start of the stream
 * @param timeSeconds start of the frame from the start of the stream
 * @param levelDb     RMS level of the frame's samples, dBFS (-120 for digital silence)
 * @param speech      whether the speech detector calls the frame speech
 *                    ({@link org.emoscope.features.speech.SpeechDetector})
 * @param periodicity YIN periodicity of the frame, 0 (aperiodic) to 1
 *                    ({@link org.emoscope.features.speech.VoicingProcessor})
 * @param pitchHz     YIN pitch of the frame, or -1 when none was found
 * @param mfcc        MFCC coefficients
 * @param logMel      log-mel energies, dB, low to high frequency
 */
public record FeatureFrame(long index, double timeSeconds, double levelDb, boolean speech, double periodicity,
                           double pitchHz, float[] mfcc, float[] logMel) {
}
