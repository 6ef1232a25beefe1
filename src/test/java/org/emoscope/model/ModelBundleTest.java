package org.emoscope.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.emoscope.features.FeatureConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading bundles, and every way {@link ModelBundle#load} must refuse a bad one. */
class ModelBundleTest {

    private static final List<String> LABELS = List.of("angry", "happy", "neutral");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A valid bundle, saved once and copied/corrupted by the tests. */
    private static Path valid;
    private static ModelBundle original;

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    @BeforeAll
    static void saveOne() throws IOException {
        TestNd4j.init();
        FeatureConfig features = FeatureConfig.defaults();
        NetworkSpec spec = NetworkSpec.defaults(LABELS.size());
        float[] mean = new float[40];
        float[] std = new float[40];
        for (int c = 0; c < 40; c++) {
            mean[c] = c * 0.5f - 3;
            std[c] = 1 + c * 0.1f;
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("corpora", List.of("synthetic"));
        metadata.put("protocol", "speaker-independent 5-fold");
        metadata.put("epochs", 12);
        metadata.put("seed", 42L);
        metadata.put("metrics", Map.of("uar", 0.61, "accuracy", 0.64));
        original = new ModelBundle(EmotionNetwork.build(spec), spec, LABELS, features, new Normalization(mean, std),
                metadata, false);
        valid = shared.resolve("valid.emoscope");
        original.save(valid);
        System.out.printf("bundle size: %d bytes%n", Files.size(valid));
    }

    // ---- round trip ----------------------------------------------------------------------------------------------

    @Test
    void roundTripKeepsEverything() throws Exception {
        ModelBundle loaded = ModelBundle.load(valid);
        assertEquals(LABELS, loaded.labels());
        assertEquals(original.featureConfig(), loaded.featureConfig());
        assertEquals(original.spec(), loaded.spec());
        assertEquals(original.normalization(), loaded.normalization());
        assertFalse(loaded.untrained());
        assertEquals("speaker-independent 5-fold", loaded.metadata().get("protocol"));
        assertEquals(12, loaded.metadata().get("epochs"));
        assertEquals(List.of("synthetic"), loaded.metadata().get("corpora"));
        assertEquals(0.61, ((Map<?, ?>) loaded.metadata().get("metrics")).get("uar"));
        assertEquals(original.network().params(), loaded.network().params());
        assertEquals(original.network().getConfiguration(), loaded.network().getConfiguration());

        float[][] window = new float[30][40];
        for (int t = 0; t < 30; t++) for (int c = 0; c < 40; c++) window[t][c] = (float) Math.sin(t * 0.3 + c);
        Prediction before = new EmotionModel(original).predict(window);
        Prediction after = new EmotionModel(loaded).predict(window);
        assertArrayEquals(before.probabilities(), after.probabilities(), 0f);
        assertArrayEquals(before.frameAttention(), after.frameAttention(), 0f);
    }

    @Test
    void aSpeakerNormalisedBundleKeepsItsPrior() throws Exception {
        float[] m = new float[40];
        float[] sd = new float[40];
        for (int c = 0; c < 40; c++) {
            m[c] = c - 20;
            sd[c] = 2 + c * 0.05f;
        }
        SpeakerPrior prior = new SpeakerPrior(m, sd, 240, 1000);
        ModelBundle b = new ModelBundle(original.network(), original.spec(), LABELS, original.featureConfig(),
                original.normalization().withSpeaker(prior), Map.of(), false);
        Path file = dir.resolve("speaker.emo");
        b.save(file);
        ModelBundle loaded = ModelBundle.load(file);
        assertEquals(b.normalization(), loaded.normalization());
        assertTrue(new EmotionModel(loaded).speakerNormalized());
        assertEquals(prior, new EmotionModel(loaded).speakerPrior());
        assertFalse(new EmotionModel(ModelBundle.load(valid)).speakerNormalized(), "older bundles: none");
    }

    @Test
    void theTrainingWindowTravelsWithTheBundle() throws Exception {
        ModelBundle b = new ModelBundle(original.network(), original.spec(), LABELS, original.featureConfig(),
                original.normalization(), 3.5, Map.of(), false);
        Path file = dir.resolve("window.emo");
        b.save(file);
        assertEquals(3.5, manifest(file).get("windowSeconds").asDouble());
        assertEquals(3.5, ModelBundle.load(file).windowSeconds());
        assertEquals(3.5, new EmotionModel(ModelBundle.load(file)).windowSeconds());
        assertEquals(3.5, b.withMetadata(Map.of("x", 1)).windowSeconds());
        assertEquals(ModelBundle.DEFAULT_WINDOW_SECONDS, original.windowSeconds());
    }

    @Test
    void aBundleWithoutAWindowWasTrainedOnTwoSeconds() throws Exception {
        Path file = withManifest("no-window", m -> m.remove("windowSeconds"));
        assertEquals(2.0, ModelBundle.load(file).windowSeconds(), "bundles made before the field existed");
    }

    @Test
    void windowOutOfRange() throws IOException {
        assertRefused(withManifest("window-zero", m -> m.put("windowSeconds", 0.0)),
                "the analysis window must be 0.1-30.0 s, not 0.0");
        assertThrows(IllegalArgumentException.class, () -> new ModelBundle(original.network(), original.spec(),
                LABELS, original.featureConfig(), original.normalization(), Double.NaN, Map.of(), false));
    }

    @Test
    void manifestIsReadableJsonWithTheModelChecksum() throws Exception {
        ObjectNode manifest = manifest(valid);
        assertEquals(1, manifest.get("formatVersion").asInt());
        assertEquals(40, manifest.get("featureConfig").get("coefficients").asInt());
        assertEquals(3, manifest.get("networkSpec").get("numClasses").asInt());
        try (ZipFile zip = new ZipFile(valid.toFile())) {
            byte[] model = zip.getInputStream(zip.getEntry(ModelBundle.MODEL_ENTRY)).readAllBytes();
            assertEquals(ModelBundle.sha256(model), manifest.get("modelSha256").asText());
        }
    }

    @Test
    void untrainedBundleIsFlaggedAndFitsItsFeatureConfig() throws Exception {
        FeatureConfig thirteen = new FeatureConfig(16000, 400, 160, 512, 26, 13, 20, 8000, 0.97,
                FeatureConfig.WindowType.HAMMING);
        ModelBundle bundle = ModelBundle.untrained(List.of("a", "b"), thirteen);
        assertTrue(bundle.untrained());
        assertEquals(Normalization.identity(13), bundle.normalization());
        assertEquals(13, bundle.spec().inputChannels());
        Path file = dir.resolve("untrained.emoscope");
        bundle.save(file);
        EmotionModel model = EmotionModel.load(file);
        assertTrue(model.untrained());
        assertEquals(2, model.predict(new float[20][13]).probabilities().length);
    }

    @Test
    void constructorRefusesPartsThatDoNotFit() {
        NetworkSpec spec = NetworkSpec.defaults(3);
        ComputationGraph net = EmotionNetwork.build(spec);
        FeatureConfig features = FeatureConfig.defaults();
        Normalization norm = Normalization.identity(40);
        assertThrows(IllegalArgumentException.class,
                () -> new ModelBundle(net, spec, List.of("a", "b"), features, norm, Map.of(), false));
        assertThrows(IllegalArgumentException.class,
                () -> new ModelBundle(net, spec, List.of("a", "b", "a"), features, norm, Map.of(), false));
        assertThrows(IllegalArgumentException.class,
                () -> new ModelBundle(net, spec, LABELS, features, Normalization.identity(13), Map.of(), false));
    }

    // ---- atomic save ---------------------------------------------------------------------------------------------

    @Test
    void saveReplacesAnExistingBundleAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("model.emoscope");
        Files.writeString(file, "old content");
        original.save(file);
        assertEquals(LABELS, ModelBundle.load(file).labels());
        assertEquals(List.of(file), listing(dir));
        // the bundle gets ordinary permissions (a temporary file from Files.createTempFile would be private)
        Path plain = Files.createFile(dir.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
    }

    @Test
    void failedSaveLeavesTheOldBundleAndNoTemporaryFile() throws Exception {
        Path file = dir.resolve("model.emoscope");
        Files.copy(valid, file);
        byte[] before = Files.readAllBytes(file);
        ModelBundle unwritable = new ModelBundle(original.network(), original.spec(), LABELS,
                original.featureConfig(), original.normalization(), Map.of("bad", new Object()), false);
        assertThrows(IOException.class, () -> unwritable.save(file));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), listing(dir));
    }

    @Test
    void saveThatFailsAfterWritingCleansUp() throws Exception {
        Path target = dir.resolve("in-the-way");
        Files.createDirectories(target.resolve("child"));
        assertThrows(IOException.class, () -> original.save(target));
        assertTrue(Files.isDirectory(target.resolve("child")));
        assertEquals(List.of(target), listing(dir));
    }

    private static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    // ---- refusals ------------------------------------------------------------------------------------------------

    @Test
    void missingFile() {
        assertRefused(dir.resolve("nope.emoscope"), "does not exist");
    }

    @Test
    void directoryInsteadOfFile() {
        assertRefused(dir, "not a regular file");
    }

    @Test
    void emptyFile() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.emoscope"));
        assertRefused(file, "empty");
    }

    @Test
    void notAZip() throws IOException {
        Path file = Files.writeString(dir.resolve("text.emoscope"), "this is not a model bundle at all");
        assertRefused(file, "not a zip file");
    }

    @Test
    void truncatedFiles() throws IOException {
        byte[] bytes = Files.readAllBytes(valid);
        for (int keep : new int[] {bytes.length / 2, bytes.length - 10, 100}) {
            Path file = Files.write(dir.resolve("truncated-" + keep + ".emoscope"), Arrays.copyOf(bytes, keep));
            assertRefused(file, "truncated or corrupt");
        }
    }

    @Test
    void corruptEntryData() throws IOException {
        // flip bytes inside the stored model entry: the zip's own CRC catches it
        byte[] bytes = Files.readAllBytes(valid);
        for (int i = bytes.length / 2; i < bytes.length / 2 + 16; i++) bytes[i] ^= 0x5A;
        Path file = Files.write(dir.resolve("flipped.emoscope"), bytes);
        assertRefused(file, "corrupt");
    }

    @Test
    void missingEntries() throws IOException {
        assertRefused(rewrite("no-manifest", Map.of(), ModelBundle.MANIFEST_ENTRY), "entry manifest.json is missing");
        assertRefused(rewrite("no-model", Map.of(), ModelBundle.MODEL_ENTRY), "entry model.bin is missing");
    }

    @Test
    void formatVersions() throws IOException {
        assertRefused(withManifest("newer", m -> m.put("formatVersion", ModelBundle.FORMAT_VERSION + 1)),
                "newer than this EmoScope reads");
        assertRefused(withManifest("zero", m -> m.put("formatVersion", 0)), "unknown format version 0");
        assertRefused(withManifest("none", m -> m.remove("formatVersion")), "no integer formatVersion");
        assertRefused(rewrite("not-json", Map.of(ModelBundle.MANIFEST_ENTRY, "{not json".getBytes(
                StandardCharsets.UTF_8))), "not valid JSON");
        assertRefused(withManifest("no-labels", m -> m.remove("labels")), "lacks the field labels");
    }

    @Test
    void checksumMismatch() throws IOException {
        byte[] model;
        try (ZipFile zip = new ZipFile(valid.toFile())) {
            model = zip.getInputStream(zip.getEntry(ModelBundle.MODEL_ENTRY)).readAllBytes();
        }
        model[model.length / 3] ^= 1; // a valid zip (fresh CRC) whose model differs from the manifest's checksum
        assertRefused(rewrite("tampered", Map.of(ModelBundle.MODEL_ENTRY, model)), "checksum mismatch");
    }

    @Test
    void modelEntryThatIsNotADl4jNetwork() throws IOException {
        byte[] junk = "not a network".getBytes(StandardCharsets.UTF_8);
        ObjectNode m = manifest(valid);
        m.put("modelSha256", ModelBundle.sha256(junk)); // consistent checksum: the content itself is the problem
        Path file = rewrite("junk-model", Map.of(ModelBundle.MODEL_ENTRY, junk,
                ModelBundle.MANIFEST_ENTRY, JSON.writeValueAsBytes(m)));
        assertRefused(file, "model.bin is not a readable DL4J network");
    }

    @Test
    void emptyLabel() throws IOException {
        assertRefused(withManifest("empty-label", m -> ((ArrayNode) m.get("labels")).set(1, "")), "label 1 is empty");
    }

    @Test
    void labelCountDifferentFromNetworkOutputs() throws IOException {
        assertRefused(withManifest("labels", m -> ((ArrayNode) m.get("labels")).add("sad")),
                "4 labels [angry, happy, neutral, sad] but the network outputs 3 classes");
    }

    @Test
    void coefficientsDifferentFromNetworkInputs() throws IOException {
        assertRefused(withManifest("coefficients", m -> ((ObjectNode) m.get("featureConfig")).put("coefficients", 20)),
                "20 MFCC coefficients but the network takes 40 input channels");
    }

    @Test
    void normalisationOfTheWrongLength() throws IOException {
        Path file = withManifest("norm-length", m -> {
            ((ArrayNode) m.get("normalization").get("mean")).remove(0);
            ((ArrayNode) m.get("normalization").get("std")).remove(0);
        });
        assertRefused(file, "normalisation has 39 channels but the feature config gives 40");
        assertRefused(withManifest("norm-mismatch", m -> ((ArrayNode) m.get("normalization").get("std")).remove(0)),
                "mean has 40 channels but std has 39");
    }

    @Test
    void notANumberInTheStatistics() throws IOException {
        assertRefused(withManifest("nan", m -> ((ArrayNode) m.get("normalization").get("mean")).set(5, "NaN")),
                "mean of channel 5 is NaN");
    }

    @Test
    void specThatDoesNotDescribeTheNetwork() throws IOException {
        assertRefused(withManifest("pooling", m -> ((ArrayNode) m.get("networkSpec").get("poolSizes")).set(2, 2)),
                "the network spec says the network pools time by 8 but the network pools it by 4");
    }

    @Test
    void invalidFeatureConfig() throws IOException {
        assertRefused(withManifest("bad-config", m -> ((ObjectNode) m.get("featureConfig")).put("hopSamples", 0)),
                "hopSamples must be in 1..400");
    }

    private static void assertRefused(Path file, String reason) {
        ModelBundleException e = assertThrows(ModelBundleException.class, () -> ModelBundle.load(file));
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
        assertTrue(e.reason().contains(reason), "expected \"" + reason + "\" in: " + e.getMessage());
        assertEquals(file, e.file());
        assertNotEquals(e.getMessage(), e.reason());
    }

    // ---- building damaged bundles --------------------------------------------------------------------------------

    private static ObjectNode manifest(Path bundle) throws IOException {
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            return (ObjectNode) JSON.readTree(zip.getInputStream(zip.getEntry(ModelBundle.MANIFEST_ENTRY)));
        }
    }

    /** A copy of the valid bundle whose manifest was changed by {@code edit}. */
    private Path withManifest(String name, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode m = manifest(valid);
        edit.accept(m);
        return rewrite(name, Map.of(ModelBundle.MANIFEST_ENTRY, JSON.writeValueAsBytes(m)));
    }

    /** A copy of the valid bundle with some entries replaced and others left out. */
    private Path rewrite(String name, Map<String, byte[]> replaced, String... dropped) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipFile in = new ZipFile(valid.toFile()); ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                if (Arrays.asList(dropped).contains(entry.getName())) continue;
                out.putNextEntry(new ZipEntry(entry.getName()));
                byte[] data = replaced.containsKey(entry.getName()) ? replaced.get(entry.getName())
                        : in.getInputStream(entry).readAllBytes();
                out.write(data);
                out.closeEntry();
            }
        }
        return Files.write(dir.resolve(name + ".emoscope"), bytes.toByteArray());
    }
}
