package org.emoscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.emoscope.features.FeatureConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Issue 18: a model bundle is untrusted input. It must not make EmoScope load a class of its choosing, deserialise a
 * Java object, or allocate what a zip bomb or a lying header asks for; each is refused with a message.
 */
class UntrustedBundleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CLASS = Pattern.compile("\"@class\" ?: ?\"([^\"]+)\"");
    private static final String RELU = "\"org.nd4j.linalg.activations.impl.ActivationReLU\"";

    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private static Path valid;

    @BeforeAll
    static void saveOne() throws Exception {
        TestNd4j.init();
        valid = shared.resolve("valid.emo");
        ModelBundle.untrained(List.of("angry", "happy", "neutral"), FeatureConfig.defaults()).save(valid);
        ModelBundle.load(valid); // warm: DL4J's classes are loaded before anything is timed
    }

    @Test
    void theShippedModelNamesOnlyAllowedClasses() throws Exception {
        Path shipped = Path.of("models/default.emo");
        Set<String> named = classesIn(shipped);
        assertTrue(named.size() >= 20, "classes in the shipped model: " + named);
        assertTrue(NetworkConfigCheck.ALLOWED_CLASSES.containsAll(named), "not allowed: " + named);
        assertEquals(Set.of(), ModelBundle.load(shipped).network().getConfiguration().getVertices().keySet()
                .stream().filter(String::isEmpty).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void everyNetworkEmoScopeBuildsPassesTheCheck() throws IOException {
        NetworkSpec spec = NetworkSpec.defaults(7);
        NetworkSpec noDropout = new NetworkSpec(13, List.of(8), List.of(3), List.of(1), 2, 3, 4, 0, 0, 1e-3, 2, 1);
        for (var conf : List.of(EmotionNetwork.configuration(spec, DataType.FLOAT, new Adam(1e-3)),
                EmotionNetwork.configuration(noDropout, DataType.DOUBLE, new NoOp()),
                EmotionNetwork.configuration(spec, DataType.FLOAT, new Sgd(0.1)))) {
            String checked = NetworkConfigCheck.check(conf.toJson().getBytes(StandardCharsets.UTF_8));
            assertEquals(conf, ComputationGraphConfiguration.fromJson(checked), "the checked JSON reads back the same");
        }
    }

    @Test
    void aClassOutsideTheAllowListIsRefusedBeforeItIsLoaded() throws IOException {
        Path bundle = CraftedBundles.withConfiguration(valid, dir.resolve("class.emo"),
                json -> json.replaceFirst(Pattern.quote(RELU),
                        Matcher.quoteReplacement("\"" + Canary.Refused.class.getName() + "\"")));
        assertRefused(bundle, "names the Java class org.emoscope.model.Canary$Refused");
        assertFalse(Canary.REFUSED_LOADED.get(), "the class named by the bundle was loaded");
    }

    @Test
    void withoutTheCheckDl4jWouldLoadTheClass() throws IOException {
        // what the check is for: DL4J's own reader loads (and initialises) whatever "@class" names
        String json = EmotionNetwork.configuration(NetworkSpec.defaults(3), DataType.FLOAT, new Adam(1e-3)).toJson()
                .replaceFirst(Pattern.quote(RELU), Matcher.quoteReplacement("\"" + Canary.GivenToDl4j.class.getName()
                        + "\""));
        assertThrows(RuntimeException.class, () -> ComputationGraphConfiguration.fromJson(json));
        assertTrue(Canary.DL4J_LOADED.get());
    }

    @Test
    void otherWaysOfNamingATypeAreRefused() throws IOException {
        String evil = "\"" + Canary.Refused.class.getName() + "\"";
        // Jackson reads ["some.Class", {...}] in place of {"@class": "some.Class", ...}
        assertRefused(CraftedBundles.withConfiguration(valid, dir.resolve("array.emo"), json -> {
            ObjectNode root = readObject(json);
            ObjectNode layer = (ObjectNode) root.findParent("activationFn");
            ArrayNode wrapped = JSON.createArrayNode().add(Canary.Refused.class.getName()).add(JSON.createObjectNode());
            layer.set("activationFn", wrapped);
            return root.toString();
        }), "Canary$Refused");
        assertRefused(CraftedBundles.withConfiguration(valid, dir.resolve("array-nodot.emo"), json -> {
            ObjectNode root = readObject(json);
            ((ObjectNode) root.findParent("activationFn")).set("activationFn",
                    JSON.createArrayNode().add("Evil").add(JSON.createObjectNode()));
            return root.toString();
        }), "gives a type as an array");
        // a second "@class": a tree keeps the last, DL4J's reader the first
        assertRefused(CraftedBundles.withConfiguration(valid, dir.resolve("duplicate.emo"),
                json -> json.replaceFirst("\"@class\" ?: ?" + Pattern.quote(RELU),
                        Matcher.quoteReplacement("\"@class\" : " + evil + ", \"@class\" : " + RELU))),
                "Duplicate field '@class'");
        assertRefused(CraftedBundles.withConfiguration(valid, dir.resolve("case.emo"),
                json -> json.replaceFirst("\"@class\" ?: ?" + Pattern.quote(RELU),
                        Matcher.quoteReplacement("\"@CLASS\" : " + evil))),
                "unexpected type field @CLASS");
        assertRefused(CraftedBundles.withConfiguration(valid, dir.resolve("value.emo"),
                json -> json.replaceFirst("\"layerName\" ?: ?\"conv1\"",
                        Matcher.quoteReplacement("\"layerName\" : " + evil))),
                "Canary$Refused");
        assertFalse(Canary.REFUSED_LOADED.get(), "a class named by a bundle was loaded");
    }

    @Test
    void javaSerialisedEntriesAreRefused() throws IOException {
        ByteArrayOutputStream serialised = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(serialised)) {
            out.writeObject(new ArrayList<>(List.of("anything at all")));
        }
        assertRefused(CraftedBundles.withModelEntries(valid, dir.resolve("pre.emo"),
                e -> e.put("preprocessor.bin", serialised.toByteArray())), "Java deserialisation");
        assertRefused(CraftedBundles.withModelEntries(valid, dir.resolve("obj.emo"),
                e -> e.put("objects/x", serialised.toByteArray())), "unexpected entry objects/x");
        assertRefused(CraftedBundles.withModelEntries(valid, dir.resolve("norm.emo"),
                e -> e.put("normalizer.bin", serialised.toByteArray())), "normalizer.bin");
    }

    @Test
    void entriesOutOfOrderTwiceOrMissingAreRefused() throws IOException {
        assertRefused(CraftedBundles.withModelEntries(valid, dir.resolve("order.emo"), e -> {
            byte[] config = e.remove(NetworkArchive.CONFIGURATION);
            e.put(NetworkArchive.CONFIGURATION, config);
        }), "comes before configuration.json");
        assertRefused(CraftedBundles.withModelEntries(valid, dir.resolve("nocoef.emo"),
                e -> e.remove(NetworkArchive.COEFFICIENTS)), "has no coefficients.bin");
        Map<String, byte[]> entries = CraftedBundles.entries(CraftedBundles.parts(valid).model());
        byte[] twice = CraftedBundles.rawZip(CraftedBundles.list(
                CraftedBundles.deflatedEntry(NetworkArchive.CONFIGURATION, entries.get(NetworkArchive.CONFIGURATION)),
                CraftedBundles.deflatedEntry(NetworkArchive.CONFIGURATION, entries.get(NetworkArchive.CONFIGURATION))));
        assertRefused(CraftedBundles.write(dir.resolve("twice.emo"), CraftedBundles.parts(valid).manifest(), twice,
                false), "holds the entry configuration.json twice");
    }

    @Test
    void coefficientsThatDoNotFitTheConfigurationAreRefused() throws IOException {
        Map<String, byte[]> entries = CraftedBundles.entries(CraftedBundles.parts(valid).model());
        byte[] coefficients = entries.get(NetworkArchive.COEFFICIENTS);
        // the data buffer's length field sits after the shape buffer: change it (and the shape) to one weight fewer
        byte[] fewer = java.util.Arrays.copyOf(coefficients, coefficients.length - 4);
        ByteBuffer b = ByteBuffer.wrap(fewer);
        long count = b.getLong(2 + 16 + 8 + 2 + 4 + 8);
        b.putLong(2 + 16 + 8 + 2 + 4 + 8, count - 1);
        assertRefused(CraftedBundles.withModelEntries(valid, dir.resolve("fewer.emo"),
                e -> e.put(NetworkArchive.COEFFICIENTS, fewer)), "does not hold the " + count + " weights");
        // a network twice as wide as its weights
        assertRefused(CraftedBundles.withConfiguration(valid, dir.resolve("wider.emo"),
                json -> json.replaceFirst("\"nout\" ?: ?64", "\"nout\" : 128")), "weights the configuration describes");
        // a configuration describing billions of parameters, within every per-layer bound
        assertRefused(CraftedBundles.withConfiguration(valid, dir.resolve("huge.emo"),
                json -> json.replaceAll("\"nout\" ?: ?\\d+", "\"nout\" : 65536").replaceAll("\"nin\" ?: ?\\d+",
                        "\"nin\" : 65536")), "parameters, more than");
        assertRefused(CraftedBundles.withConfiguration(valid, dir.resolve("wide.emo"),
                json -> json.replaceFirst("\"nout\" ?: ?64", "\"nout\" : 9223372036854775807")), "implausible size");
    }

    @Test
    void anInnerZipBombIsRefusedQuicklyWithoutRunningOutOfMemory() throws IOException {
        Map<String, byte[]> entries = CraftedBundles.entries(CraftedBundles.parts(valid).model());
        int gigabytes = 3;
        byte[] bomb = CraftedBundles.zerosDeflated(gigabytes * 1000);
        assertTrue(bomb.length < 8 << 20, "the bomb is a few MB: " + bomb.length);
        byte[] model = CraftedBundles.rawZip(CraftedBundles.list(
                CraftedBundles.deflatedEntry(NetworkArchive.CONFIGURATION, entries.get(NetworkArchive.CONFIGURATION)),
                new CraftedBundles.RawEntry(NetworkArchive.COEFFICIENTS, true, 0, bomb, gigabytes * 1_000_000_000L)));
        Path file = CraftedBundles.write(dir.resolve("bomb.emo"), CraftedBundles.parts(valid).manifest(), model, false);
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> assertRefused(file, "inflates to more than"));
        // the same inside a configuration
        byte[] configBomb = CraftedBundles.rawZip(CraftedBundles.list(new CraftedBundles.RawEntry(
                NetworkArchive.CONFIGURATION, true, 0, bomb, gigabytes * 1_000_000_000L)));
        Path file2 = CraftedBundles.write(dir.resolve("bomb2.emo"), CraftedBundles.parts(valid).manifest(),
                configBomb, false);
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> assertRefused(file2, "inflates to more than"));
    }

    @Test
    void anOuterZipBombIsRefusedQuickly() throws Exception {
        // model.bin itself deflated: a valid network followed by a gigabyte of zeros
        byte[] model = CraftedBundles.parts(valid).model();
        byte[] zeros = CraftedBundles.zerosDeflated(1000);
        // deflate the model bytes, then continue with the zeros stream: simplest as one raw outer entry of zeros only
        Path file = CraftedBundles.write(dir.resolve("outer.emo"), CraftedBundles.parts(valid).manifest(), model, true);
        ModelBundle.load(file); // deflated but honest: fine
        byte[] outer = CraftedBundles.rawZip(CraftedBundles.list(
                CraftedBundles.deflatedEntry(ModelBundle.MANIFEST_ENTRY,
                        JSON.writeValueAsBytes(CraftedBundles.parts(valid).manifest())),
                new CraftedBundles.RawEntry(ModelBundle.MODEL_ENTRY, true, 0, zeros, 1_000_000_000L)));
        Path bomb = Files.write(dir.resolve("outer-bomb.emo"), outer);
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> assertRefused(bomb, "model.bin"));
    }

    @Test
    void manifestsThatWouldAllocateTooMuchAreRefused() throws IOException {
        Path deep = withMetadata("deep.emo", "[".repeat(100_000) + "]".repeat(100_000));
        assertRefused(deep, "nests more than");
        Path longArray = withMetadata("long.emo", "[" + "0,".repeat(1 << 17) + "0]");
        assertRefused(longArray, "an array holds more than");
        ObjectNode m = CraftedBundles.parts(valid).manifest();
        ObjectNode functionals = m.putObject("functionals");
        ArrayNode layers = functionals.putArray("layers");
        for (int i = 0; i < 17; i++) layers.addObject().putArray("bias").add(0);
        assertRefused(CraftedBundles.write(dir.resolve("layers.emo"), m, CraftedBundles.parts(valid).model(), false),
                "17 layers, at most 16");
        layers.removeAll();
        ArrayNode row = layers.addObject().putArray("weights").addArray();
        for (int i = 0; i < 5000; i++) row.add(0.5);
        assertRefused(CraftedBundles.write(dir.resolve("width.emo"), m, CraftedBundles.parts(valid).model(), false),
                "more than 4096 inputs");
    }

    /** The valid bundle with {@code json} added to its manifest, written as it is (a tree of it may not fit). */
    private Path withMetadata(String name, String json) throws IOException {
        CraftedBundles.Parts parts = CraftedBundles.parts(valid);
        String text = parts.manifest().toString();
        byte[] manifest = (text.substring(0, text.length() - 1) + ",\"extra\":" + json + "}")
                .getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve(name);
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new java.util.zip.ZipEntry(ModelBundle.MANIFEST_ENTRY));
            zip.write(manifest);
            zip.putNextEntry(new java.util.zip.ZipEntry(ModelBundle.MODEL_ENTRY));
            zip.write(parts.model());
        }
        return file;
    }

    private static ObjectNode readObject(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> classesIn(Path bundle) throws IOException {
        Map<String, byte[]> entries = CraftedBundles.entries(CraftedBundles.parts(bundle).model());
        Matcher m = CLASS.matcher(new String(entries.get(NetworkArchive.CONFIGURATION), StandardCharsets.UTF_8));
        Set<String> out = new TreeSet<>();
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private static void assertRefused(Path file, String expected) {
        ModelBundleException e = assertThrows(ModelBundleException.class, () -> ModelBundle.load(file));
        assertTrue(e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
    }
}
