package org.emoscope.cli;

import org.emoscope.audio.WavWriter;
import org.emoscope.audio.AudioDecoder;
import org.emoscope.model.EmotionModel;
import org.emoscope.train.CrossCorpusScores;
import org.emoscope.train.Robustness;
import org.emoscope.train.corpus.Corpus;
import org.emoscope.train.corpus.LabelSet;
import org.emoscope.train.corpus.Utterance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** {@code emoscope robustness}: a model's accuracy and speech gate on degraded copies of a test set. */
@Command(name = "robustness", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Scores a model on degraded copies of a test set (noise, babble, reverberation, a telephone "
                + "line, a low-bit-rate codec, gain and clipping), each file exactly as analyze sees it.",
                "The test set is the speakers the bundle held out of its training (--held-out) or corpora it never "
                        + "heard (--corpus). Writes a table into --out (docs/robustness.md)."})
final class RobustnessCommand implements Callable<Integer> {

    @Mixin
    ModelOption modelOption;

    @Mixin
    TestSet.Options testSet;

    @Option(names = "--conditions", split = ",", paramLabel = "ID",
            description = "Only these conditions (default: all): clean, pink-20db, pink-10db, pink-5db, babble-20db, "
                    + "babble-10db, babble-5db, reverb-0.3s, reverb-0.6s, reverb-0.9s, telephone, mp3-16k, "
                    + "gain-20db, gain+12db-clip.")
    List<String> only;

