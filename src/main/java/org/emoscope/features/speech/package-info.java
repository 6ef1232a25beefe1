/**
 * Speech detection in the feature chain: {@link org.emoscope.features.speech.VoicingProcessor} (TarsosDSP's YIN on
 * every analysis window, beside the MFCC processor in the same dispatcher) and
 * {@link org.emoscope.features.speech.SpeechDetector}, which decides per frame from the spectrum's distance to a
 * tracked noise spectrum, the voicing, and the stability of the pitch.
 */
package org.emoscope.features.speech;
