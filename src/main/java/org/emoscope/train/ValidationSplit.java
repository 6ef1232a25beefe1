package org.emoscope.train;

import org.emoscope.train.corpus.Utterance;

import java.util.List;

/**
 * A fold's training side divided by speaker into the part the model is fitted on and the part that decides early
 * stopping.
 *
 * @param fitSpeakers        speaker keys fitted on, sorted
 * @param validationSpeakers speaker keys held out for validation, sorted
 * @param fit                utterances fitted on, in the fold's order
 * @param validation         validation utterances, in the fold's order
 */
public record ValidationSplit(List<String> fitSpeakers, List<String> validationSpeakers, List<Utterance> fit,
                              List<Utterance> validation) {

    public ValidationSplit {
        fitSpeakers = List.copyOf(fitSpeakers);
        validationSpeakers = List.copyOf(validationSpeakers);
        fit = List.copyOf(fit);
        validation = List.copyOf(validation);
    }
}
