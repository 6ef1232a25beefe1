package org.emoscope.pipeline;

import org.emoscope.model.SpeakerStatistics;

/**
 * A voice learnt beforehand ({@link FileAnalyzer#learnVoice}), given to a session to use as it is for every window:
 * its frame statistics for a speaker-normalised network and its average window statistics for a voice-centred
 * functionals classifier. Either part is null when the model does not use it.
 *
 * @param frames  the network's speaker statistics, or null
 * @param windows the centre of the functionals classifier ({@link org.emoscope.model.FunctionalsClassifier}),
 *                or null
 */
public record Voice(SpeakerStatistics.Estimate frames, float[] windows) {
}
