package org.emoscope.train;

import org.emoscope.audio.AudioDecoder;
import org.emoscope.features.FeatureConfig;
import org.emoscope.features.Mfcc;
import org.emoscope.train.augment.AugmentationSpec;
import org.emoscope.train.corpus.Utterance;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MFCC matrices of (file, augmentation) pairs, computed once and kept on disk. The key covers the file's absolute
 * path, size and modification time, the augmentation's key (transform, parameters and seed) and the whole
 * {@link FeatureConfig}, so a change to any of them computes afresh. Entries are written atomically; an
 * unreadable entry is recomputed. Thread-safe: each thread gets its own MFCC extractor.
 */
public final class FeatureCache {

    private static final int MAGIC = 0x454d4f46; // "EMOF"
    private static final int VERSION = 1;

    private final Path dir;
    private final FeatureConfig config;
    private final ThreadLocal<Mfcc> mfcc;

    public FeatureCache(Path dir, FeatureConfig config) {
        this.dir = dir;
        this.config = config;
        this.mfcc = ThreadLocal.withInitial(() -> new Mfcc(config));
    }

    /** {@code $EMOSCOPE_CACHE}, else {@code ~/.cache/emoscope/features}. */
    public static Path defaultDir() {
        String env = System.getenv("EMOSCOPE_CACHE");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".cache", "emoscope", "features");
    }

    public FeatureConfig config() {
        return config;
    }

    /** MFCC frames [T][coefficients] of {@code u} after {@code aug}, from the cache or computed and stored. */
    public float[][] features(Utterance u, AugmentationSpec aug) throws IOException {
        Path entry = entry(u.file(), aug);
        if (Files.isRegularFile(entry)) {
            try {
                return read(entry);
            } catch (IOException e) {
                Files.deleteIfExists(entry); // corrupt or foreign: compute again
            }
        }
        float[] samples = AudioDecoder.decode(u.file(), config.sampleRate()).samples();
        float[] augmented = aug.apply(samples, u.file().getFileName().toString());
        float[][] frames = mfcc.get().computeAll(augmented);
        write(entry, frames);
        return frames;
    }

    private Path entry(Path file, AugmentationSpec aug) throws IOException {
        return CacheFiles.entry(dir, CacheFiles.fileKey(file) + "|" + aug.key() + "|" + config, ".f32");
    }

    private float[][] read(Path entry) throws IOException {
        try (InputStream in = Files.newInputStream(entry);
             DataInputStream d = new DataInputStream(new BufferedInputStream(in, 1 << 16))) {
            if (d.readInt() != MAGIC || d.readInt() != VERSION) throw new IOException("not a feature cache entry");
            int t = d.readInt();
            int c = d.readInt();
            if (t < 0 || c != config.coefficients()) throw new IOException("bad shape " + t + "x" + c);
            float[][] out = new float[t][c];
            for (float[] row : out) for (int j = 0; j < c; j++) row[j] = d.readFloat();
            return out;
        }
    }

    private void write(Path entry, float[][] frames) throws IOException {
        CacheFiles.write(entry, d -> {
            d.writeInt(MAGIC);
            d.writeInt(VERSION);
            d.writeInt(frames.length);
            d.writeInt(config.coefficients());
            for (float[] row : frames) for (float v : row) d.writeFloat(v);
        });
    }
}
