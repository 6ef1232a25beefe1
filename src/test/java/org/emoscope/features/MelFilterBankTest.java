package org.emoscope.features;

import org.emoscope.features.FeatureConfig.WindowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MelFilterBankTest {

    static Stream<FeatureConfig> configs() {
        return MfccGoldenTest.configs();
    }

    @Test
    void htkMelScale() {
        assertEquals(0.0, MelFilterBank.hzToMel(0), 0);
        assertEquals(2595 * Math.log10(2), MelFilterBank.hzToMel(700), 1e-12);
        assertEquals(999.985, MelFilterBank.hzToMel(1000), 1e-3);
        assertEquals(2840.023, MelFilterBank.hzToMel(8000), 1e-3);
        for (double hz : new double[]{0, 20, 440, 1000, 3700, 8000, 11025}) {
            assertEquals(hz, MelFilterBank.melToHz(MelFilterBank.hzToMel(hz)), 1e-9);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void weightsEqualTheTextbookTriangles(FeatureConfig config) {
        MelFilterBank bank = new MelFilterBank(config);
        ReferenceFeatures reference = new ReferenceFeatures(config);
        assertEquals(config.melFilters(), bank.filterCount());
        assertEquals(config.fftSize() / 2 + 1, bank.binCount());
        double[] centres = ReferenceFeatures.centres(config);
        for (int m = 0; m < bank.filterCount(); m++) {
            assertEquals(centres[m], bank.centreFrequency(m), 1e-9);
            for (int k = 0; k < bank.binCount(); k++) {
                assertEquals(reference.filter(m, k), bank.weight(m, k), 1e-12, "filter " + m + " bin " + k);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void sparseRangesHoldExactlyThePositiveWeights(FeatureConfig config) {
        MelFilterBank bank = new MelFilterBank(config);
        double binHz = config.sampleRate() / (double) config.fftSize();
        for (int m = 0; m < bank.filterCount(); m++) {
            assertTrue(bank.endBin(m) > bank.firstBin(m), "filter " + m + " is empty");
            for (int k = 0; k < bank.binCount(); k++) {
                boolean inside = k >= bank.firstBin(m) && k < bank.endBin(m);
                double f = k * binHz;
                assertEquals(inside, f > bank.lowerFrequency(m) && f < bank.upperFrequency(m), "bin " + k);
                double w = bank.weight(m, k);
                assertTrue(inside ? w > 0 && w <= 1 : w == 0, "filter " + m + " bin " + k + " weight " + w);
            }
        }
    }

    @Test
    void neighbouringTrianglesShareEdgesSoWeightsSumToOneBetweenTheOuterCentres() {
        FeatureConfig config = FeatureConfig.defaults();
        MelFilterBank bank = new MelFilterBank(config);
        for (int m = 0; m + 1 < bank.filterCount(); m++) {
            assertEquals(bank.centreFrequency(m), bank.lowerFrequency(m + 1), 0);
            assertEquals(bank.upperFrequency(m), bank.centreFrequency(m + 1), 0);
        }
        assertEquals(20.0, bank.lowerFrequency(0), 1e-9);
        assertEquals(8000.0, bank.upperFrequency(63), 1e-9);
        for (int k = 0; k < bank.binCount(); k++) {
            double f = k * 31.25;
            if (f < bank.centreFrequency(0) || f > bank.centreFrequency(63)) continue;
            double sum = 0;
            for (int m = 0; m < bank.filterCount(); m++) sum += bank.weight(m, k);
            assertEquals(1.0, sum, 1e-12, "bin " + k);
        }
    }

    @Test
    void aFilterBetweenTwoBinsIsEmptyAndOutputsZero() {
        // 128 filters over 0-4000 Hz with 62.5 Hz bins: the lowest triangles are narrower than a bin
        FeatureConfig config = new FeatureConfig(8000, 128, 64, 128, 128, 13, 0, 4000, 0, WindowType.HAMMING);
        MelFilterBank bank = new MelFilterBank(config);
        int empty = -1;
        for (int m = 0; m < bank.filterCount() && empty < 0; m++) {
            if (bank.firstBin(m) == bank.endBin(m)) empty = m;
        }
        assertTrue(empty >= 0, "expected an empty filter");
        double[] power = new double[bank.binCount()];
        Arrays.fill(power, 1.0);
        double[] energies = new double[bank.filterCount()];
        bank.apply(power, energies);
        assertEquals(0.0, energies[empty], 0);
    }

    @Test
    void applySumsWeightedPower() {
        FeatureConfig config = FeatureConfig.defaults();
        MelFilterBank bank = new MelFilterBank(config);
        double[] power = new double[bank.binCount()];
        for (int k = 0; k < power.length; k++) power[k] = 1 + k % 7;
        double[] energies = new double[64];
        bank.apply(power, energies);
        for (int m = 0; m < 64; m++) {
            double expected = 0;
            for (int k = 0; k < power.length; k++) expected += bank.weight(m, k) * power[k];
            assertEquals(expected, energies[m], 1e-9 * expected);
        }
        assertThrows(IllegalArgumentException.class, () -> bank.apply(new double[256], energies));
        assertThrows(IllegalArgumentException.class, () -> bank.apply(power, new double[63]));
        assertThrows(IndexOutOfBoundsException.class, () -> bank.weight(0, 257));
        assertThrows(IndexOutOfBoundsException.class, () -> bank.centreFrequency(64));
    }

    @Test
    void equalConfigurationsGiveEqualFilters() {
        MelFilterBank a = new MelFilterBank(FeatureConfig.defaults());
        MelFilterBank b = new LogMelSpectrogram(FeatureConfig.defaults()).filterBank();
        for (int m = 0; m < 64; m++) {
            double[] wa = new double[257];
            double[] wb = new double[257];
            for (int k = 0; k < 257; k++) {
                wa[k] = a.weight(m, k);
                wb[k] = b.weight(m, k);
            }
            assertArrayEquals(wa, wb);
        }
    }
}
