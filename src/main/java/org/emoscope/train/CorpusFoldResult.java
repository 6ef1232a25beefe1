package org.emoscope.train;

import java.util.List;

/**
 * One leave-one-corpus-out fold: a network trained on every corpus but one, and its probabilities for every file of
 * the held-out corpus. The probabilities are kept (not only a confusion matrix) so that the held-out corpus can be
 * scored over any subset of the model's classes: its own classes and the classes all corpora share
 * ({@link CrossCorpusScores}).
 *
 * @param index               0-based fold number (the held-out corpus's place in the corpus list)
 * @param heldOut             the corpus tested, never heard in training
 * @param trainCorpora        the corpora trained on
 * @param validationSpeakers  training speakers held out for early stopping
 * @param seed                the run's seed
 * @param labels              the model's classes, in output order
 * @param truth               each test file's class (index into {@code labels})
 * @param speakers            each test file's speaker key
 * @param speakerProbabilities each test file's mean window probabilities [files][labels], the speaker's voice
 *                            learnt from all of their files (unlabelled)
 * @param fileProbabilities   the same, one file at a time as {@code analyze} sees it (only that file to learn the
 *                            voice from), or null for a model that does not adapt to voices
 * @param bestEpoch           epoch whose weights were kept
 * @param epochsRun           epochs trained
 * @param seconds             wall time of the fold
 * @param windowsPerSecond    training speed
 */
public record CorpusFoldResult(int index, String heldOut, List<String> trainCorpora, List<String> validationSpeakers,
                               long seed, List<String> labels, int[] truth, List<String> speakers,
                               float[][] speakerProbabilities, float[][] fileProbabilities, int bestEpoch,
                               int epochsRun, double seconds, double windowsPerSecond) {

    public CorpusFoldResult {
        trainCorpora = List.copyOf(trainCorpora);
        validationSpeakers = List.copyOf(validationSpeakers);
        labels = List.copyOf(labels);
        speakers = List.copyOf(speakers);
        if (truth.length != speakers.size() || truth.length != speakerProbabilities.length
                || fileProbabilities != null && fileProbabilities.length != truth.length)
            throw new IllegalArgumentException("one truth, speaker and probability row per test file is needed");
    }

    /** The probabilities scored: one file at a time when the model adapts to voices and {@code oneFile} is asked. */
    public float[][] probabilities(boolean oneFile) {
        return oneFile && fileProbabilities != null ? fileProbabilities : speakerProbabilities;
    }
}
