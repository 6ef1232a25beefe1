package org.emoscope.train;

import org.emoscope.model.DefaultModel;
import org.emoscope.model.EmotionModel;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the tests on corpus data need, each skipping its test when it is not here. */
final class DataTests {

    private DataTests() {
    }

    /** The corpora folder ({@code -Demoscope.data}, else {@code ../shared/corpora}); skips the test without it. */
    static Path corpora() {
        Path data = Path.of(System.getProperty("emoscope.data", "../shared/corpora"));
        assumeTrue(Files.isDirectory(data), "no corpora here (" + data.toAbsolutePath() + "): skipped");
        return data;
    }

    /** The shipped model; skips the test when it is the untrained placeholder. */
    static EmotionModel shippedModel() throws Exception {
        EmotionModel model = EmotionModel.load(DefaultModel.locate());
        assumeFalse(model.untrained(), "the shipped model is untrained: skipped");
        return model;
    }
}
