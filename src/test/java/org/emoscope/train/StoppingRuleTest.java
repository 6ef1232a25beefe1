package org.emoscope.train;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StoppingRuleTest {

    @Test
    void aSmoothedScoreAveragesTheLastEpochs() {
        List<Trainer.EpochLog> history = List.of(new Trainer.EpochLog(1, 1, 0.2, 0.0, 1, 1),
                new Trainer.EpochLog(2, 1, 0.6, 0.0, 1, 1), new Trainer.EpochLog(3, 1, 0.4, 0.0, 1, 1));
        assertEquals(0.5, StoppingRule.smoothed(history, 0.5, 1), 1e-12, "one epoch: the score itself");
        assertEquals(0.45, StoppingRule.smoothed(history, 0.5, 2), 1e-12);
        assertEquals(0.5, StoppingRule.smoothed(history, 0.5, 3), 1e-12);
        assertEquals(0.425, StoppingRule.smoothed(history, 0.5, 9), 1e-12, "as many epochs as there are");
        assertEquals(0.5, StoppingRule.smoothed(List.of(), 0.5, 3), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> TrainingSettings.defaults().withSmoothEpochs(0));
    }
}
