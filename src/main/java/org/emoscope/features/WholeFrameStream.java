package org.emoscope.features;

import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import be.tarsos.dsp.io.TarsosDSPAudioInputStream;

import java.io.IOException;

/**
 * Passes a stream through in whole analysis blocks: first one window, then one hop at a time, each released only
 * once it has been read completely. An incomplete block at the end is dropped and reported as the end of the
 * stream, so an {@code AudioDispatcher} reading window/hop-sized blocks never sees a partial (zero-padded or
 * shortened) buffer: it delivers exactly {@link FeatureConfig#frameCount} frames.
 */
final class WholeFrameStream implements TarsosDSPAudioInputStream {

    private final TarsosDSPAudioInputStream in;
    private final int hopBytes;
    private final byte[] block;
    private boolean started;
    private int filled;
    private int released;

    WholeFrameStream(TarsosDSPAudioInputStream in, int windowSamples, int hopSamples) {
        this.in = in;
        int frameSize = in.getFormat().getFrameSize();
        hopBytes = hopSamples * frameSize;
        block = new byte[windowSamples * frameSize];
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (released == filled && !readBlock()) return -1;
        int n = Math.min(len, filled - released);
        System.arraycopy(block, released, b, off, n);
        released += n;
        return n;
    }

    /** Reads the next whole block (a window first, then hops); false at the end of the stream. */
    private boolean readBlock() throws IOException {
        int size = started ? hopBytes : block.length;
        started = true;
        filled = 0;
        released = 0;
        while (filled < size) {
            int n = in.read(block, filled, size - filled);
            if (n < 0) {
                filled = 0;
                return false;
            }
            filled += n;
        }
        return true;
    }

    /** Delegates to the wrapped stream; only meaningful before the first read (as {@code AudioDispatcher} uses it). */
    @Override
    public long skip(long bytesToSkip) throws IOException {
        return in.skip(bytesToSkip);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    @Override
    public TarsosDSPAudioFormat getFormat() {
        return in.getFormat();
    }

    @Override
    public long getFrameLength() {
        return in.getFrameLength();
    }
}
