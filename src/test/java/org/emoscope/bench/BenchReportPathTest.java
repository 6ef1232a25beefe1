package org.emoscope.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** docs/benchmarks.md is committed: it names the model as the repository does, not by this machine's path. */
class BenchReportPathTest {

    @Test
    void theModelIsNamedWithoutTheMachinesPath() {
        assertEquals(Path.of("models", "default.emo").toString(),
                BenchCommand.shown(Path.of("models/default.emo").toAbsolutePath()));
        assertEquals("other.emo", BenchCommand.shown(Path.of("/somewhere/else/other.emo")));
    }
}
