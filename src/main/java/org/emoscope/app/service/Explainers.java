package org.emoscope.app.service;

import org.emoscope.model.EmotionModel;
import org.emoscope.model.Explainer;
import org.emoscope.model.ModelBundle;
import org.emoscope.pipeline.AnalyzerSettings;

/**
 * The {@link Explainer} of the model last asked for, kept: building one copies the network (about 50 ms), and an
 * explainer is not thread-safe, so each background thread that explains owns one of these.
 */
public final class Explainers {

    private ModelBundle bundle;
    private Explainer explainer;

    /** The explainer of {@code model}'s network, built on first use and kept until another model is asked for. */
    public Explainer of(EmotionModel model) {
        if (explainer == null || bundle != model.bundle()) {
            explainer = new Explainer(model.bundle());
            bundle = model.bundle();
        }
        return explainer;
    }

    /** Frames of one analysis window of {@code model}, as its analyzer cuts them (what an explanation covers). */
    public static int windowFrames(EmotionModel model) {
        return Math.max(1, model.featureConfig().framesFor(AnalyzerSettings.forModel(model).windowSeconds()));
    }
}
