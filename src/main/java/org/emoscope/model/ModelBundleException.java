package org.emoscope.model;

import java.nio.file.Path;

/**
 * A model bundle cannot be used: the file is missing, damaged, from a newer EmoScope, or inconsistent. The message
 * names the file and the reason in words a person can act on.
 */
public class ModelBundleException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The bundle file (not serialised: {@link Path} is not serialisable). */
    private final transient Path file;
    /** The reason, without the file name. */
    private final String reason;

    /** A failure to load {@code file} because of {@code reason}. */
    public ModelBundleException(Path file, String reason) {
        this(file, reason, null);
    }

    /** A failure to load {@code file} because of {@code reason}, caused by {@code cause}. */
    public ModelBundleException(Path file, String reason, Throwable cause) {
        super("Cannot load model bundle " + file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The bundle file. */
    public Path file() {
        return file;
    }

    /** Why it cannot be loaded (the message without the file name). */
    public String reason() {
        return reason;
    }
}
