package org.emoscope.audio;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A file's audio as mono float samples at the file's own sample rate, read block by block. Opening picks the decoder
 * from the file's first bytes: the built-in {@link WavParser} for RIFF/WAVE, Java Sound (with the FLAC, MP3 and Ogg
 * Vorbis SPI decoders, see {@link JavaSoundDecoding}) for everything else. Every failure is an
 * {@link AudioDecodeException} whose message names the file.
 */
final class DecodedStream implements Closeable {

    /** Consecutive empty reads after which a decoder is taken to be stuck. */
    private static final int MAX_EMPTY_READS = 1000;
    private static final int MAX_BLOCK_BYTES = 1 << 16;

    private final InputStream in;
    private final PcmFormat format;
    private long frames;
    private final String name;
    private final String description;
    private final String emptyReason;
    private final Closeable resources;
    private long bytesLeft;
    private byte[] bytes = new byte[0];
    /** Bytes of an incomplete frame left over from the previous read, at the start of {@link #bytes}. */
    private int carry;
    private long framesRead;
    private boolean ended;
    /** Decoded bytes still to drop before the first sample delivered (an MP3's encoder delay). */
    private long skipBytes;
    /** What is wrong with the file although it can be read (e.g. it is truncated), or null. */
    private String warning;

    /**
     * @param in          the sample bytes, interleaved frames in {@code format}
     * @param byteLimit   read at most this many bytes from {@code in}
     * @param frames      frames in the stream if known, else -1
     * @param emptyReason appended to the "no audio samples" message, e.g. " (the file is truncated)"
     * @param resources   closed with this stream
     */
    DecodedStream(InputStream in, long byteLimit, PcmFormat format, long frames, String name, String description,
                  String emptyReason, Closeable resources) {
        this.in = in;
        this.bytesLeft = byteLimit;
        this.format = format;
        this.frames = frames;
        this.name = name;
        this.description = description;
        this.emptyReason = emptyReason;
        this.resources = resources;
    }

    /**
     * Drops the first {@code frames} decoded frames and reads at most {@code limit} frames after them (-1: no
     * limit): an MP3's encoder delay and padding. Call before the first read.
     */
    DecodedStream trim(long frames, long limit) {
        skipBytes = Math.max(0, frames) * format.frameSize();
        if (limit >= 0) {
            bytesLeft = Math.min(bytesLeft, limit * format.frameSize());
            this.frames = limit;
        }
        return this;
    }

    DecodedStream warn(String warning) {
        this.warning = warning;
        return this;
    }

    /** What is wrong with the file although it could be read, e.g. that it is truncated; null when nothing is. */
    String warning() {
        return warning;
    }

