package org.emoscope.pipeline;

import be.tarsos.dsp.AudioDispatcher;
import org.emoscope.model.EmotionModel;

import java.util.Objects;
import java.util.function.Function;

/**
 * What an {@link AnalysisSession} needs from the analyzer that starts it, handed over once so that the session never
 * reads back from the analyzer: the model and settings, the source (remembering its first read failure), the
 * dispatcher that reads it, and how to make the session's {@link Windower} for a sink, already attached to the
 * dispatcher's feature chain.
 */
record SessionSetup(EmotionModel model, AnalyzerSettings settings, FailureMemory source, AudioDispatcher dispatcher,
                    Function<Windower.Sink, Windower> windowers) {

    SessionSetup {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dispatcher, "dispatcher");
        Objects.requireNonNull(windowers, "windowers");
    }
}
