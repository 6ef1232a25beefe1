package org.emoscope.app.viewmodel;

import org.emoscope.features.FeatureConfig;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.ModelBundle;
import org.emoscope.model.ModelBundleException;
import org.emoscope.model.Nd4jRuntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An untrained model bundle for view-model tests, written once per run. */
final class TestModel {

    static final List<String> LABELS = List.of("neutral", "happy", "sad", "angry");
    private static Path bundle;

    static {
        Nd4jRuntime.configure();
        Nd4jRuntime.setThreads(1);
    }

    private TestModel() {
    }

    static synchronized Path bundle() {
        if (bundle == null) {
            try {
                Path dir = Files.createTempDirectory("emoscope-vm-test");
                Path file = dir.resolve("untrained.emo");
                ModelBundle.untrained(LABELS, FeatureConfig.defaults()).save(file);
                dir.toFile().deleteOnExit();
                file.toFile().deleteOnExit();
                bundle = file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bundle;
    }

    static EmotionModel load() {
        try {
            return EmotionModel.load(bundle());
        } catch (ModelBundleException e) {
            throw new IllegalStateException(e);
        }
    }
}
