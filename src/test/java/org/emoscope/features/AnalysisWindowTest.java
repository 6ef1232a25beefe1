package org.emoscope.features;

import org.emoscope.features.FeatureConfig.WindowType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AnalysisWindowTest {

    @Test
    void periodicHammingAsNumpyHammingOfNPlusOneWithoutItsLastPoint() {
        double[] w = AnalysisWindow.periodic(WindowType.HAMMING, 400);
        assertEquals(400, w.length);
        assertEquals(0.08, w[0], 1e-15);
        assertEquals(1.0, w[200], 1e-15);
        assertEquals(0.54, w[100], 1e-15);
        for (int n = 1; n < 400; n++) assertEquals(w[n], w[400 - n], 1e-15, "periodic symmetry at " + n);
        // numpy.hamming(401)[:-1][1] = 0.54 - 0.46 cos(2 pi / 400)
        assertEquals(0.08005674905843613, w[1], 1e-15);
    }

    @Test
    void periodicHann() {
        double[] w = AnalysisWindow.periodic(WindowType.HANN, 8);
        double[] expected = {0, 0.14644660940672624, 0.5, 0.8535533905932737, 1, 0.8535533905932737, 0.5,
                0.14644660940672624};
        for (int n = 0; n < 8; n++) assertEquals(expected[n], w[n], 1e-15, "n = " + n);
        assertThrows(IllegalArgumentException.class, () -> AnalysisWindow.periodic(WindowType.HANN, 0));
    }
}
