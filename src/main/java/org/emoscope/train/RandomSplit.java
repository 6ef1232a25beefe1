package org.emoscope.train;

import java.util.List;

/**
 * Rows divided at random, without regard to speakers or source files.
 *
 * @param train training rows
 * @param test  test rows
 * @param <T>   row type
 */
public record RandomSplit<T>(List<T> train, List<T> test) {

    public RandomSplit {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }
}
