package org.emoscope.app.service;

import org.emoscope.app.bus.Inspection;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.Explanation;
import org.emoscope.pipeline.WindowExplanations;
import org.emoscope.pipeline.WindowResult;

/**
 * Explains one window of an {@link Inspection} for one class. Costs several network passes (hundreds of ms): called
 * on a background thread, never the JavaFX one, and by one thread at a time.
 */
@FunctionalInterface
public interface WindowExplainer {

    /**
     * How much each log-mel cell of {@code window} (one of {@code inspection}'s windows) pushed class
     * {@code target} (an index into the model's labels).
     */
    Explanation explain(Inspection inspection, WindowResult window, int target);

    /**
     * Integrated gradients ({@code steps} steps) with the network of the model that analysed the inspection, on the
     * log-mel frames the inspection keeps: exactly what the model saw ({@link WindowExplanations#explain}).
     */
    static WindowExplainer withModels(int steps) {
        Explainers explainers = new Explainers();
        return (inspection, window, target) -> {
            EmotionModel m = inspection.model();
            return WindowExplanations.explain(explainers.of(m), inspection.logMel(), inspection.firstFrameSeconds(),
                    window, Explainers.windowFrames(m), m.featureConfig(), target, steps);
        };
    }
}
