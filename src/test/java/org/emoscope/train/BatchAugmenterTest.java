package org.emoscope.train;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchAugmenterTest {

    @Test
    void mixupBlendsWindowsAndLabelsByTheSameWeight() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 6;
        org.nd4j.linalg.api.ndarray.INDArray x = org.nd4j.linalg.factory.Nd4j.rand(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, n, 3, 1, 4);
        org.nd4j.linalg.api.ndarray.INDArray y = org.nd4j.linalg.factory.Nd4j.zeros(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, n, 2);
        for (int i = 0; i < n; i++) y.putScalar(i, i % 2, 1);
        org.nd4j.linalg.api.ndarray.INDArray[] m = BatchAugmenter.mixup(x, y, 0.4, rnd);
        assertEquals(java.util.Arrays.toString(x.shape()), java.util.Arrays.toString(m[0].shape()));
        x = x.reshape(n, 12);
        org.nd4j.linalg.api.ndarray.INDArray mixed = m[0].reshape(n, 12);
        for (int i = 0; i < n; i++) {
            double own = y.getDouble(i, 0) == 1 ? m[1].getDouble(i, 0) : m[1].getDouble(i, 1);
            assertTrue(own >= 0.5 - 1e-6, "each row keeps at least half of its own label: " + m[1]);
            assertEquals(1.0, m[1].getDouble(i, 0) + m[1].getDouble(i, 1), 1e-6, "labels still sum to 1");
            // the window is lambda * own + (1 - lambda) * partner; find a partner j consistent with the labels
            boolean found = false;
            for (int j = 0; j < n && !found; j++) {
                double lambda = y.getDouble(j, 0) == y.getDouble(i, 0) ? Double.NaN : own;
                if (Double.isNaN(lambda)) continue;
                org.nd4j.linalg.api.ndarray.INDArray expect = x.getRow(i).mul(lambda).addi(x.getRow(j).mul(1 - lambda));
                found = expect.equalsWithEps(mixed.getRow(i), 1e-5);
            }
            if (own < 1 - 1e-6) assertTrue(found, "row " + i + " mixes its window with its label partner's");
        }
        double sum = 0;
        for (int k = 0; k < 20000; k++) sum += BatchAugmenter.beta(0.4, rnd);
        assertEquals(0.5, sum / 20000, 0.01, "Beta(a, a) has mean 1/2");
        double g = 0;
        for (int k = 0; k < 20000; k++) g += BatchAugmenter.gamma(2.5, rnd);
        assertEquals(2.5, g / 20000, 0.05, "Gamma(a, 1) has mean a");
    }
}
