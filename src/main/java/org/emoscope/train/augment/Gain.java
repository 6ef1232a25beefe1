package org.emoscope.train.augment;

import java.util.SplittableRandom;

/** Multiplies by 10^(dB/20), hard-clipping at [-1, 1]; the gain is fixed or drawn uniformly in dB. */
public final class Gain implements Augmentation {

    private final Range db;

    /** Gain drawn uniformly from [minDb, maxDb] (fixed if equal). */
    public Gain(double minDb, double maxDb) {
        this.db = new Range(minDb, maxDb);
    }

    /** A fixed gain. */
    public static Gain of(double db) {
        return new Gain(db, db);
    }

    @Override
    public float[] apply(float[] samples, SplittableRandom random) {
        Signals.requireFinite(samples);
        float factor = (float) Math.pow(10, db.draw(random) / 20);
        float[] out = new float[samples.length];
        for (int i = 0; i < out.length; i++) out[i] = samples[i] * factor;
        return Signals.clip(out);
    }

    /** E.g. {@code gain+6db}, {@code gain-6..+6db}. */
    @Override
    public String key() {
        return "gain" + db.key(true) + "db";
    }

    @Override
    public String toString() {
        return key();
    }
}
