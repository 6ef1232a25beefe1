package org.emoscope.audio;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * An audio file streamed as mono samples at a chosen rate. The file is decoded and resampled block by block as it is
 * read, so memory use does not grow with the file's length. Any format {@link AudioDecoder} accepts can be streamed.
 * Samples are clamped to [-1, 1] (the resampler can overshoot slightly on full-scale input).
 */
public final class FileAudioSource implements AudioSource {

    private static final int BLOCK_SAMPLES = 8192;
    private static final float[] NONE = new float[0];

    private final DecodedStream stream;
    private final Resampler resampler;
    private final int sampleRate;
    private final float[] block = new float[BLOCK_SAMPLES];
    private float[] pending = NONE;
    private int pendingPosition;
    private boolean finished;
    private volatile boolean closed;

    /**
     * Opens a file; its format is recognised from its content, not its name.
     *
     * @param sampleRate the rate to deliver, Hz (e.g. 16000)
     * @throws AudioDecodeException     if the file cannot be opened as audio; the message names the file and the reason
     * @throws IllegalArgumentException if {@code sampleRate} is not positive
     */
    public FileAudioSource(Path file, int sampleRate) throws AudioDecodeException {
        Objects.requireNonNull(file, "file");
        if (sampleRate <= 0) throw new IllegalArgumentException("sampleRate must be positive: " + sampleRate);
        this.sampleRate = sampleRate;
        this.stream = DecodedStream.open(file);
        this.resampler = stream.sampleRate() == sampleRate ? null : new Resampler(stream.sampleRate(), sampleRate);
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * {@inheritDoc}
     *
     * @throws AudioDecodeException if the file turns out to be corrupt, or ends without any audio sample
     */
    @Override
    public int read(float[] buffer, int offset, int length) throws AudioDecodeException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (closed) return -1;
        if (length == 0) return 0;
        try {
            while (pendingPosition == pending.length) {
                if (closed || finished) return -1;
                refill();
            }
        } catch (AudioDecodeException e) {
            if (closed) return -1;
            throw e;
        }
        int n = Math.min(length, pending.length - pendingPosition);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = Math.max(-1f, Math.min(1f, pending[pendingPosition + i]));
        }
        pendingPosition += n;
        return n;
    }

    private void refill() throws AudioDecodeException {
        int n = stream.read(block, 0, block.length);
        if (n < 0) {
            finished = true;
            pending = resampler == null ? NONE : resampler.flush();
        } else {
            pending = resampler == null ? Arrays.copyOf(block, n) : resampler.process(block, 0, n);
        }
        pendingPosition = 0;
    }

    /** The file name. */
    @Override
    public String description() {
        return stream.name();
    }

    /** What is wrong with the file although it can be read (it is truncated), or null. */
    @Override
    public String warning() {
        return stream.warning();
    }

    /** The file's original encoding, e.g. "FLAC, 16-bit, 44100 Hz, stereo". */
    public String formatDescription() {
        return stream.description();
    }

    /**
     * Samples this source will deliver, if the file's header says how long it is (an MP3 only in a LAME/Xing Info
     * frame; Ogg never): else -1.
     */
    @Override
    public long lengthSamples() {
        long frames = stream.frames();
        return frames < 0 ? -1 : Resampler.outputLength(frames, stream.sampleRate(), sampleRate);
    }

    @Override
    public void close() {
        closed = true;
        stream.close();
    }
}
