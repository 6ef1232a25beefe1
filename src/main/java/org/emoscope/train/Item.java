package org.emoscope.train;

import org.emoscope.train.corpus.Utterance;

/**
 * One training or test row: an utterance (possibly augmented) with its class index and its MFCC frames.
 *
 * @param utterance    where it came from
 * @param augmentation key of the augmentation applied ({@code orig} for none)
 * @param label        class index in the label set being trained
 * @param frames       MFCC frames [T][coefficients]
 */
public record Item(Utterance utterance, String augmentation, int label, float[][] frames) {
}
