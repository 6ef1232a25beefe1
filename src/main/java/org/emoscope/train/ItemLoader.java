package org.emoscope.train;

import org.emoscope.train.augment.AugmentationPlan;
import org.emoscope.train.augment.AugmentationSpec;
import org.emoscope.train.corpus.LabelSet;
import org.emoscope.train.corpus.Utterance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Turns utterances into {@link Item}s: each utterance whose emotion the label set covers, once per augmentation
 * variant, with features from the {@link FeatureCache} (computed in parallel on a miss).
 */
public final class ItemLoader {

    private final FeatureCache cache;
    private final int threads;

    public ItemLoader(FeatureCache cache, int threads) {
        this.cache = cache;
        this.threads = Math.max(1, threads);
    }

    public FeatureCache cache() {
        return cache;
    }

    /**
     * Loads items in utterance-major, variant-minor order.
     *
     * @param progress receives a line now and then ("features 120/960"), or null
     */
    public List<Item> load(List<Utterance> utterances, LabelSet labels, AugmentationPlan plan, Consumer<String> progress)
            throws IOException {
        List<Utterance> covered = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        for (Utterance u : utterances) {
            OptionalInt c = labels.indexOf(u.emotion());
            if (c.isPresent()) {
                covered.add(u);
                classes.add(c.getAsInt());
            }
        }
        int total = covered.size() * plan.variants().size();
        AtomicInteger done = new AtomicInteger();
        List<Callable<Item>> tasks = new ArrayList<>(total);
        for (int i = 0; i < covered.size(); i++) {
            Utterance u = covered.get(i);
            int label = classes.get(i);
            for (AugmentationSpec spec : plan.variants()) {
                tasks.add(() -> {
                    float[][] frames = cache.features(u, spec);
                    int n = done.incrementAndGet();
                    if (progress != null && (n % 500 == 0 || n == total))
                        progress.accept("features " + n + "/" + total);
                    return new Item(u, spec.key(), label, frames);
                });
            }
        }
        return Parallel.map(tasks, threads, "emoscope-features", "features");
    }
}
