package org.emoscope.train.augment;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * A recipe for one augmented copy: steps applied in order, under a seed.
 *
 * <p>{@link #key()} names it for feature caches: the steps' keys joined by {@code _}, then {@code _seed<seed>},
 * e.g. {@code noise-white-snr20_pitch+0.7_seed42}; the empty recipe (the original signal) is {@code orig}. Equal
 * keys mean identical output for every item.
 *
 * @param steps augmentations, applied first to last
 * @param seed  seed of all random choices; mixed with each item's id so every file gets its own draws
 */
public record AugmentationSpec(List<Augmentation> steps, long seed) {

    /** Key of the empty recipe, which returns the signal unchanged. */
    public static final String ORIGINAL_KEY = "orig";

    public AugmentationSpec {
        steps = List.copyOf(steps);
    }

    /** The original signal, unchanged. */
    public static AugmentationSpec original() {
        return new AugmentationSpec(List.of(), 0);
    }

    /** The given steps under {@code seed}. */
    public static AugmentationSpec of(long seed, Augmentation... steps) {
        return new AugmentationSpec(List.of(steps), seed);
    }

    /** True for the empty recipe. */
    public boolean isOriginal() {
        return steps.isEmpty();
    }

    /** Stable cache key, see the class description. */
    public String key() {
        if (isOriginal()) return ORIGINAL_KEY;
        return steps.stream().map(Augmentation::key).collect(Collectors.joining("_")) + "_seed" + seed;
    }

    /**
     * Applies the recipe to one recording.
     *
     * @param samples mono samples at {@link Augmentation#SAMPLE_RATE}
     * @param itemId  stable id of the recording (e.g. corpus and path relative to the corpus folder): the random
     *                stream is derived from the seed and this id, so a file always gets the same copy, and
     *                different files get different noise
     * @return a new array
     */
    public float[] apply(float[] samples, String itemId) {
        SplittableRandom random = new SplittableRandom(seed ^ fnv1a64(itemId));
        float[] out = samples.clone();
        Signals.requireFinite(out);
        for (Augmentation step : steps) out = step.apply(out, random);
        return out;
    }

    /** 64-bit FNV-1a of the UTF-8 bytes: fixed by specification, unlike {@link String#hashCode()}'s 32 bits. */
    private static long fnv1a64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    @Override
    public String toString() {
        return key();
    }
}
