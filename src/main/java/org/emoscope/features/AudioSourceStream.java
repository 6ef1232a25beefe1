package org.emoscope.features;

import be.tarsos.dsp.io.TarsosDSPAudioFloatConverter;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import be.tarsos.dsp.io.TarsosDSPAudioInputStream;
import org.emoscope.audio.AudioSource;

import java.io.IOException;
import java.util.Objects;

/**
 * Presents an {@link AudioSource} as a TarsosDSP byte stream of 32-bit little-endian float PCM, mono, at the
 * source's rate. TarsosDSP's {@code TarsosDSPAudioFloatConverter} decodes that format back bit-exactly, so an
 * {@code AudioDispatcher} over this stream sees exactly the source's samples (unlike
 * {@code AudioDispatcherFactory.fromFloatArray}, which re-quantises to 16 bit).
 *
 * <p>Reads block as long as the source blocks. Closing the stream closes the source. Not thread-safe apart from
 * {@link #close()}, which may be called from any thread when the source allows it.
 */
public final class AudioSourceStream implements TarsosDSPAudioInputStream {

    private static final int BYTES_PER_SAMPLE = 4;
    private static final int CHUNK_SAMPLES = 1024;

    private final AudioSource source;
    private final TarsosDSPAudioFormat format;
    private final float[] chunk = new float[CHUNK_SAMPLES];

    /** Wraps {@code source}; the stream takes over closing it. */
    public AudioSourceStream(AudioSource source) {
        this.source = Objects.requireNonNull(source, "source");
        float rate = source.sampleRate();
        format = new TarsosDSPAudioFormat(TarsosDSPAudioFloatConverter.PCM_FLOAT, rate, 32, 1, BYTES_PER_SAMPLE,
                rate, false);
    }

    /** 32-bit float PCM, little-endian, one channel, 4-byte frames, at the source's sample rate. */
    @Override
    public TarsosDSPAudioFormat getFormat() {
        return format;
    }

    /**
     * Reads whole samples only: at most {@code len / 4} of them (and at most 1024 per call).
     *
     * @return the number of bytes read (a multiple of 4), or -1 at the end of the source
     */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        int wanted = Math.min(len / BYTES_PER_SAMPLE, CHUNK_SAMPLES);
        if (wanted == 0) return 0;
        int got = source.read(chunk, 0, wanted);
        if (got < 0) return -1;
        int p = off;
        for (int i = 0; i < got; i++) {
            int bits = Float.floatToRawIntBits(chunk[i]);
            b[p++] = (byte) bits;
            b[p++] = (byte) (bits >>> 8);
            b[p++] = (byte) (bits >>> 16);
            b[p++] = (byte) (bits >>> 24);
        }
        return got * BYTES_PER_SAMPLE;
    }

    /** Reads and discards up to {@code bytesToSkip / 4} samples; returns the bytes skipped (fewer at the end). */
    @Override
    public long skip(long bytesToSkip) throws IOException {
        long remaining = bytesToSkip / BYTES_PER_SAMPLE;
        long skipped = 0;
        while (remaining > 0) {
            int got = source.read(chunk, 0, (int) Math.min(remaining, CHUNK_SAMPLES));
            if (got < 0) break;
            skipped += got;
            remaining -= got;
        }
        return skipped * BYTES_PER_SAMPLE;
    }

    /** Closes the source. */
    @Override
    public void close() {
        source.close();
    }

    /** Length in samples (= frames, mono) if the source knows it, else -1. */
    @Override
    public long getFrameLength() {
        return source.lengthSamples();
    }
}
