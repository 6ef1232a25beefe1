package org.emoscope.train.corpus;

import java.util.List;

/**
 * Result of reading a folder with a {@link CorpusReader}.
 *
 * @param utterances accepted recordings, sorted by path relative to the scanned folder
 * @param skipped    audio files that were not accepted (name not following the convention, excluded material such
 *                   as RAVDESS song, or a second copy of a recording already read), in the same order
 */
public record CorpusScan(List<Utterance> utterances, List<SkippedFile> skipped) {

    public CorpusScan {
        utterances = List.copyOf(utterances);
        skipped = List.copyOf(skipped);
    }
}
