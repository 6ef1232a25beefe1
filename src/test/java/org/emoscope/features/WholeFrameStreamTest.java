package org.emoscope.features;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WholeFrameStreamTest {

    /** Samples (4 bytes each) that the wrapper releases before reporting the end, reading {@code request} bytes. */
    private static int releasedSamples(int samples, int window, int hop, int request) throws IOException {
        FloatArraySource source = new FloatArraySource(new float[samples], 16000, 3, false);
        WholeFrameStream stream = new WholeFrameStream(new AudioSourceStream(source), window, hop);
        byte[] buffer = new byte[request];
        int total = 0;
        int n;
        while ((n = stream.read(buffer, 0, request)) >= 0) {
            total += n;
        }
        assertEquals(0, total % 4);
        stream.close();
        assertTrue(source.isClosed());
        return total / 4;
    }

    @Test
    void releasesOnlyWholeFrames() throws IOException {
        assertEquals(0, releasedSamples(0, 400, 160, 1600));
        assertEquals(0, releasedSamples(399, 400, 160, 1600));
        assertEquals(400, releasedSamples(400, 400, 160, 1600));
        assertEquals(400, releasedSamples(559, 400, 160, 640));
        assertEquals(560, releasedSamples(560, 400, 160, 640));
        assertEquals(400 + 97 * 160, releasedSamples(16000, 400, 160, 100));
        assertEquals(400 + 97 * 160, releasedSamples(16000 + 79, 400, 160, 100));
        assertEquals(400 + 98 * 160, releasedSamples(16000 + 80, 400, 160, 100));
    }

    @Test
    void passesFormatLengthAndSkipThrough() throws IOException {
        AudioSourceStream inner = new AudioSourceStream(new FloatArraySource(new float[1000], 8000));
        WholeFrameStream stream = new WholeFrameStream(inner, 200, 80);
        assertEquals(inner.getFormat(), stream.getFormat());
        assertEquals(1000, stream.getFrameLength());
        assertEquals(400, stream.skip(400));
        byte[] buffer = new byte[4000];
        assertEquals(800, stream.read(buffer, 0, 4000), "first block is one window");
        assertEquals(320, stream.read(buffer, 0, 4000), "then one hop");
    }
}