    @Option(names = "--babble-corpus", defaultValue = "ravdess",
            description = "Corpus whose speakers (those outside the test set) make the babble (default: "
                    + "${DEFAULT-VALUE}).")
    String babbleCorpus;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "docs/robustness.md",
            description = "Page whose table for this test set is written or replaced (default: ${DEFAULT-VALUE}).")
    Path out;

    @Spec
    CommandSpec spec;

    /** Babble recordings: one per speaker of the babble corpus outside the test set, at most this many speakers. */
    static final int BABBLE_SPEAKERS = 12;

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        EmotionModel model = modelOption.loadOrReport(problem -> err.println("emoscope robustness: " + problem));
        if (model == null) return 1;
        String command = "bin/emoscope " + String.join(" ",
                spec.commandLine().getParseResult().originalArgs());
        LabelSet labelSet = LabelSet.sevenClass();
        TestSet set = testSet.select(model, modelOption.loaded, err, spec);
        List<Utterance> test = set.utterances();
        String title = set.title();
        Set<String> testSpeakers = new LinkedHashSet<>();
        test.forEach(u -> testSpeakers.add(u.speakerKey()));
        Set<String> classSet = new LinkedHashSet<>();
        for (Utterance u : test) labelSet.classOf(u.emotion()).ifPresent(e -> classSet.add(e.label()));
        List<String> classes = model.labels().stream().filter(classSet::contains).toList();

        BabblePool babble = babblePool(TrainingOptions.corpus(babbleCorpus), testSpeakers, testSet.data, err);

        Robustness.Condition codec = lame() ? new Robustness.Condition("mp3-16k",
                "MP3 at 16 kbit/s mono (LAME), decoded again", RobustnessCommand::mp3RoundTrip) : null;
        if (codec == null) err.println("mp3-16k left out: the 'lame' encoder is not installed (apt-get install lame)");
        List<Robustness.Condition> conditions = new ArrayList<>(Robustness.standard(babble.recordings(),
                babble.name(), codec));
        if (only != null) {
            for (String id : only)
                if (conditions.stream().noneMatch(c -> c.id().equals(id)))
                    throw new ParameterException(spec.commandLine(), "unknown or unavailable condition " + id);
            conditions.removeIf(c -> !only.contains(c.id()));
        }
        err.printf("%d test files, %d speakers, classes %s; babble from %s%n", test.size(),
                testSpeakers.size(), classes, babble.description());
        long t0 = System.nanoTime();
        Robustness robustness = new Robustness(model);
        List<Robustness.Result> results = new ArrayList<>();
        for (Robustness.Condition c : conditions) {
            long c0 = System.nanoTime();
            Robustness.Result r = robustness.run(c, test, labelSet, classes, err::println);
            results.add(r);
            err.printf(Locale.ROOT, "%-16s UA %.1f%%  model alone %.1f%%  no-speech files %.1f%%  windows %.1f%%  "
                            + "(%.0f s)%n", c.id(), 100 * r.ua(), 100 * r.modelUa(), 100 * r.noSpeechFiles(),
                    100 * r.noSpeechWindows(), (System.nanoTime() - c0) / 1e9);
        }
        String modelName = modelOption.loaded.getFileName().toString();
        String table = table(results, modelName, title + "; babble from " + babble.description(), test.size(),
                testSpeakers.size(), classes, command,
                (System.nanoTime() - t0) / 1e9);
        updatePage(out, tag(modelName, testSet.tag()), table);
        err.println("table written to " + out);
        return 0;
    }


    /**
     * Recordings that make babble: one from each of up to {@link #BABBLE_SPEAKERS} speakers of a corpus.
     *
     * @param name        names the pool in augmentation keys, e.g. {@code ravdess-12}
     * @param description for reports, e.g. "12 RAVDESS speakers"
     */
    record BabblePool(String name, String description, List<float[]> recordings) {
    }

    /** The first recording (in path order) of each of the first {@link #BABBLE_SPEAKERS} speakers not excluded. */
    static BabblePool babblePool(Corpus corpus, Set<String> excludedSpeakers, Path data, PrintStream err)
            throws IOException {
        Set<String> speakers = new LinkedHashSet<>();
        List<float[]> recordings = new ArrayList<>();
        for (Utterance u : TrainingOptions.scan(corpus, data, err).utterances().stream()
                .sorted(Comparator.comparing(u -> u.file().toString())).toList()) {
            if (excludedSpeakers.contains(u.speakerKey()) || speakers.size() >= BABBLE_SPEAKERS
                    || !speakers.add(u.speakerKey())) continue;
            recordings.add(AudioDecoder.decode(u.file(), 16_000).samples());
        }
        if (recordings.size() < 6)
            throw new IOException("babble needs 6 speakers of " + corpus.displayName() + " outside the test set, "
                    + "found " + recordings.size() + " (use --babble-corpus)");
        return new BabblePool(corpus.name() + "-" + speakers.size(), speakers.size() + " " + corpus.displayName()
                + " speakers", recordings);
    }


    static String tag(String model, String testSet) {
        return (model + "-" + testSet).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.+-]", "-");
    }

    static String table(List<Robustness.Result> results, String model, String title, int files, int speakers,
                        List<String> classes, String command, double seconds) {
        StringBuilder b = new StringBuilder();
        b.append("### ").append(model).append(" on ").append(title).append("\n\n");
        b.append(String.format(Locale.ROOT, "%d files, %d speakers, %d classes (%s); chance UA %.1f%%. ", files,
                speakers, classes.size(), String.join(", ", classes), 100.0 / classes.size()));
        b.append("UA is of the label `analyze` prints (\"no speech\" counts as wrong); \"model alone\" is the most "
                + "probable class whatever the speech gate said.\n\n");
        boolean shared = classes.containsAll(CrossCorpusScores.SHARED);
        b.append("| condition | UA % | UA / clean UA | model alone UA % |" + (shared ? " model alone, 4 shared classes "
                + "UA % |" : "") + " files called no speech | windows called no speech |\n|---|---|---|---|"
                + (shared ? "---|" : "") + "---|---|\n");
        double clean = results.stream().filter(r -> r.condition().id().equals("clean")).mapToDouble(
                Robustness.Result::ua).findFirst().orElse(Double.NaN);
        for (Robustness.Result r : results)
            b.append(String.format(Locale.ROOT, "| %s (%s) | %.1f | %s | %.1f |%s %.1f%% | %.1f%% |%n",
                    r.condition().id(), r.condition().description(), 100 * r.ua(),
                    Double.isNaN(clean) ? "-" : String.format(Locale.ROOT, "%.2f", r.ua() / clean),
                    100 * r.modelUa(), shared ? String.format(Locale.ROOT, " %.1f |",
                            100 * r.modelConfusion(CrossCorpusScores.SHARED).unweightedAccuracy()) : "",
                    100 * r.noSpeechFiles(), 100 * r.noSpeechWindows()));
        b.append(String.format(Locale.ROOT, "%nReproduce: `%s` (%s, %.0f min)%n", command, LocalDate.now(),
                seconds / 60));
        return b.toString();
    }

    /** Writes {@code table} between this tag's markers in {@code page}, appending it when they are not there. */
    static void updatePage(Path page, String tag, String table) throws IOException {
        updatePage(page, "robustness", "# Robustness", tag, table);
    }

    /**
     * Writes {@code table} into {@code page} between the markers {@code <!-- kind:tag:start -->} and
     * {@code <!-- kind:tag:end -->}, replacing what was there, or appends it (a new page starts with {@code title}).
     */
    static void updatePage(Path page, String kind, String title, String tag, String table) throws IOException {
        String start = "<!-- " + kind + ":" + tag + ":start -->";
        String end = "<!-- " + kind + ":" + tag + ":end -->";
        String text = Files.isRegularFile(page) ? Files.readString(page) : title + "\n";
        String block = start + "\n" + table + end;
        int s = text.indexOf(start);
        int e = text.indexOf(end);
        String updated = s >= 0 && e > s ? text.substring(0, s) + block + text.substring(e + end.length())
                : text.stripTrailing() + "\n\n" + block + "\n";
        if (page.toAbsolutePath().getParent() != null) Files.createDirectories(page.toAbsolutePath().getParent());
        Files.writeString(page, updated, StandardCharsets.UTF_8);
    }

    private static boolean lame() {
        try {
            Process p = new ProcessBuilder("lame", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** LAME's encoder and decoder delay (1,105 samples at the MP3's 8 kHz), in 16 kHz samples. */
    static final int LAME_DELAY = 2 * 1105;

    /** An MP3 round trip at 16 kbit/s through LAME (deterministic for the same input and LAME version). */
    static float[] mp3RoundTrip(float[] samples, java.util.SplittableRandom random) throws IOException {
        Path dir = Files.createTempDirectory("emoscope-mp3");
        try {
            Path wav = WavWriter.write16(dir.resolve("in.wav"), samples, 16_000);
            Path mp3 = dir.resolve("out.mp3");
            Process p = new ProcessBuilder("lame", "--quiet", "-b", "16", "--cbr", "-m", "m", wav.toString(),
                    mp3.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) throw new IOException("lame failed with exit code " + p.exitValue());
            float[] decoded = AudioDecoder.decode(mp3, 16_000).samples();
            float[] out = new float[samples.length];
            // LAME delays the signal by its encoder delay and padding; the decoder here does not remove it
            int delay = Math.min(Math.max(0, decoded.length - samples.length), LAME_DELAY);
            System.arraycopy(decoded, Math.min(delay, decoded.length), out, 0,
                    Math.max(0, Math.min(out.length, decoded.length - delay)));
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        }
    }
}
