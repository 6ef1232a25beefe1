package org.emoscope.train.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads one corpus's labels from its file names. Implementations never decode audio.
 */
public interface CorpusReader {

    /** Corpus name stamped on every {@link Utterance#corpus()}, e.g. {@code "ravdess"}. */
    String name();

    /** The emotions this corpus contains, in {@link Emotion} order. */
    List<Emotion> emotions();

    /**
     * Walks {@code root} (any folder, or a single file) recursively, following symbolic links, and parses every
     * {@code .wav}, {@code .flac}, {@code .mp3} or {@code .ogg} file (extension case-insensitive). Files with
     * other extensions are not candidates and are not reported.
     *
     * @throws java.nio.file.NoSuchFileException if {@code root} does not exist
     * @throws IOException                       if a folder cannot be read
     */
    CorpusScan scan(Path root) throws IOException;

    /** The accepted utterances of {@link #scan(Path)}, for callers that do not need the skipped files. */
    default List<Utterance> read(Path root) throws IOException {
        return scan(root).utterances();
    }
}
