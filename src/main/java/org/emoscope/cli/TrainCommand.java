package org.emoscope.cli;

import org.emoscope.model.EmotionModel;
import org.emoscope.model.NetworkSpec;
import org.emoscope.train.Fold;
import org.emoscope.train.Item;
import org.emoscope.train.ItemLoader;
import org.emoscope.train.Splits;
import org.emoscope.train.Trainer;
import org.emoscope.train.UtteranceScorer;
import org.emoscope.train.ValidationSplit;
import org.emoscope.train.augment.AugmentationPlan;
import org.emoscope.train.corpus.Corpus;
import org.emoscope.train.corpus.LabelSet;
import org.emoscope.train.corpus.Utterance;
import org.emoscope.train.eval.ConfusionMatrix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code emoscope train}: fits a model on one or more corpora and saves a bundle. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Trains a model on the named corpora and saves it as one bundle file.",
                "Held-out training speakers decide early stopping; their scores go into the bundle. Checkpoints every "
                        + "epoch in --work: run the same command again to resume."})
final class TrainCommand implements Callable<Integer> {

    @Mixin
    TrainingOptions options;

    @Option(names = "--corpus", required = true, split = ",", description = "Corpus name(s), comma-separated.")
    List<String> corpora;

    @Option(names = "--out", required = true, paramLabel = "BUNDLE", description = "Where to save the model bundle.")
    Path out;

    @Option(names = "--labels", defaultValue = "seven-class",
            description = "Label set: seven-class (the paper's 7 classes) or <corpus>-native (default: ${DEFAULT-VALUE}).")
    String labelSet;

    @Option(names = "--validation-speakers", defaultValue = "4",
            description = "Training speakers held out for early stopping (default: ${DEFAULT-VALUE}).")
    int validationSpeakers;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "work",
            description = "Checkpoints, for resuming (default: ${DEFAULT-VALUE}).")
    Path work;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        long t0 = System.nanoTime();
        LabelSet labels = LabelSet.named(labelSet);
        List<Utterance> all = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String name : corpora) {
            Corpus c = TrainingOptions.corpus(name);
            all.addAll(options.scan(c, err).utterances());
            names.add(c.name());
        }
        List<String> speakers = all.stream().map(Utterance::speakerKey).distinct().sorted().toList();
        Fold everything = new Fold(0, speakers, List.of(), all, List.of());
        ValidationSplit vs = Splits.validationSpeakers(everything, validationSpeakers, options.seed);
        err.println("validation speakers (early stopping): " + vs.validationSpeakers());
        ItemLoader loader = options.loader();
        List<Item> fit = loader.load(vs.fit(), labels, AugmentationPlan.training(options.seed), err::println);
        List<Item> val = loader.load(vs.validation(), labels, AugmentationPlan.none(), null);
        NetworkSpec net = TrainingOptions.network(labels.labels().size(), options.seed);
        Trainer trainer = new Trainer(net, loader.cache().config(), options.settings(), labels.labels());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("corpora", names);
        meta.put("label_set", labels.name());
        meta.put("validation_speakers", vs.validationSpeakers());
        meta.put("augmentation", "training (6 variants per file)");
        meta.put("date", LocalDate.now().toString());
        meta.put("command", "bin/emoscope " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        Path checkpoints = work.resolve("train").resolve(out.getFileName().toString() + ".ckpt");
        Trainer.Result r = trainer.train(fit, val, checkpoints, meta,
                new ConsoleTrainingListener(err, options.epochs));
        UtteranceScorer scorer = new UtteranceScorer(new EmotionModel(r.bundle()),
                options.settings().windowSeconds(), options.settings().evalHopSeconds());
        ConfusionMatrix cm = trainer.confusion(scorer, val, UtteranceScorer.Voices.SPEAKER);
        Map<String, Object> withScores = new LinkedHashMap<>(r.bundle().metadata());
        withScores.put("validation_wa", cm.weightedAccuracy());
        withScores.put("validation_ua", cm.unweightedAccuracy());
        withScores.put("validation_macro_f1", cm.macroF1());
        if (r.bundle().normalization().speakerNormalised()) {
            // the figures above know each held-out speaker's voice from all their recordings; analyze knows one file
            ConfusionMatrix files = trainer.confusion(scorer, val, UtteranceScorer.Voices.UTTERANCE);
            withScores.put("validation_one_file_wa", files.weightedAccuracy());
            withScores.put("validation_one_file_ua", files.unweightedAccuracy());
            err.printf("validation one file at a time (as analyze): %s%n", files);
        }
        withScores.put("total_seconds", Math.round((System.nanoTime() - t0) / 1e9));
        r.bundle().withMetadata(withScores).save(out);
        err.printf("saved %s: validation (held-out speakers) %s; best epoch %d of %d; %.0f windows/s%n", out, cm,
                r.bestEpoch(), r.history().size(), r.windowsPerSecond());
        return 0;
    }
}
