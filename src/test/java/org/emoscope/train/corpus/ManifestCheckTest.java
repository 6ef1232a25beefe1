package org.emoscope.train.corpus;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Checks each reader against the shared corpora's manifests ({@code manifests/<corpus>.csv}: path relative to the
 * corpora folder, speaker, emotion, duration). The corpora folder is the system property {@code emoscope.data} or
 * else {@code ../shared/corpora}; corpora without a folder or manifest there are skipped.
 */
@Tag("data")
class ManifestCheckTest {

    static Stream<String> corpora() {
        return Corpora.all().stream().map(Corpus::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpora")
    void readerMatchesTheManifest(String name, TestReporter reporter) throws IOException {
        Path data = Path.of(System.getProperty("emoscope.data", Path.of("..", "shared", "corpora").toString()));
        Corpus corpus = Corpora.get(name);
        Path manifest = data.resolve("manifests").resolve(name + ".csv");
        Path folder = corpus.folderUnder(data);
        assumeTrue(Files.isRegularFile(manifest) && Files.isDirectory(folder), "no " + name + " under " + data);

        List<String> rows = Files.readAllLines(manifest);
        assertEquals("path,speaker,emotion,duration_s", rows.get(0));
        Set<String> expected = new TreeSet<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            expected.add(f[0] + ',' + f[1] + ',' + f[2]);
        }
        CorpusScan scan = corpus.reader().scan(folder);
        Set<String> actual = new TreeSet<>();
        for (Utterance u : scan.utterances())
            actual.add(AudioFiles.relative(data, u.file()) + ',' + u.speaker() + ',' + u.emotion().label());

        assertEquals(List.of(), scan.skipped());
        assertEquals(rows.size() - 1, scan.utterances().size(), "one utterance per manifest row");
        assertEquals(expected, actual);
        long speakers = scan.utterances().stream().map(Utterance::speaker).distinct().count();
        reporter.publishEntry(name, scan.utterances().size() + " utterances, " + speakers + " speakers, "
                + scan.skipped().size() + " skipped, all match the manifest");
    }
}
