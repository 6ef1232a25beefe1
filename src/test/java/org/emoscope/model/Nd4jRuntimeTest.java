package org.emoscope.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * {@link Nd4jRuntime#configure()} must act before ND4J starts, so it is checked in fresh JVMs running
 * {@link Nd4jRuntimeProbe}: the settings it reports, and that nothing at all is logged while a model is built and run.
 */
class Nd4jRuntimeTest {

    private static final long GIB = 1L << 30;

    @Test
    void defaultsCapMemorySetThreadsAndSilenceLogging() throws Exception {
        Map<String, Long> probe = runProbe(List.of("-Xmx256m"), Map.of());
        assertEquals(GIB, probe.get("maxBytes"));
        assertEquals(probe.get("heapMax") + 2 * GIB, probe.get("maxPhysicalBytes"));
        assertEquals(Nd4jRuntime.defaultThreads(), probe.get("ompThreads"));
        assertEquals(Nd4jRuntime.defaultThreads(), probe.get("blasThreads"));
        assertEquals(Nd4jRuntime.defaultThreads(), probe.get("threadsPerOperation"));
    }

    @Test
    void userSettingsWinAndThreadsCanBeSet() throws Exception {
        Map<String, Long> probe = runProbe(List.of("-Xmx256m", "-Dorg.bytedeco.javacpp.maxbytes=300m",
                "-D" + Nd4jRuntime.THREADS_PROPERTY + "=1"), Map.of("OMP_NUM_THREADS", "2"));
        assertEquals(300L << 20, probe.get("maxBytes"));
        assertEquals(1, probe.get("ompThreads"));
        assertEquals(1, probe.get("blasThreads"));
        assertEquals(1, probe.get("threadsPerOperation"), "the property wins over OMP_NUM_THREADS");
    }

    @Test
    void withOnlyOmpNumThreadsTheEnvironmentDecides() throws Exception {
        Map<String, Long> probe = runProbe(List.of("-Xmx256m"), Map.of("OMP_NUM_THREADS", "2"));
        assertEquals(2, probe.get("ompThreads"));
        assertEquals(2, probe.get("threadsPerOperation"), "not the default of half the cores");
    }

    @Test
    void threadCountMustBePositive() {
        assertEquals(3, Nd4jRuntime.parseThreads(" 3 "));
        assertThrows(IllegalArgumentException.class, () -> Nd4jRuntime.parseThreads("0"));
        assertThrows(IllegalArgumentException.class, () -> Nd4jRuntime.parseThreads("two"));
        assertThrows(IllegalArgumentException.class, () -> Nd4jRuntime.setThreads(0));
    }

    /** Runs the probe; fails if it exits non-zero or writes anything to standard error. */
    private static Map<String, Long> runProbe(List<String> jvmArgs, Map<String, String> env)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Nd4jRuntimeProbe.class.getName());
        Path errFile = Files.createTempFile("probe", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(errFile.toFile());
            builder.environment().remove("OMP_NUM_THREADS");
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            String out;
            try (var stdout = process.getInputStream()) {
                out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("probe did not finish");
            }
            String err = Files.readString(errFile);
            assertEquals(0, process.exitValue(), "probe exit code; stderr: " + err);
            assertEquals("", err, "the probe must log nothing");
            return parse(out);
        } finally {
            Files.deleteIfExists(errFile);
        }
    }

    private static Map<String, Long> parse(String out) {
        Map<String, Long> values = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) throw new AssertionError("unexpected probe output: " + line);
            values.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).trim()));
        }
        return values;
    }
}
