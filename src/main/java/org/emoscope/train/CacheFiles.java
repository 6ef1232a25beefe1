package org.emoscope.train;

import org.emoscope.model.ModelBundle;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** What the on-disk caches of features ({@link FeatureCache}, {@link FunctionalsCache}) share: keys and atomic writes. */
final class CacheFiles {

    /** Writes the body of a cache entry. */
    @FunctionalInterface
    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private CacheFiles() {
    }

    /**
     * The entry for {@code key} under {@code dir}: {@code <dir>/<first two hex digits>/<SHA-256 of key><suffix>}.
     */
    static Path entry(Path dir, String key, String suffix) {
        String hex = ModelBundle.sha256(key.getBytes(StandardCharsets.UTF_8));
        return dir.resolve(hex.substring(0, 2)).resolve(hex + suffix);
    }

    /** The part of a key naming a file's content: its absolute path, size and modification time. */
    static String fileKey(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        return abs + "|" + Files.size(abs) + "|" + Files.getLastModifiedTime(abs).toMillis();
    }

    /** Writes {@code entry} through a temporary file and an atomic rename: readers see all of it or none. */
    static void write(Path entry, Body body) throws IOException {
        Files.createDirectories(entry.getParent());
        Path tmp = Files.createTempFile(entry.getParent(), "tmp-", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp);
                 DataOutputStream d = new DataOutputStream(new BufferedOutputStream(out, 1 << 16))) {
                body.write(d);
            }
            try {
                Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
