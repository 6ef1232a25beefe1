package org.emoscope.train.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Creates empty files named like corpus recordings: the readers only look at names. */
final class CorpusFiles {

    private CorpusFiles() {
    }

    static Path touch(Path root, String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.createFile(file);
    }

    static void touchAll(Path root, String... relatives) throws IOException {
        for (String relative : relatives) touch(root, relative);
    }

    /** The scan's utterance paths relative to {@code root}, with / separators. */
    static List<String> paths(Path root, CorpusScan scan) {
        return scan.utterances().stream().map(u -> AudioFiles.relative(root, u.file())).toList();
    }

    /** The scan's skipped paths relative to {@code root}, with / separators. */
    static List<String> skippedPaths(Path root, CorpusScan scan) {
        return scan.skipped().stream().map(s -> AudioFiles.relative(root, s.file())).toList();
    }

    /** A scan of the one file {@code name} under an empty {@code root} accepts nothing and skips it. */
    static void assertOnlySkipped(CorpusReader reader, Path root, String name) throws IOException {
        touchAll(root, name);
        CorpusScan scan = reader.scan(root);
        if (!scan.utterances().isEmpty()) throw new AssertionError(name + " was accepted: " + scan.utterances());
        if (!skippedPaths(root, scan).equals(List.of(name)))
            throw new AssertionError(name + ": skipped " + skippedPaths(root, scan));
    }

    /** The only utterance of a scan of one file. */
    static Utterance single(CorpusReader reader, Path root, String relative) throws IOException {
        Path file = touch(root, relative);
        CorpusScan scan = reader.scan(file);
        if (scan.utterances().size() != 1)
            throw new AssertionError(relative + " was not accepted: " + scan.skipped());
        return scan.utterances().get(0);
    }
}
