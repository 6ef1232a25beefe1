package org.emoscope.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ArrayAudioSourceTest {

    private final float[] samples = Signals.sine(440, 16000, 4800, 0.5);

    @Test
    void deliversAllSamplesThenEnds() {
        ArrayAudioSource source = new ArrayAudioSource(samples, 16000, "clip");
        assertEquals(16000, source.sampleRate());
        assertEquals("clip", source.description());
        assertEquals(4800, source.lengthSamples());
        assertFalse(source.isLive());
        float[] out = new float[5000];
        int count = 0;
        int n;
        while ((n = source.read(out, count, Math.min(1000, out.length - count))) > 0) count += n;
        assertEquals(-1, n);
        assertEquals(4800, count);
        assertArrayEquals(samples, Arrays.copyOf(out, count));
    }

    @Test
    void realTimePacingDeliversNoFasterThanTheClock() {
        ArrayAudioSource source = new ArrayAudioSource(samples, 16000, "paced", true);
        assertTrue(source.isLive());
        assertEquals(-1, source.lengthSamples());
        long start = System.nanoTime();
        float[] block = new float[160];
        int count = 0;
        int n;
        while ((n = source.read(block, 0, block.length)) > 0) count += n;
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(4800, count);
        assertTrue(seconds >= 0.29, "0.3 s of audio took " + seconds + " s");
        assertTrue(seconds < 2, "0.3 s of audio took " + seconds + " s");
    }

    @Test
    void closeUnblocksAPacedRead() throws Exception {
        ArrayAudioSource source = new ArrayAudioSource(new float[160_000], 16000, "ten seconds", true);
        float[] tenSeconds = new float[160_000];
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> source.read(tenSeconds, 0, 160_000));
        Thread.sleep(100);
        assertFalse(reader.isDone());
        source.close();
        assertEquals(-1, reader.get(2, TimeUnit.SECONDS));
        assertEquals(-1, source.read(new float[10], 0, 10));
    }

    @Test
    void loopingSourceRepeatsTheSamplesUntilClosed() {
        float[] ramp = new float[1000];
        for (int i = 0; i < ramp.length; i++) ramp[i] = i / 1000f;
        ArrayAudioSource source = ArrayAudioSource.looping(ramp, 16000, "loop");
        assertTrue(source.isLive());
        assertEquals(-1, source.lengthSamples());
        float[] out = new float[3500];
        int count = 0;
        while (count < out.length) count += source.read(out, count, Math.min(640, out.length - count));
        for (int i = 0; i < out.length; i++) assertEquals(ramp[i % ramp.length], out[i], "sample " + i);
        source.close();
        assertEquals(-1, source.read(out, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> ArrayAudioSource.looping(new float[0], 16000, "empty"));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new ArrayAudioSource(samples, 0, "x"));
        assertThrows(NullPointerException.class, () -> new ArrayAudioSource(null, 16000, "x"));
        ArrayAudioSource source = new ArrayAudioSource(samples, 16000, "x");
        assertThrows(IndexOutOfBoundsException.class, () -> source.read(new float[10], 5, 10));
    }
}
