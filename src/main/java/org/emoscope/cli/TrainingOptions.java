package org.emoscope.cli;

import org.emoscope.features.FeatureConfig;
import org.emoscope.model.NetworkSpec;
import org.emoscope.train.FeatureCache;
import org.emoscope.train.ItemLoader;
import org.emoscope.train.TrainingSettings;
import org.emoscope.train.corpus.Corpora;
import org.emoscope.train.corpus.Corpus;
import org.emoscope.train.corpus.CorpusScan;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Options shared by {@code train} and {@code evaluate}. */
final class TrainingOptions {

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "../shared/corpora",
            description = "Folder holding one sub-folder per corpus (ravdess, tess, emovo, emodb-2s, nemo, savee, cremad) "
                    + "(default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--epochs", defaultValue = "40",
            description = "Most epochs per training (default: ${DEFAULT-VALUE}; 100 for evaluate --protocol paper).")
    int epochs;

    @Option(names = "--patience", defaultValue = "8",
            description = "Stop after this many epochs without a better validation UA (default: ${DEFAULT-VALUE}; 20 "
                    + "for evaluate --protocol paper).")
    int patience;

    @Option(names = "--batch", defaultValue = "32", description = "Minibatch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of sampling and splits (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Feature cache (default: $EMOSCOPE_CACHE or ~/.cache/emoscope/features).")
    Path cache;

    @Option(names = "--threads", defaultValue = "2", description = "Threads computing features (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--window-cmn",
            description = "Centre each window on its own per-coefficient mean (cepstral mean normalisation).")
    boolean windowCmn;

    @Option(names = "--mask", description = "SpecAugment-style masking of training windows (time stretches and "
            + "coefficient bands).")
    boolean mask;

    @Option(names = "--mixup", paramLabel = "ALPHA", defaultValue = "0",
            description = "Mixup of training batches with weights from Beta(ALPHA, ALPHA), e.g. 0.2 (default: off).")
    double mixup;

    @Option(names = "--speaker-norm", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Standardise each speaker's features by that speaker's own statistics (unlabelled; test "
                    + "speakers too; the app estimates them while it listens) before the global normalisation "
                    + "(default: on; --no-speaker-norm turns it off).")
    boolean speakerNorm;

    @Option(names = "--voice-mix", paramLabel = "FRACTION", defaultValue = "0",
            description = "With speaker normalisation: this fraction of training windows is normalised as analyze "
                    + "sees one file (the recording's own statistics blended with the average speaker) instead of "
                    + "with the speaker's full statistics (default: ${DEFAULT-VALUE}).")
    double voiceMix;

    @Option(names = "--samples-per-item", paramLabel = "N", defaultValue = "1",
            description = "Random training windows drawn per recording per epoch (default: ${DEFAULT-VALUE}).")
    int samplesPerItem;

    @Option(names = "--smooth-epochs", paramLabel = "N", defaultValue = "1",
            description = "Early stopping follows the validation score averaged over the last N epochs, and keeps "
                    + "the weights of the epoch ending the best run of N (default: ${DEFAULT-VALUE}: one epoch).")
    int smoothEpochs;

    @Option(names = "--lr-patience", paramLabel = "N", defaultValue = "0",
            description = "Halve the learning rate after N epochs without a better validation score (default: "
                    + "${DEFAULT-VALUE}: never).")
    int lrPatience;

    @Option(names = "--window", paramLabel = "SECONDS", defaultValue = "2.0",
            description = "Training and scoring window in seconds (default: ${DEFAULT-VALUE}). The bundle records it, "
                    + "and the app and analyze cut windows of this length for it.")
    double window;

    @Option(names = "--pooling", paramLabel = "P", defaultValue = "mean-max",
            description = "How the network pools over time: mean-max (the paper's average and maximum), attentive "
                    + "(learnt frame weights that sum to 1, weighted mean and spread) or attentive-max (learnt "
                    + "weights for the mean beside the maximum; the shipped model's, trained with --warm-start and "
                    + "--freeze-trunk) (default: ${DEFAULT-VALUE}).")
    String pooling;

    TrainingSettings settings() {
        return TrainingSettings.defaults().withEpochs(epochs, patience).withSeed(seed).withBatch(batch)
                .withWindowMean(windowCmn).withMasking(mask).withMixup(mixup).withWindowSeconds(window)
                .withSmoothEpochs(smoothEpochs).withLrPatience(lrPatience)
                .withSpeakerNorm(speakerNorm).withSamplesPerItem(samplesPerItem)
                .withVoiceMix(voiceMix);
    }

    /**
     * The network for {@code classes} classes of the default features, its weights initialised from the run's seed:
     * seed + 35, so that the default seed 7 keeps the initialisation (42) every earlier result used.
     */
    NetworkSpec network(int classes, long seed) {
        NetworkSpec.Pooling p = switch (pooling) {
            case "attentive" -> NetworkSpec.Pooling.ATTENTIVE;
            case "attentive-max" -> NetworkSpec.Pooling.ATTENTIVE_MAX;
            case "mean-max" -> NetworkSpec.Pooling.MEAN_MAX;
            default -> throw new IllegalArgumentException("--pooling must be attentive, attentive-max or mean-max, not "
                    + pooling);
        };
        return NetworkSpec.defaults(classes).withInputChannels(FeatureConfig.defaults().coefficients())
                .withSeed(seed + 35).withPooling(p);
    }

    ItemLoader loader() {
        return new ItemLoader(new FeatureCache(cache != null ? cache : FeatureCache.defaultDir(),
                FeatureConfig.defaults()), threads);
    }

    /** Scans one corpus under {@link #data}, failing with a clear message when it is not there. */
    CorpusScan scan(Corpus corpus, PrintStream err) throws IOException {
        return scan(corpus, data, err);
    }

    /** Scans one corpus under {@code data}, failing with a clear message when it is not there. */
    static CorpusScan scan(Corpus corpus, Path data, PrintStream err) throws IOException {
        Path dir = corpus.folderUnder(data);
        if (!Files.isDirectory(dir))
            throw new IOException(corpus.displayName() + " not found: no folder " + dir + " (use --data DIR)");
        CorpusScan scan = corpus.reader().scan(dir);
        if (scan.utterances().isEmpty())
            throw new IOException("no " + corpus.displayName() + " files found under " + dir);
        err.printf("%s: %d utterances, %d speakers%s%n", corpus.displayName(), scan.utterances().size(),
                scan.utterances().stream().map(u -> u.speaker()).distinct().count(),
                scan.skipped().isEmpty() ? "" : ", " + scan.skipped().size() + " files skipped (names not "
                        + corpus.displayName() + "'s)");
        return scan;
    }

    static Corpus corpus(String name) {
        return Corpora.find(name).orElseThrow(() -> new IllegalArgumentException("unknown corpus '" + name
                + "'; known: " + Corpora.all().stream().map(Corpus::name).toList()));
    }
}
