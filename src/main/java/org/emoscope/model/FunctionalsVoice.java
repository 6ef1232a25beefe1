package org.emoscope.model;

/**
 * The average statistics of one voice in one room, learnt from its windows without labels: what a voice-centred
 * {@link FunctionalsClassifier} subtracts from each window, so that it hears how a window differs from the way this
 * speaker usually sounds here (higher than their usual pitch, louder, brighter) rather than how their voice or room
 * differs from the training voices. Until many windows have been heard the estimate leans on the average training
 * voice: {@code (sum + k * prior) / (n + k)} per statistic, {@code n} counting the windows where it was defined.
 * Not thread-safe.
 */
public final class FunctionalsVoice {

    private final double[] sum;
    private final int[] count;
    private int windows;

    /** An empty voice for {@code size} statistics. */
    public FunctionalsVoice(int size) {
        sum = new double[size];
        count = new int[size];
    }

    /** Adds one window's statistics (NaN values are skipped). */
    public void add(float[] functionals) {
        if (functionals.length != sum.length)
            throw new IllegalArgumentException("expected " + sum.length + " statistics, got " + functionals.length);
        for (int i = 0; i < sum.length; i++) {
            if (Float.isNaN(functionals[i])) continue;
            sum[i] += functionals[i];
            count[i]++;
        }
        windows++;
    }

    /** Windows added. */
    public int windows() {
        return windows;
    }

    /**
     * The voice's mean statistics, shrunk towards {@code prior} with the weight of {@code strength} windows.
     *
     * @param prior    the average training voice (one value per statistic)
     * @param strength how many windows the prior counts for (0: the voice's own mean wherever it has one)
     */
    public float[] estimate(float[] prior, double strength) {
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) {
            double n = count[i] + strength;
            out[i] = n > 0 ? (float) ((sum[i] + strength * prior[i]) / n) : prior[i];
        }
        return out;
    }

    /** {@code functionals} minus {@code voice}, NaN where the window has no value. */
    public static float[] centre(float[] functionals, float[] voice) {
        float[] out = new float[functionals.length];
        for (int i = 0; i < out.length; i++) out[i] = functionals[i] - voice[i];
        return out;
    }
}
