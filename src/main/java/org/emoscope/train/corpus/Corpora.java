package org.emoscope.train.corpus;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Registry of the supported corpora. Each one's default folder under a data root is its canonical name:
 * <pre>
 * data/ravdess   data/tess   data/emovo   data/emodb   data/emodb-2s   data/savee   data/cremad   data/nemo
 * </pre>
 * {@code emodb} and {@code emodb-2s} share {@link EmoDbReader}; only the corpus name on the utterances differs.
 */
public final class Corpora {

    private static final List<Corpus> ALL = List.of(
            new Corpus("ravdess", "RAVDESS", "ravdess", Set.of(), new RavdessReader()),
            new Corpus("tess", "TESS", "tess", Set.of(), new TessReader()),
            new Corpus("emovo", "EMOVO", "emovo", Set.of(), new EmovoReader()),
            new Corpus("emodb", "EMO-DB", "emodb", Set.of("emo-db"), new EmoDbReader()),
            new Corpus("emodb-2s", "EMO-DB (2 s)", "emodb-2s", Set.of(), new EmoDbReader("emodb-2s")),
            new Corpus("savee", "SAVEE", "savee", Set.of(), new SaveeReader()),
            new Corpus("cremad", "CREMA-D", "cremad", Set.of("crema-d"), new CremaDReader()),
            new Corpus("nemo", "nEMO", "nemo", Set.of(), new NemoReader()));

    private Corpora() {
    }

    /** All supported corpora, in a fixed order. */
    public static List<Corpus> all() {
        return ALL;
    }

    /** The corpus called {@code nameOrAlias} (case-insensitive), if any. */
    public static Optional<Corpus> find(String nameOrAlias) {
        return ALL.stream().filter(c -> c.isCalled(nameOrAlias)).findFirst();
    }

    /**
     * The corpus called {@code nameOrAlias} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known corpora, if there is none
     */
    public static Corpus get(String nameOrAlias) {
        return find(nameOrAlias).orElseThrow(() -> new IllegalArgumentException("unknown corpus '" + nameOrAlias
                + "'; known: " + ALL.stream().map(Corpus::name).collect(Collectors.joining(", "))));
    }
}
