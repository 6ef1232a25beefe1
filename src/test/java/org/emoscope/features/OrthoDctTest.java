package org.emoscope.features;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OrthoDctTest {

    @Test
    void squareTransformIsOrthonormal() {
        int m = 16;
        OrthoDct dct = new OrthoDct(m, m);
        float[][] rows = new float[m][m]; // rows[i] = DCT of unit vector i = column i of the matrix
        for (int i = 0; i < m; i++) {
            double[] unit = new double[m];
            unit[i] = 1;
            dct.transform(unit, rows[i]);
        }
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                double dot = 0;
                for (int j = 0; j < m; j++) dot += rows[a][j] * rows[b][j];
                assertEquals(a == b ? 1.0 : 0.0, dot, 1e-6, "columns " + a + ", " + b);
            }
        }
    }

    @Test
    void preservesEnergyAndMatchesTheDirectSum() {
        Random random = new Random(5);
        double[] x = new double[64];
        for (int i = 0; i < x.length; i++) x[i] = 50 * random.nextGaussian();
        float[] full = new float[64];
        new OrthoDct(64, 64).transform(x, full);
        double ex = 0;
        double ec = 0;
        for (int i = 0; i < 64; i++) {
            ex += x[i] * x[i];
            ec += full[i] * (double) full[i];
        }
        assertEquals(ex, ec, 1e-5 * ex);
        double[] expected = ReferenceFeatures.dct(x, 40);
        float[] truncated = new float[40];
        new OrthoDct(64, 40).transform(x, truncated);
        for (int j = 0; j < 40; j++) {
            assertEquals(expected[j], truncated[j], 1e-4, "c" + j);
            assertEquals(full[j], truncated[j], 0, "truncation keeps the leading terms");
        }
    }

    @Test
    void constantInputOnlyFeedsC0() {
        double[] x = new double[26];
        Arrays.fill(x, -3);
        float[] c = new float[13];
        new OrthoDct(26, 13).transform(x, c);
        assertEquals(-3 * Math.sqrt(26), c[0], 1e-5);
        for (int j = 1; j < 13; j++) assertEquals(0, c[j], 1e-5);
    }

    @Test
    void rejectsBadShapes() {
        assertThrows(IllegalArgumentException.class, () -> new OrthoDct(10, 11));
        assertThrows(IllegalArgumentException.class, () -> new OrthoDct(10, 0));
        OrthoDct dct = new OrthoDct(10, 5);
        assertThrows(IllegalArgumentException.class, () -> dct.transform(new double[9], new float[5]));
        assertThrows(IllegalArgumentException.class, () -> dct.transform(new double[10], new float[6]));
    }
}
