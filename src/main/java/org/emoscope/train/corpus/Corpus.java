package org.emoscope.train.corpus;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A known corpus: its names, where it lives under a data root, and its reader.
 *
 * @param name        canonical lower-case name, e.g. {@code "emodb-2s"}; equals {@code reader.name()}
 * @param displayName name for reports, e.g. {@code "EMO-DB (2 s)"}
 * @param folder      default sub-folder under a data root, e.g. {@code "emodb-2s"} for {@code data/emodb-2s}
 * @param aliases     other accepted names (lower case), e.g. {@code "crema-d"}
 * @param reader      reads the corpus's file names
 */
public record Corpus(String name, String displayName, String folder, Set<String> aliases, CorpusReader reader) {

    /** @throws IllegalArgumentException if the reader stamps another corpus name */
    public Corpus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(folder, "folder");
        aliases = Set.copyOf(aliases);
        if (!reader.name().equals(name))
            throw new IllegalArgumentException("reader " + reader.name() + " does not stamp corpus name " + name);
    }

    /** The corpus's default folder under {@code dataRoot}, e.g. {@code data/ravdess}. */
    public Path folderUnder(Path dataRoot) {
        return dataRoot.resolve(folder);
    }

    /** The emotions the corpus contains. */
    public List<Emotion> emotions() {
        return reader.emotions();
    }

    /** True if {@code nameOrAlias} names this corpus (case-insensitive). */
    public boolean isCalled(String nameOrAlias) {
        return name.equalsIgnoreCase(nameOrAlias)
                || aliases.stream().anyMatch(alias -> alias.equalsIgnoreCase(nameOrAlias));
    }
}
