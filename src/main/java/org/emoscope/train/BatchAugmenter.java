package org.emoscope.train;

import org.emoscope.train.EpochSampler.Batch;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.SplittableRandom;

/**
 * The regularisation applied to each normalised training batch, as {@link TrainingSettings} asks: SpecAugment-style
 * masks ({@link TrainingSettings#maskWindows()}), then mixup ({@link TrainingSettings#mixupAlpha()}), drawing from
 * the epoch's generator in that order.
 */
final class BatchAugmenter {

    /** Longest blanked stretch (frames) and band (coefficients) of {@link TrainingSettings#maskWindows()}. */
    private static final int MAX_TIME_MASK = 20;
    private static final int MAX_BAND_MASK = 6;

    private final boolean mask;
    private final double mixupAlpha;

    BatchAugmenter(TrainingSettings settings) {
        this.mask = settings.maskWindows();
        this.mixupAlpha = settings.mixupAlpha();
    }

    /** {@code batch} masked (in place) and mixed, as the settings ask. */
    Batch apply(Batch batch, SplittableRandom rnd) {
        if (mask) mask(batch.x(), rnd);
        if (!(mixupAlpha > 0)) return batch;
        INDArray[] mixed = mixup(batch.x(), batch.y(), mixupAlpha, rnd);
        return new Batch(mixed[0], mixed[1]);
    }

    /** SpecAugment-style masks on a normalised batch [B, C, 1, T]: 0 is the training mean. */
    private static void mask(INDArray x, SplittableRandom rnd) {
        long frames = x.size(3);
        long channels = x.size(1);
        for (long b = 0; b < x.size(0); b++) {
            for (int m = 0; m < 2; m++) {
                int w = rnd.nextInt(MAX_TIME_MASK + 1);
                if (w > 0 && w < frames) {
                    long t0 = rnd.nextLong(frames - w + 1);
                    x.get(NDArrayIndex.point(b), NDArrayIndex.all(), NDArrayIndex.all(),
                            NDArrayIndex.interval(t0, t0 + w)).assign(0);
                }
                int h = rnd.nextInt(MAX_BAND_MASK + 1);
                if (h > 0 && h < channels) {
                    long c0 = rnd.nextLong(channels - h + 1);
                    x.get(NDArrayIndex.point(b), NDArrayIndex.interval(c0, c0 + h), NDArrayIndex.all(),
                            NDArrayIndex.all()).assign(0);
                }
            }
        }
    }

    /**
     * Mixup: {@code lambda * batch + (1 - lambda) * shuffled batch}, for the windows and the one-hot labels, with one
     * {@code lambda ~ Beta(alpha, alpha)} per batch, folded to at least 0.5 so that each row stays closest to its own
     * example.
     */
    static INDArray[] mixup(INDArray x, INDArray y, double alpha, SplittableRandom rnd) {
        int n = (int) x.size(0);
        if (n < 2) return new INDArray[]{x, y};
        double lambda = beta(alpha, rnd);
        lambda = Math.max(lambda, 1 - lambda);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        INDArray xs = Nd4j.pullRows(x.reshape('c', n, x.length() / n), 1, perm).reshape('c', x.shape());
        INDArray ys = Nd4j.pullRows(y, 1, perm);
        return new INDArray[]{x.mul(lambda).addi(xs.muli(1 - lambda)), y.mul(lambda).addi(ys.muli(1 - lambda))};
    }

    /** A draw from Beta(a, a) as G1 / (G1 + G2) with Gamma(a, 1) draws. */
    static double beta(double a, SplittableRandom rnd) {
        double g1 = gamma(a, rnd);
        double g2 = gamma(a, rnd);
        return g1 + g2 == 0 ? 0.5 : g1 / (g1 + g2);
    }

    /** Gamma(a, 1) by Marsaglia and Tsang, with the {@code U^(1/a)} boost for {@code a < 1}. */
    static double gamma(double a, SplittableRandom rnd) {
        if (a < 1) return gamma(a + 1, rnd) * Math.pow(1 - rnd.nextDouble(), 1 / a);
        double d = a - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z;
            double v;
            do {
                z = gaussian(rnd);
                v = 1 + c * z;
            } while (v <= 0);
            v = v * v * v;
            double u = 1 - rnd.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
        }
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
