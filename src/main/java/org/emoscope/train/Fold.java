package org.emoscope.train;

import org.emoscope.train.corpus.Utterance;

import java.util.List;

/**
 * One cross-validation fold whose test speakers never occur in training.
 *
 * @param index         0-based fold number
 * @param trainSpeakers {@link Utterance#speakerKey() speaker keys} of the training side, sorted
 * @param testSpeakers  speaker keys of the test side, sorted
 * @param train         training utterances, in input order
 * @param test          test utterances, in input order
 */
public record Fold(int index, List<String> trainSpeakers, List<String> testSpeakers, List<Utterance> train,
                   List<Utterance> test) {

    public Fold {
        trainSpeakers = List.copyOf(trainSpeakers);
        testSpeakers = List.copyOf(testSpeakers);
        train = List.copyOf(train);
        test = List.copyOf(test);
    }
}
