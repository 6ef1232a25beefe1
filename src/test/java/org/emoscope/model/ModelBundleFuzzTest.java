package org.emoscope.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;

/**
 * Issue 18: {@link ModelBundle#load} and the network reader under it ({@link NetworkArchive}, which a whole bundle
 * reaches only past its checksums) under a coverage-guided fuzzer (Jazzer). Plain {@code mvn test} only replays the
 * seeds and regression inputs in {@code src/test/resources/org/emoscope/model/ModelBundleFuzzTestInputs/<target>/};
 * {@code scripts/fuzz.sh} fuzzes. A finding is any exception other than {@link ModelBundleException}, any Error
 * (OutOfMemoryError, StackOverflowError), a hang, or a message that does not say which bundle and why.
 */
class ModelBundleFuzzTest {

    private static final Pattern JAVA_NOISE = Pattern.compile("\\bat [\\w$.]+\\(|\n");
    private static final Path NOWHERE = Path.of("fuzz.emo");
    private static Path dir;

    @BeforeAll
    static void runtime() {
        TestNd4j.init();
    }

    @FuzzTest(maxDuration = "8m")
    void load(byte[] data) throws IOException {
        Path file = write(data);
        try {
            ModelBundle.load(file);
        } catch (ModelBundleException e) {
            checkMessage(e, file);
        }
    }

    @FuzzTest(maxDuration = "8m")
    void networkArchive(byte[] data) throws IOException {
        try {
            NetworkArchive.Network network = NetworkArchive.read(NOWHERE, new ByteArrayInputStream(data));
            try {
                network.build();
            } catch (RuntimeException e) {
                // ModelBundle.load reports a network DL4J cannot build; not a finding
            }
        } catch (ModelBundleException e) {
            checkMessage(e, NOWHERE);
        } catch (IOException e) {
            // a zip that is not readable: ModelBundle.load reports it as damage
        }
    }

    private static Path write(byte[] data) throws IOException {
        if (dir == null) {
            Path shm = Path.of("/dev/shm");
            dir = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "emoscope-fuzz") : Files.createTempDirectory("emoscope-fuzz");
            dir.toFile().deleteOnExit();
        }
        Path file = dir.resolve("fuzz.emo");
        Files.write(file, data);
        file.toFile().deleteOnExit();
        return file;
    }

    private static void checkMessage(ModelBundleException e, Path file) {
        String m = e.getMessage();
        if (m == null || !m.startsWith("Cannot load model bundle " + file + ": ") || e.reason().isBlank()
                || JAVA_NOISE.matcher(m).find())
            throw new AssertionError("unclear message: " + m, e);
    }
}
