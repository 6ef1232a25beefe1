package org.emoscope.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class NormalizationTest {

    @Test
    void fitsPerChannelMeanAndPopulationStdOverAllFrames() {
        float[][] a = {{1, 10, 5}, {3, 10, 5}};
        float[][] b = {{5, 10, 5}, {7, 10, 5}};
        Normalization n = Normalization.fit(List.of(a, b));
        // channel 0: values 1, 3, 5, 7 -> mean 4, population variance 5
        assertArrayEquals(new float[] {4, 10, 5}, n.mean(), 1e-6f);
        assertEquals(Math.sqrt(5), n.std()[0], 1e-6);
        // constant channels are only centred
        assertEquals(1f, n.std()[1]);
        assertEquals(1f, n.std()[2]);
        assertEquals(3, n.channels());
    }

    @Test
    void appliesTheStandardisation() {
        Normalization n = new Normalization(new float[] {1, -2}, new float[] {2, 4});
        float[][] out = n.apply(new float[][] {{3, 2}, {1, -2}});
        assertArrayEquals(new float[] {1, 1}, out[0]);
        assertArrayEquals(new float[] {0, 0}, out[1]);
        assertThrows(IllegalArgumentException.class, () -> n.apply(new float[][] {{1, 2, 3}}));
    }

    @Test
    void identityLeavesFeaturesUnchanged() {
        float[][] frames = {{1.5f, -2f, 3f}};
        assertArrayEquals(frames[0], Normalization.identity(3).apply(frames)[0]);
    }

    @Test
    void rejectsBadStatisticsAndInputs() {
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new float[] {0, 0}, new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new float[] {Float.NaN}, new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new float[] {0}, new float[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new float[0], new float[0]));
        assertThrows(IllegalArgumentException.class, () -> Normalization.fit(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> Normalization.fit(Collections.singletonList(new float[][] {{1, 2}, {1}})));
        assertThrows(IllegalArgumentException.class,
                () -> Normalization.fit(Collections.singletonList(new float[][] {{Float.POSITIVE_INFINITY}})));
    }

    @Test
    void isAValueAndCannotBeChangedFromOutside() {
        float[] mean = {1, 2};
        Normalization n = new Normalization(mean, new float[] {1, 1});
        mean[0] = 99;
        n.mean()[1] = 99;
        assertArrayEquals(new float[] {1, 2}, n.mean());
        assertEquals(n, new Normalization(new float[] {1, 2}, new float[] {1, 1}));
        assertEquals(n.hashCode(), new Normalization(new float[] {1, 2}, new float[] {1, 1}).hashCode());
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Normalization n = new Normalization(new float[] {1.25f, -3e-7f}, new float[] {0.5f, 12f});
        String text = json.writeValueAsString(n);
        assertEquals("{\"mean\":[1.25,-3.0E-7],\"std\":[0.5,12.0],\"windowMean\":false}", text);
        assertEquals(n, json.readValue(text, Normalization.class));
        Normalization cmn = n.withWindowMean(true);
        assertEquals(cmn, json.readValue(json.writeValueAsString(cmn), Normalization.class));
    }

    /** Bundles written before per-window mean removal existed have no such field: they load with it off. */
    @Test
    void readsManifestsWithoutTheWindowMeanField() throws Exception {
        Normalization n = new ObjectMapper().readValue("{\"mean\":[1.0],\"std\":[2.0]}", Normalization.class);
        assertEquals(new Normalization(new float[] {1}, new float[] {2}), n);
    }

    @Test
    void windowMeanCentresEachChannelOverTheWindow() {
        Normalization n = new Normalization(new float[] {1, 0}, new float[] {2, 1}).withWindowMean(true);
        float[][] out = n.apply(new float[][] {{3, 2}, {7, 4}, {5, 9}});
        // standardised: channel 0 -> 1, 3, 2 (mean 2); channel 1 -> 2, 4, 9 (mean 5)
        assertArrayEquals(new float[] {-1, -3}, out[0], 1e-6f);
        assertArrayEquals(new float[] {1, -1}, out[1], 1e-6f);
        assertArrayEquals(new float[] {0, 4}, out[2], 1e-6f);
        assertNotEquals(n, n.withWindowMean(false));
    }
}
