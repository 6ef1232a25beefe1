package org.emoscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.emoscope.model.EmotionModel;
import org.emoscope.train.corpus.Corpus;
import org.emoscope.train.corpus.Utterance;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Recordings a model never trained on, for the commands that measure it ({@code robustness}, {@code explain-check}):
 * the speakers its bundle held out of training, or whole corpora it never heard.
 *
 * @param utterances the recordings
 * @param title      what they are, for reports
 */
record TestSet(List<Utterance> utterances, String title) {

    /** The options that choose a test set, shared by the commands as a picocli mixin. */
    static final class Options {
        @Option(names = "--held-out", description = "Test on the speakers the bundle held out of training "
                + "(its validation speakers).")
        boolean heldOut;

        @Option(names = "--corpus", split = ",", description = "Test on these corpora (refused if the bundle was "
                + "trained on one of them).")
        List<String> corpora;

        @Option(names = "--data", paramLabel = "DIR", defaultValue = "../shared/corpora",
                description = "Folder holding one sub-folder per corpus (default: ${DEFAULT-VALUE}).")
        Path data;

        /** The test set these options name, for {@code model} loaded from {@code bundle}. */
        TestSet select(EmotionModel model, Path bundle, PrintStream err, CommandSpec spec) throws IOException {
            return of(model, bundle, heldOut, corpora, data, err, spec);
        }

        /** The test set's name in report tags: {@code held-out}, or the corpora joined by hyphens. */
        String tag() {
            return heldOut ? "held-out" : String.join("-", corpora);
        }
    }

    /**
     * The held-out speakers of {@code model} ({@code heldOut}) or every recording of {@code corpora}; refuses a
     * model that records no held-out speakers, and a corpus the model was trained on.
     */
    private static TestSet of(EmotionModel model, Path bundle, boolean heldOut, List<String> corpora, Path data,
                      PrintStream err, CommandSpec spec) throws IOException {
        if (heldOut == (corpora != null && !corpora.isEmpty()))
            throw new ParameterException(spec.commandLine(), "give either --held-out or --corpus");
        List<Utterance> test = new ArrayList<>();
        if (heldOut) {
            List<String> held = listOf(model.metadata().get("validation_speakers"));
            if (held.isEmpty())
                throw new ParameterException(spec.commandLine(), bundle + " does not record the speakers "
                        + "it held out: use --corpus with a corpus it never heard");
            Set<String> names = new LinkedHashSet<>();
            for (String key : held) names.add(key.substring(0, key.indexOf(':')));
            for (String name : names)
                for (Utterance u : TrainingOptions.scan(TrainingOptions.corpus(name), data, err).utterances())
                    if (held.contains(u.speakerKey())) test.add(u);
            return new TestSet(test, "speakers held out of its training (" + String.join(", ", held) + ")");
        }
        List<String> trainedOn = listOf(model.metadata().get("corpora"));
        List<String> names = new ArrayList<>();
        for (String name : corpora) {
            Corpus c = TrainingOptions.corpus(name);
            if (trainedOn.contains(c.name()))
                throw new ParameterException(spec.commandLine(), bundle + " was trained on " + c.name()
                        + ": its speakers are not new to it (use --held-out)");
            names.add(c.displayName());
            test.addAll(TrainingOptions.scan(c, data, err).utterances());
        }
        return new TestSet(test, String.join(", ", names) + ", never heard");
    }

    /** A metadata value as a list of strings (empty when it is not a list). */
    static List<String> listOf(Object value) {
        if (!(value instanceof List<?> list)) return List.of();
        return list.stream().map(String::valueOf).toList();
    }
}
