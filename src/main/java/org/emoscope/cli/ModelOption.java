package org.emoscope.cli;

import org.emoscope.model.DefaultModel;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.ModelBundleException;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --model} option shared by commands that run a model. */
final class ModelOption {

    @Option(names = {"-m", "--model"}, paramLabel = "BUNDLE",
            description = "Model bundle to use (default: the shipped model in models/).")
    Path model;

    Path resolve() throws ModelBundleException {
        return model != null ? model : DefaultModel.locate();
    }

    EmotionModel load() throws ModelBundleException {
        return EmotionModel.load(resolve());
    }
}
