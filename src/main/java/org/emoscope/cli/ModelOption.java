package org.emoscope.cli;

import org.emoscope.model.DefaultModel;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.ModelBundleException;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The {@code --model} option shared by commands that run a model (public for the bench harness's commands, which
 * take the same option).
 */
public final class ModelOption {

    @Option(names = {"-m", "--model"}, paramLabel = "BUNDLE",
            description = "Model bundle to use (default: the shipped model in models/).")
    Path model;

    Path resolve() throws ModelBundleException {
        return model != null ? model : DefaultModel.locate();
    }

    /** The bundle the last successful {@link #loadOrReport} loaded. */
    Path loaded;

    /** {@link #loaded}, for commands outside this package. */
    public Path loaded() {
        return loaded;
    }

    /**
     * Loads the bundle; if it cannot be used, passes the reason (naming the file) to {@code problem} and returns
     * null.
     */
    public EmotionModel loadOrReport(Consumer<String> problem) {
        try {
            Path bundle = resolve();
            EmotionModel model = EmotionModel.load(bundle);
            loaded = bundle;
            return model;
        } catch (ModelBundleException e) {
            problem.accept(e.getMessage());
            return null;
        }
    }
}