    /**
     * Opens a file for decoding.
     *
     * @throws AudioDecodeException if the file is missing, unreadable, not a regular file, empty, not audio, or its
     *                              header is invalid
     */
    static DecodedStream open(Path file) throws AudioDecodeException {
        String name = displayName(file);
        if (Files.isDirectory(file)) throw new AudioDecodeException(name + ": is a folder, not an audio file");
        if (Files.exists(file) && !Files.isRegularFile(file)) { // a pipe would block the open until a writer comes
            throw new AudioDecodeException(name + ": not a regular file (a pipe, socket or device cannot be analysed)");
        }
        byte[] head = new byte[FormatSniffer.HEAD_BYTES];
        int length;
        long size;
        try (InputStream probe = Files.newInputStream(file)) {
            length = probe.readNBytes(head, 0, head.length);
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new AudioDecodeException(name + ": file not found (" + file.toAbsolutePath() + ")", e);
        } catch (AccessDeniedException e) {
            throw new AudioDecodeException(name + ": permission denied, the file cannot be read", e);
        } catch (IOException e) {
            throw new AudioDecodeException(name + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (length == 0) throw new AudioDecodeException(name + ": the file is empty (0 bytes)");
        FormatSniffer.Kind kind = FormatSniffer.identify(head, length, name);
        if (kind == FormatSniffer.Kind.WAV) return openWav(file, name);
        return JavaSoundDecoding.open(file, name, kind, FormatSniffer.flacTotalSamples(head, length, size));
    }

    private static DecodedStream openWav(Path file, String name) throws AudioDecodeException {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            WavParser.Layout layout = WavParser.parse(channel, name);
            channel.position(layout.dataOffset());
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), MAX_BLOCK_BYTES);
            long frames = layout.dataBytes() / layout.format().frameSize();
            String reason = layout.truncated() ? " (the file is truncated: it ends right after the header)"
                    : layout.dataBytes() == 0 ? " (the 'data' chunk is empty)"
                    : " (the 'data' chunk holds less than one sample)";
            DecodedStream stream = new DecodedStream(in, layout.dataBytes(), layout.format(), frames, name,
                    layout.description(), reason, channel);
            if (layout.truncated() && layout.declaredBytes() > 0 && frames > 0) {
                double rate = layout.format().sampleRate();
                stream.warn(String.format(java.util.Locale.ROOT, "%s: the file is truncated: its header declares "
                                + "%.3f s of audio but the file ends after %.3f s; analysed what is there", name,
                        layout.declaredBytes() / layout.format().frameSize() / rate, frames / rate));
            }
            return stream;
        } catch (IOException e) {
            closeQuietly(channel);
            if (e instanceof AudioDecodeException decodeException) throw decodeException;
            throw new AudioDecodeException(name + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The file name for messages (the last path element). */
    static String displayName(Path file) {
        Path fileName = file.getFileName();
        return fileName == null ? file.toString() : fileName.toString();
    }

    /** The file's own sample rate. */
    int sampleRate() {
        return format.sampleRate();
    }

    /** Number of frames (= mono samples) in the file, or -1 if the format does not say. */
    long frames() {
        return frames;
    }

    String name() {
        return name;
    }

    /** The original encoding, e.g. "FLAC, 16-bit, 44100 Hz, stereo". */
    String description() {
        return description;
    }

    /**
     * Reads up to {@code maxFrames} mono samples, at least one unless the stream has ended.
     *
     * @return samples read, or -1 at the end
     * @throws AudioDecodeException if decoding fails, or the stream ends without having produced any sample
     */
    int read(float[] dst, int offset, int maxFrames) throws AudioDecodeException {
        if (ended) return -1;
        int frameSize = format.frameSize();
        int wanted = Math.max(1, Math.min(maxFrames, MAX_BLOCK_BYTES / frameSize)) * frameSize;
        if (bytes.length < wanted) bytes = Arrays.copyOf(bytes, wanted);
        int emptyReads = 0;
        while (skipBytes > 0) {
            int n = readBytes(0, (int) Math.min(skipBytes, bytes.length));
            if (n < 0) return end();
            if (n == 0 && ++emptyReads > MAX_EMPTY_READS) {
                throw new AudioDecodeException(name
                        + ": the decoder stopped making progress (the file is probably corrupt)");
            }
            skipBytes -= n;
        }
        while (carry < frameSize) {
            int request = (int) Math.min(wanted - carry, bytesLeft);
            int n = request <= 0 ? -1 : readBytes(carry, request);
            if (n < 0) return end();
            if (n == 0 && ++emptyReads > MAX_EMPTY_READS) {
                throw new AudioDecodeException(name
                        + ": the decoder stopped making progress (the file is probably corrupt)");
            }
            carry += n;
            bytesLeft -= n;
        }
        int count = carry / frameSize;
        format.toMono(bytes, 0, count, dst, offset);
        int used = count * frameSize;
        System.arraycopy(bytes, used, bytes, 0, carry - used);
        carry -= used;
        framesRead += count;
        return count;
    }

    private int readBytes(int offset, int length) throws AudioDecodeException {
        try {
            return in.read(bytes, offset, length);
        } catch (AudioDecodeException e) {
            throw e;
        } catch (IOException e) {
            throw new AudioDecodeException(name + ": read error (" + e.getMessage() + ")", e);
        }
    }

    private int end() throws AudioDecodeException {
        ended = true;
        if (framesRead == 0) throw new AudioDecodeException(name + ": contains no audio samples" + emptyReason);
        return -1;
    }

    @Override
    public void close() {
        closeQuietly(in);
        closeQuietly(resources);
    }

    /** Closes, ignoring failure: for files that were only read. */
    static void closeQuietly(Closeable closeable) {
        if (closeable == null) return;
        try {
            closeable.close();
        } catch (IOException e) {
            // Nothing useful can be done about a failed close of a file that was only read.
        }
    }
}
