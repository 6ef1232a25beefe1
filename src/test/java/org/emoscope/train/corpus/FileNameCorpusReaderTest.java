package org.emoscope.train.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.emoscope.train.corpus.CorpusFiles.paths;
import static org.emoscope.train.corpus.CorpusFiles.touchAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Folder walking shared by all readers, exercised through the EMOVO reader. */
class FileNameCorpusReaderTest {

    @TempDir
    Path root;

    private final EmovoReader reader = new EmovoReader();

    @Test
    void followsLinkedFoldersAndSurvivesLinkLoops(@TempDir Path elsewhere) throws IOException {
        touchAll(elsewhere, "m1/neu-m1-b1.wav");
        touchAll(root, "f1/neu-f1-b1.wav");
        assumeTrue(link(root.resolve("linked"), elsewhere) && link(root.resolve("f1/loop"), root),
                "symbolic links are not available here");
        CorpusScan scan = reader.scan(root);
        assertEquals(List.of("f1/neu-f1-b1.wav", "linked/m1/neu-m1-b1.wav"), paths(root, scan));
    }

    @Test
    void emptyFolderGivesAnEmptyScan() throws IOException {
        CorpusScan scan = reader.scan(root);
        assertEquals(List.of(), scan.utterances());
        assertEquals(List.of(), scan.skipped());
    }

    @Test
    void utterancesAndSkippedFilesAreEachSortedByRelativePath() throws IOException {
        touchAll(root, "z/neu-f1-b1.wav", "a/tri-f1-b1.wav", "m/neu-f1-b2.wav", "y/x.wav", "b/x.wav");
        CorpusScan scan = reader.scan(root);
        assertEquals(List.of("a/tri-f1-b1.wav", "m/neu-f1-b2.wav", "z/neu-f1-b1.wav"), paths(root, scan));
        assertEquals(List.of("b/x.wav", "y/x.wav"), CorpusFiles.skippedPaths(root, scan));
    }

    private static boolean link(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
