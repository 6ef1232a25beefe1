package org.emoscope.features;

import be.tarsos.dsp.io.TarsosDSPAudioFloatConverter;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioSourceStreamTest {

    private static final float[] AWKWARD = {0f, -0f, 1f, -1f, 0.1f, -0.333333f, Float.MIN_VALUE, 1.0000001f,
            3.0517578E-5f, 0.99999994f, -0.7071068f, 1e-20f};

    @Test
    void formatIs32BitLittleEndianFloatMonoAtTheSourceRate() {
        TarsosDSPAudioFormat format = new AudioSourceStream(new FloatArraySource(new float[0], 22050)).getFormat();
        assertEquals(TarsosDSPAudioFloatConverter.PCM_FLOAT, format.getEncoding());
        assertEquals(32, format.getSampleSizeInBits());
        assertEquals(1, format.getChannels());
        assertEquals(4, format.getFrameSize());
        assertEquals(22050f, format.getSampleRate());
        assertFalse(format.isBigEndian());
    }

    @Test
    void tarsosDecodesTheBytesBackBitExactly() throws IOException {
        AudioSourceStream stream = new AudioSourceStream(new FloatArraySource(AWKWARD, 16000, 5, false));
        byte[] bytes = readAll(stream, 13);
        assertEquals(AWKWARD.length * 4, bytes.length);
        float[] decoded = new float[AWKWARD.length];
        TarsosDSPAudioFloatConverter.getConverter(stream.getFormat()).toFloatArray(bytes, decoded);
        for (int i = 0; i < AWKWARD.length; i++) {
            assertEquals(Float.floatToRawIntBits(AWKWARD[i]), Float.floatToRawIntBits(decoded[i]), "sample " + i);
        }
    }

    @Test
    void readsWholeSamplesOnlyAndSignalsTheEnd() throws IOException {
        AudioSourceStream stream = new AudioSourceStream(new FloatArraySource(new float[]{1, 2, 3}, 16000));
        byte[] buffer = new byte[16];
        assertEquals(0, stream.read(buffer, 0, 3), "less than one sample asked");
        assertEquals(4, stream.read(buffer, 1, 7), "7 bytes hold one whole sample");
        assertEquals(8, stream.read(buffer, 0, 16));
        assertEquals(-1, stream.read(buffer, 0, 16));
        assertThrows(IndexOutOfBoundsException.class, () -> stream.read(buffer, 10, 8));
    }

    @Test
    void readsAtMostOneChunkPerCallFromLongSources() throws IOException {
        float[] samples = Signals.noise(1, 0.1, 5000);
        AudioSourceStream stream = new AudioSourceStream(new FloatArraySource(samples, 16000));
        byte[] buffer = new byte[5000 * 4];
        int first = stream.read(buffer, 0, buffer.length);
        assertTrue(first > 0 && first % 4 == 0 && first < buffer.length, "read " + first);
        byte[] rest = readAll(stream, 4096);
        assertEquals(buffer.length, first + rest.length);
    }

    @Test
    void skipDiscardsWholeSamples() throws IOException {
        float[] samples = {1, 2, 3, 4, 5};
        AudioSourceStream stream = new AudioSourceStream(new FloatArraySource(samples, 16000, 2, false));
        assertEquals(8, stream.skip(11));
        float[] rest = new float[3];
        TarsosDSPAudioFloatConverter.getConverter(stream.getFormat()).toFloatArray(readAll(stream, 64), rest);
        assertArrayEquals(new float[]{3, 4, 5}, rest);
        assertEquals(0, stream.skip(40), "nothing left to skip");
    }

    @Test
    void lengthAndCloseComeFromTheSource() {
        FloatArraySource file = new FloatArraySource(new float[123], 16000);
        AudioSourceStream stream = new AudioSourceStream(file);
        assertEquals(123, stream.getFrameLength());
        stream.close();
        assertTrue(file.isClosed());
        assertEquals(-1, new AudioSourceStream(new FloatArraySource(new float[9], 16000, 9, true)).getFrameLength());
    }

    private static byte[] readAll(AudioSourceStream stream, int request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[request];
        int n;
        while ((n = stream.read(buffer, 0, request)) >= 0) out.write(buffer, 0, n);
        return out.toByteArray();
    }
}
