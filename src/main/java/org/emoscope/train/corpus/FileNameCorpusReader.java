package org.emoscope.train.corpus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Base of the readers whose labels come from file names: walks the folder, asks {@link #parse(Path)} about each
 * audio file and collects the results.
 *
 * <p>Two files whose names carry the same labels (same speaker, emotion, text and extras) are the same recording,
 * e.g. a {@code .wav} and a {@code .flac} copy, or a download that unpacks the corpus twice into nested folders:
 * the first in path order is kept and the others are reported as skipped duplicates.
 */
public abstract class FileNameCorpusReader implements CorpusReader {

    private final String name;
    private final List<Emotion> emotions;

    /**
     * @param name     corpus name stamped on every utterance
     * @param emotions the corpus's own emotions, in a stable order
     */
    protected FileNameCorpusReader(String name, List<Emotion> emotions) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("name must be given");
        this.name = name;
        this.emotions = List.copyOf(emotions);
    }

    @Override
    public final List<Emotion> emotions() {
        return emotions;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final CorpusScan scan(Path root) throws IOException {
        if (!Files.exists(root)) throw new NoSuchFileException(root.toString());
        List<Utterance> utterances = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        Map<String, Path> firstCopy = new HashMap<>();
        for (Path file : AudioFiles.list(root)) {
            Parsed parsed = parse(file);
            if (parsed.utterance() == null) {
                skipped.add(new SkippedFile(file, parsed.rejection()));
                continue;
            }
            Utterance u = parsed.utterance();
            String identity = u.speakerKey() + '|' + u.emotion() + '|' + u.textId() + '|' + u.extra();
            Path first = firstCopy.putIfAbsent(identity, file);
            if (first == null) utterances.add(u);
            else skipped.add(new SkippedFile(file, "duplicate of " + AudioFiles.relative(root, first)));
        }
        return new CorpusScan(utterances, skipped);
    }

    /**
     * Reads one audio file's name (and folder, where the convention uses it).
     *
     * @return {@link #accept} with the utterance, or {@link #reject} with the reason
     */
    protected abstract Parsed parse(Path file);

    /** A file that follows the convention. */
    protected static Parsed accept(Utterance utterance) {
        return new Parsed(Objects.requireNonNull(utterance, "utterance"), null);
    }

    /** A file that does not follow the convention or is excluded, with the reason in words. */
    protected static Parsed reject(String reason) {
        return new Parsed(null, Objects.requireNonNull(reason, "reason"));
    }

    /** Outcome of {@link #parse(Path)}: exactly one of the two is non-null. */
    protected record Parsed(Utterance utterance, String rejection) {
    }
}
