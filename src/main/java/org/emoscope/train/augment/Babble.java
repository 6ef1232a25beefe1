package org.emoscope.train.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Babble: {@code talkers} other voices talking at once under the signal, at a fixed SNR against the signal's active
 * part. Each talker is a recording drawn from {@code pool} (distinct recordings), started at a random point and
 * looped to the signal's length, and brought to the same active level as the others before they are summed. The
 * pool must hold other speakers than the one being degraded: the caller picks it.
 */
public final class Babble implements Augmentation {

    private final List<float[]> pool;
    private final String poolName;
    private final int talkers;
    private final double snrDb;

    /**
     * @param pool     recordings of other speakers (16 kHz), at least {@code talkers} of them, none silent
     * @param poolName names the pool in {@link #key()} (two pools with the same name must hold the same recordings)
     * @param talkers  voices mixed together
     * @param snrDb    signal-to-babble ratio over the signal's active part
     */
    public Babble(List<float[]> pool, String poolName, int talkers, double snrDb) {
        this.pool = List.copyOf(pool);
        this.poolName = Objects.requireNonNull(poolName, "poolName");
        if (talkers < 1 || talkers > this.pool.size())
            throw new IllegalArgumentException("need 1.." + this.pool.size() + " talkers, got " + talkers);
        for (float[] p : this.pool)
            if (Signals.activePower(p) == 0) throw new IllegalArgumentException("a babble recording is silent");
        this.talkers = talkers;
        this.snrDb = snrDb;
    }

    @Override
    public float[] apply(float[] samples, SplittableRandom random) {
        Signals.requireFinite(samples);
        double signalPower = Signals.activePower(samples);
        if (signalPower == 0 || samples.length == 0) return samples.clone();
        float[] babble = talkers(samples.length, random);
        double scale = Math.sqrt(signalPower / Math.pow(10, snrDb / 10) / Signals.activePower(babble));
        float[] out = new float[samples.length];
        for (int n = 0; n < out.length; n++) out[n] = (float) (samples[n] + scale * babble[n]);
        return Signals.clip(out);
    }

    /**
     * The babble alone, unscaled: {@code talkers} recordings drawn from the pool, each started at a random point,
     * looped to {@code length} and brought to unit active power, summed.
     */
    public float[] talkers(int length, SplittableRandom random) {
        List<Integer> chosen = new ArrayList<>();
        while (chosen.size() < talkers) {
            int i = random.nextInt(pool.size());
            if (!chosen.contains(i)) chosen.add(i);
        }
        float[] babble = new float[length];
        for (int i : chosen) {
            float[] talker = pool.get(i);
            float gain = (float) (1 / Math.sqrt(Signals.activePower(talker)));
            int offset = random.nextInt(talker.length);
            for (int n = 0; n < length; n++) babble[n] += gain * talker[(offset + n) % talker.length];
        }
        return babble;
    }

    /** E.g. {@code babble-6-snr10-<pool>}. */
    @Override
    public String key() {
        return String.format(Locale.ROOT, "babble-%d-snr%s-%s", talkers, Range.of(snrDb).key(false), poolName);
    }

    @Override
    public String toString() {
        return key();
    }
}
