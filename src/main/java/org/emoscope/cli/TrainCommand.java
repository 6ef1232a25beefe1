package org.emoscope.cli;

import org.emoscope.features.functionals.Functionals;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.FunctionalsClassifier;
import org.emoscope.model.ModelBundle;
import org.emoscope.pipeline.AnalyzerSettings;
import org.emoscope.train.FunctionalsCache;
import org.emoscope.train.FunctionalsEvaluation;
import org.emoscope.train.FunctionalsTrainer;
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
import picocli.CommandLine.ParameterException;
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

    @Option(names = "--functionals", defaultValue = "voice", paramLabel = "MODE",
            description = "The classifier over each window's statistics fused with the network: voice (centred on the "
                    + "voice it hears, default), plain (windows as they are) or none.")
    String functionals;

    @Option(names = "--fusion-weight", defaultValue = "0.75", paramLabel = "W",
            description = "The classifier's share of the fused probabilities, 0-1 (default: ${DEFAULT-VALUE}).")
    double fusionWeight;

    @Option(names = "--voice-strength", defaultValue = "10", paramLabel = "K",
            description = "How many windows the average training voice counts for in a voice's estimate "
                    + "(default: ${DEFAULT-VALUE}).")
    double voiceStrength;

    @Option(names = "--warm-start", paramLabel = "BUNDLE",
            description = "Start the network from this bundle's weights (trained on the same corpora with the same "
                    + "validation speakers) instead of random ones; layers a new head adds, such as attentive "
                    + "pooling's frame scorer, start fresh.")
    Path warmStart;

    @Option(names = "--freeze-trunk", description = "With --warm-start: train only an attentive pooling's frame "
            + "scorer; every other layer keeps its weights.")
    boolean freezeTrunk;

    @Option(names = "--network-from", paramLabel = "BUNDLE",
            description = "Take the network from this bundle (trained by this command on the same corpora, seed and "
                    + "validation speakers) instead of training one; train and attach only the functionals classifier.")
    Path networkFrom;

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
        if (!List.of("voice", "plain", "none").contains(functionals))
            throw new ParameterException(spec.commandLine(), "--functionals must be voice, plain or none");
        if (!(fusionWeight >= 0 && fusionWeight <= 1))
            throw new ParameterException(spec.commandLine(), "--fusion-weight must be 0-1");
        ModelBundle network = networkFrom == null ? trainNetwork(labels, names, vs, err, t0)
                : networkFrom(labels, names, vs);
        if (functionals.equals("none")) {
            network.save(out);
            err.printf("saved %s (no functionals classifier)%n", out);
            return 0;
        }
        double strength = functionals.equals("voice") ? voiceStrength : -1;
        FunctionalsEvaluation f = new FunctionalsEvaluation(new FunctionalsCache(FunctionalsCache.defaultDir(),
                network.featureConfig(), AnalyzerSettings.forWindow(network.windowSeconds())), options.threads,
                err::println, java.util.Set.of());
        FunctionalsTrainer ft = FunctionalsTrainer.logistic();
        FunctionalsClassifier head = f.train(vs.fit(), labels, AugmentationPlan.channel(options.seed), ft,
                options.seed, strength);
        ConfusionMatrix oneFile = f.confusion(head, vs.validation(), labels, false);
        ConfusionMatrix bySpeaker = f.confusion(head, vs.validation(), labels, true);
        err.printf("functionals classifier on the validation speakers: one file at a time %s; voice learnt %s%n",
                oneFile, bySpeaker);
        Map<String, Object> meta = new LinkedHashMap<>(network.metadata());
        meta.put("functionals", Functionals.size() + " statistics per window (pitch, loudness, voice quality, "
                + "spectral balance, tempo, MFCC means and spreads)");
        meta.put("functionals_classifier", (ft.hidden() > 0 ? "one hidden layer of " + ft.hidden()
                : "logistic regression") + ", " + ft.epochs() + " epochs, L2 " + ft.l2()
                + (strength >= 0 ? ", voice-centred (the average voice counts for " + strength + " windows)" : ""));
        meta.put("functionals_augmentation", "each training file as recorded and once more through one channel: "
                + "reverberation (RT60 0.4 s; 0.8 s with pink noise at 15-30 dB), a telephone line, pink noise at "
                + "5-20 dB or 8-14 dB of gain with clipping (AugmentationPlan.channel, seed " + options.seed + ")");
        meta.put("fusion", "probabilities = " + (1 - fusionWeight) + " x network + " + fusionWeight
                + " x functionals classifier");
        meta.put("functionals_one_file_ua", oneFile.unweightedAccuracy());
        meta.put("functionals_ua", bySpeaker.unweightedAccuracy());
        if (networkFrom != null) meta.put("network_command", network.metadata().get("command"));
        meta.put("command", "bin/emoscope " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        meta.put("total_seconds", Math.round((System.nanoTime() - t0) / 1e9));
        network.withMetadata(meta).withFunctionals(head, fusionWeight).save(out);
        err.printf("saved %s: network and functionals classifier, fused %.2f / %.2f%n", out, 1 - fusionWeight,
                fusionWeight);
        return 0;
    }

    /** The network of {@code --network-from}, checked to come from the same corpora and validation speakers. */
    private ModelBundle networkFrom(LabelSet labels, List<String> names, ValidationSplit vs) throws Exception {
        return sameTraining(networkFrom, "--network-from", labels, names, vs);
    }

    /** The bundle {@code file}, checked to come from the same corpora and validation speakers. */
    private ModelBundle sameTraining(Path file, String option, LabelSet labels, List<String> names,
                                     ValidationSplit vs) throws Exception {
        ModelBundle b = ModelBundle.load(file);
        if (!names.equals(b.metadata().get("corpora")) || !labels.name().equals(b.metadata().get("label_set"))
                || !vs.validationSpeakers().equals(b.metadata().get("validation_speakers")))
            throw new ParameterException(spec.commandLine(), option + " " + file + " was trained on "
                    + b.metadata().get("corpora") + " / " + b.metadata().get("label_set") + " with validation speakers "
                    + b.metadata().get("validation_speakers") + ", not " + names + " / " + labels.name() + " / "
                    + vs.validationSpeakers());
        return b;
    }

    private ModelBundle trainNetwork(LabelSet labels, List<String> names, ValidationSplit vs, PrintStream err,
                                     long t0) throws Exception {
        ItemLoader loader = options.loader();
        List<Item> fit = loader.load(vs.fit(), labels, AugmentationPlan.training(options.seed), err::println);
        List<Item> val = loader.load(vs.validation(), labels, AugmentationPlan.none(), null);
        NetworkSpec net = options.network(labels.labels().size(), options.seed);
        Trainer trainer = new Trainer(net, loader.cache().config(), options.settings(), labels.labels());
        if (warmStart != null) trainer = trainer.startingFrom(sameTraining(warmStart, "--warm-start", labels, names, vs));
        if (freezeTrunk) {
            if (warmStart == null) throw new ParameterException(spec.commandLine(), "--freeze-trunk needs --warm-start");
            trainer = trainer.freezingTrunk();
        }
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
        if (r.bundle().normalization().speakerNormalized()) {
            // the figures above know each held-out speaker's voice from all their recordings; analyze knows one file
            ConfusionMatrix files = trainer.confusion(scorer, val, UtteranceScorer.Voices.UTTERANCE);
            withScores.put("validation_one_file_wa", files.weightedAccuracy());
            withScores.put("validation_one_file_ua", files.unweightedAccuracy());
            err.printf("validation one file at a time (as analyze): %s%n", files);
        }
        withScores.put("network_seconds", Math.round((System.nanoTime() - t0) / 1e9));
        err.printf("network: validation (held-out speakers) %s; best epoch %d of %d; %.0f windows/s%n", cm,
                r.bestEpoch(), r.history().size(), r.windowsPerSecond());
        return r.bundle().withMetadata(withScores);
    }
}
