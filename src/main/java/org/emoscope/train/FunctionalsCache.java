package org.emoscope.train;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.emoscope.audio.ArrayAudioSource;
import org.emoscope.audio.AudioDecoder;
import org.emoscope.features.FeatureConfig;
import org.emoscope.features.functionals.Functionals;
import org.emoscope.pipeline.AnalyzerSettings;
import org.emoscope.pipeline.WindowStatistics;
import org.emoscope.train.augment.AugmentationSpec;
import org.emoscope.train.corpus.Utterance;

/**
 * The {@link WindowStatistics} of (file, augmentation) pairs, computed once through the analysis pipeline's own
 * feature chain and kept on disk beside the MFCC cache. The key covers the file (path, size, modification time),
 * the augmentation, the feature and analyzer settings, and the statistics' names and {@link Functionals#VERSION},
 * so a change to any of them computes afresh. Thread-safe.
 */
public final class FunctionalsCache {

    private static final int MAGIC = 0x454d4f53; // "EMOS"

    private final Path dir;
    private final FeatureConfig config;
    private final AnalyzerSettings settings;

    public FunctionalsCache(Path dir, FeatureConfig config, AnalyzerSettings settings) {
        this.dir = dir;
        this.config = config;
        this.settings = settings;
    }

    /** {@code functionals} beside the MFCC cache ({@link FeatureCache#defaultDir()}). */
    public static Path defaultDir() {
        return FeatureCache.defaultDir().resolveSibling("functionals");
    }

    /** The windows of {@code u} after {@code aug}, from the cache or computed and stored. */
    public List<WindowStatistics.Window> windows(Utterance u, AugmentationSpec aug) throws IOException {
        Path entry = entry(u.file(), aug);
        if (Files.isRegularFile(entry)) {
            try {
                return read(entry);
            } catch (IOException e) {
                Files.deleteIfExists(entry);
            }
        }
        float[] samples = AudioDecoder.decode(u.file(), config.sampleRate()).samples();
        float[] augmented = aug.apply(samples, u.file().getFileName().toString());
        List<WindowStatistics.Window> windows = WindowStatistics.of(
                new ArrayAudioSource(augmented, config.sampleRate(), u.file().toString()), config, settings);
        write(entry, windows);
        return windows;
    }

    private Path entry(Path file, AugmentationSpec aug) throws IOException {
        return CacheFiles.entry(dir, CacheFiles.fileKey(file) + "|" + aug.key() + "|" + config + "|"
                + settings.windowSeconds() + "|" + settings.hopSeconds() + "|" + settings.speech() + "|"
                + settings.minSpeechFraction() + "|" + Functionals.VERSION + "|" + Functionals.NAMES, ".fun");
    }

    private static List<WindowStatistics.Window> read(Path entry) throws IOException {
        try (InputStream in = Files.newInputStream(entry);
             DataInputStream d = new DataInputStream(new BufferedInputStream(in, 1 << 16))) {
            if (d.readInt() != MAGIC) throw new IOException("not a functionals cache entry");
            int n = d.readInt();
            int size = d.readInt();
            if (n < 0 || size != Functionals.size()) throw new IOException("bad shape " + n + "x" + size);
            List<WindowStatistics.Window> out = new ArrayList<>(n);
            for (int w = 0; w < n; w++) {
                double start = d.readDouble();
                boolean speech = d.readBoolean();
                float[] v = new float[size];
                for (int i = 0; i < size; i++) v[i] = d.readFloat();
                out.add(new WindowStatistics.Window(start, speech, v));
            }
            return out;
        }
    }

    private static void write(Path entry, List<WindowStatistics.Window> windows) throws IOException {
        CacheFiles.write(entry, d -> {
            d.writeInt(MAGIC);
            d.writeInt(windows.size());
            d.writeInt(Functionals.size());
            for (WindowStatistics.Window w : windows) {
                d.writeDouble(w.startSeconds());
                d.writeBoolean(w.speech());
                for (float v : w.functionals()) d.writeFloat(v);
            }
        });
    }
}
