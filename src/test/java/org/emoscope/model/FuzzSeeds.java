package org.emoscope.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.emoscope.features.FeatureConfig;

/**
 * Writes the seeds of {@link ModelBundleFuzzTest}: a tiny valid bundle (a 2-class network of a few hundred weights),
 * its model.bin, and the damaged and hostile variants of the bad-input corpus and {@link UntrustedBundleTest}, small
 * enough for the fuzzer. Run once from the test class path:
 * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.emoscope.model.FuzzSeeds}
 * (scripts/fuzz.sh --seeds does it); the files are committed.
 */
final class FuzzSeeds {

    private FuzzSeeds() {
    }

    public static void main(String[] args) throws Exception {
        TestNd4j.init();
        Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources/org/emoscope/model/ModelBundleFuzzTestInputs");
        Path load = Files.createDirectories(root.resolve("load"));
        Path archive = Files.createDirectories(root.resolve("networkArchive"));
        Path tmp = Files.createTempDirectory("seeds");

        NetworkSpec spec = new NetworkSpec(40, List.of(2), List.of(3), List.of(2), 2, 3, 2, 0.2, 1e-4, 1e-3, 2, 1);
        ModelBundle tiny = new ModelBundle(EmotionNetwork.build(spec), spec, List.of("calm", "angry"),
                FeatureConfig.defaults(), Normalization.identity(40), Map.of("note", "fuzz seed"), true);
        Path valid = tmp.resolve("valid.emo");
        tiny.save(valid);
        byte[] bundle = Files.readAllBytes(valid);
        Files.write(load.resolve("valid"), bundle);
        CraftedBundles.Parts parts = CraftedBundles.parts(valid);
        Files.write(archive.resolve("valid"), parts.model());

        // the bad-input corpus's damaged bundles
        Files.write(load.resolve("empty"), new byte[0]);
        Files.write(load.resolve("text"), "not a model\n".getBytes(StandardCharsets.UTF_8));
        Files.write(load.resolve("truncated"), Arrays.copyOf(bundle, bundle.length / 2));
        byte[] flipped = bundle.clone();
        for (int i = bundle.length / 2; i < bundle.length / 2 + 32; i++) flipped[i] ^= 0x5A;
        Files.write(load.resolve("flipped"), flipped);
        seed(load, "labels", CraftedBundles.write(tmp.resolve("l.emo"), (com.fasterxml.jackson.databind.node.ObjectNode)
                parts.manifest().deepCopy().set("labels", new com.fasterxml.jackson.databind.ObjectMapper()
                        .valueToTree(List.of("a", "b", "c"))), parts.model(), false));
        seed(load, "deflated", CraftedBundles.write(tmp.resolve("d.emo"), parts.manifest(), parts.model(), true));

        // hostile model.bin contents, as whole bundles and as archives
        ByteArrayOutputStream serialised = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(serialised)) {
            out.writeObject(new java.util.ArrayList<>(List.of("x")));
        }
        Map<String, byte[]> entries = CraftedBundles.entries(parts.model());
        String config = new String(entries.get(NetworkArchive.CONFIGURATION), StandardCharsets.UTF_8);
        variant(load, archive, "preprocessor", parts, entries, "preprocessor.bin", serialised.toByteArray());
        variant(load, archive, "other-class", parts, entries, NetworkArchive.CONFIGURATION, config.replaceFirst(
                "org.nd4j.linalg.activations.impl.ActivationReLU", "java.lang.Thread").getBytes(StandardCharsets.UTF_8));
        variant(load, archive, "wider", parts, entries, NetworkArchive.CONFIGURATION,
                config.replaceFirst("\"nout\" : 2", "\"nout\" : 3").getBytes(StandardCharsets.UTF_8));
        byte[] coefficients = entries.get(NetworkArchive.COEFFICIENTS);
        variant(load, archive, "short-weights", parts, entries, NetworkArchive.COEFFICIENTS,
                Arrays.copyOf(coefficients, coefficients.length - 8));
        byte[] bomb = CraftedBundles.rawZip(CraftedBundles.list(
                CraftedBundles.deflatedEntry(NetworkArchive.CONFIGURATION, entries.get(NetworkArchive.CONFIGURATION)),
                new CraftedBundles.RawEntry(NetworkArchive.COEFFICIENTS, true, 0, CraftedBundles.zerosDeflated(4),
                        4L << 20)));
        Files.write(archive.resolve("bomb"), bomb);
        seed(load, "bomb", CraftedBundles.write(tmp.resolve("b.emo"), parts.manifest(), bomb, false));
        System.out.println("seeds written to " + root);
    }

    private static void variant(Path load, Path archive, String name, CraftedBundles.Parts parts,
                                Map<String, byte[]> entries, String entry, byte[] content) throws IOException {
        Map<String, byte[]> copy = new java.util.LinkedHashMap<>(entries);
        copy.put(entry, content);
        byte[] model = CraftedBundles.zip(copy);
        Files.write(archive.resolve(name), model);
        seed(load, name, CraftedBundles.write(Files.createTempFile("seed", ".emo"), parts.manifest(), model, false));
    }

    private static void seed(Path dir, String name, Path bundle) throws IOException {
        Files.copy(bundle, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
