package org.emoscope.train.corpus;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An audio file a reader saw but did not accept.
 *
 * @param file   the file
 * @param reason why, in words (e.g. "RAVDESS song (vocal channel 02): speech only")
 */
public record SkippedFile(Path file, String reason) {

    public SkippedFile {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }
}
