package org.emoscope.features;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogMelSpectrogramTest {

    @Test
    void rowsAreTheMfccInputFramesAtTheSameTimes() {
        FeatureConfig config = FeatureConfig.defaults();
        float[] signal = Signals.chirp(100, 7000, 0.5, 16000, 400 + 30 * 160 + 77);
        LogMelSpectrogram spectrogram = new LogMelSpectrogram(config);
        float[][] rows = spectrogram.compute(signal);
        Mfcc mfcc = new Mfcc(config);
        assertEquals(config.frameCount(signal.length), rows.length);
        assertEquals(31, rows.length);
        for (int t = 0; t < rows.length; t++) {
            assertEquals(64, rows[t].length);
            assertArrayEquals(mfcc.logMel(signal, t * 160, null), rows[t], "frame " + t);
        }
        assertEquals(config, spectrogram.config());
        assertEquals(64, spectrogram.filterBank().filterCount());
    }

    @Test
    void aChirpSweepsThePeakBandUpwards() {
        float[][] rows = new LogMelSpectrogram(FeatureConfig.defaults())
                .compute(Signals.chirp(300, 7000, 0.5, 16000, 16000));
        int previous = -1;
        for (float[] row : rows) {
            int peak = 0;
            for (int m = 1; m < row.length; m++) if (row[m] > row[peak]) peak = m;
            assertTrue(peak >= previous, "peak band moved down");
            previous = peak;
        }
        assertTrue(previous >= 60, "peak band at the end: " + previous);
    }

    @Test
    void shortSignalsGiveNoRowsAndOutputsAreChecked() {
        LogMelSpectrogram spectrogram = new LogMelSpectrogram(FeatureConfig.defaults());
        assertEquals(0, spectrogram.compute(new float[399]).length);
        float[] out = new float[64];
        assertSame(out, spectrogram.computeFrame(new float[400], 0, out));
        assertThrows(IllegalArgumentException.class, () -> spectrogram.computeFrame(new float[400], 0, new float[40]));
        assertThrows(IndexOutOfBoundsException.class, () -> spectrogram.computeFrame(new float[400], 1, out));
    }
}
