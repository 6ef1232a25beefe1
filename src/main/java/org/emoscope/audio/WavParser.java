package org.emoscope.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Reads the header of a RIFF/WAVE file: finds the 'fmt ' and 'data' chunks in any order, skipping unknown chunks and
 * tolerating a missing pad byte after an odd-sized chunk. Handles integer PCM (8-bit unsigned, 16/24/32-bit signed,
 * also in wider containers), 32/64-bit float, A-law, µ-law and WAVE_FORMAT_EXTENSIBLE. A 'data' chunk declared
 * longer than the file (a truncated file, or a streaming writer's 0xFFFFFFFF) is read up to the end of the file, and
 * so is one declared empty but followed by samples rather than another chunk (a recording that was never finalised).
 * A sample rate out of range whose byte rate does not agree with it is reported as a corrupt header.
 */
final class WavParser {

    /**
     * Where the samples are and how they are coded.
     *
     * @param dataOffset  file offset of the first sample byte
     * @param dataBytes   number of sample bytes present in the file
     * @param truncated   true if the file ends before the end the 'data' chunk declares
     * @param description e.g. "WAV, 24-bit PCM, 48000 Hz, stereo"
     * @param declaredBytes the size the 'data' chunk declares (-1 when unknown: a streaming writer's 0xFFFFFFFF)
     */
    record Layout(PcmFormat format, long dataOffset, long dataBytes, boolean truncated, String description,
                  long declaredBytes) {
    }

    private static final int TAG_PCM = 0x0001;
    private static final int TAG_FLOAT = 0x0003;
    private static final int TAG_ALAW = 0x0006;
    private static final int TAG_MULAW = 0x0007;
    private static final int TAG_EXTENSIBLE = 0xFFFE;
    /** Bytes 2..15 of every standard KSDATAFORMAT_SUBTYPE GUID (the first two bytes are the format tag). */
    private static final byte[] GUID_SUFFIX = {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38,
        (byte) 0x9B, 0x71};
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;

    private WavParser() {
    }

    /**
     * Parses the header of a file already identified as RIFF/WAVE.
     *
     * @param name file name for messages
     * @throws AudioDecodeException if the header is truncated, inconsistent or describes an unsupported encoding
     * @throws IOException          if the file cannot be read
     */
    static Layout parse(FileChannel channel, String name) throws IOException {
        long size = channel.size();
        PcmFormat format = null;
        String description = null;
        long dataOffset = -1;
        long declaredData = 0;
        long position = 12;
        boolean afterOddChunk = false;
        String corrupt = null;
        while (position + 8 <= size && (format == null || dataOffset < 0)) {
            if (afterOddChunk && padByteMissing(channel, position)) position--;
            ByteBuffer header = read(channel, position, 8);
            String id = new String(header.array(), 0, 4, StandardCharsets.ISO_8859_1);
            if (!isChunkId(id)) {
                corrupt = "unreadable chunk header at byte " + position;
                break;
            }
            long chunkSize = header.getInt(4) & 0xFFFFFFFFL;
            long body = position + 8;
            if (id.equals("fmt ")) {
                Fmt fmt = parseFmt(channel, body, chunkSize, size, name);
                format = fmt.format;
                description = fmt.description;
            } else if (id.equals("data")) {
                dataOffset = body;
                declaredData = chunkSize;
            }
            position = body + chunkSize + (chunkSize & 1);
            afterOddChunk = (chunkSize & 1) != 0;
        }
        if (corrupt != null && (format == null || dataOffset < 0)) {
            throw new AudioDecodeException(name + ": not a valid WAV file (" + corrupt + ")");
        }
        if (format == null) {
            if (position != size || size < 44) {
                throw new AudioDecodeException(name + ": truncated WAV header (the file is only " + size
                        + " bytes and has no complete 'fmt ' chunk)");
            }
            throw new AudioDecodeException(name + ": not a valid WAV file (it has no 'fmt ' chunk)");
        }
        if (dataOffset < 0) {
            String reason = position != size
                    ? "the file is truncated before the 'data' chunk"
                    : "it has no 'data' chunk";
            throw new AudioDecodeException(name + ": no audio in this WAV file (" + reason + ")");
        }
        long present = Math.max(0, size - dataOffset);
        if (declaredData == 0 && present > 0 && !chunkAt(channel, dataOffset, size)) {
            declaredData = UNKNOWN_SIZE; // a recorder that never filled in the size: samples follow, read them all
        }
        boolean truncated = declaredData != UNKNOWN_SIZE && declaredData > present;
        return new Layout(format, dataOffset, Math.min(declaredData, present), truncated, description,
                declaredData == UNKNOWN_SIZE ? -1 : declaredData);
    }

    private record Fmt(PcmFormat format, String description) {
    }

    private static Fmt parseFmt(FileChannel channel, long body, long chunkSize, long fileSize, String name)
            throws IOException {
        if (chunkSize < 16) {
            throw new AudioDecodeException(name + ": invalid WAV header (the 'fmt ' chunk has " + chunkSize
                    + " bytes, at least 16 are needed)");
        }
        int wanted = (int) Math.min(chunkSize, 40);
        if (body + Math.min(wanted, 16) > fileSize) {
            throw new AudioDecodeException(name + ": truncated WAV header (the file ends inside the 'fmt ' chunk)");
        }
        ByteBuffer f = read(channel, body, (int) Math.min(wanted, fileSize - body));
        int tag = f.getShort(0) & 0xFFFF;
        int channels = f.getShort(2) & 0xFFFF;
        long rate = f.getInt(4) & 0xFFFFFFFFL;
        int blockAlign = f.getShort(12) & 0xFFFF;
        int bits = f.getShort(14) & 0xFFFF;
        boolean extensible = tag == TAG_EXTENSIBLE;
        if (extensible) {
            if (f.limit() < 40) {
                throw new AudioDecodeException(name + ": invalid WAV header (a WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk "
                        + "needs 40 bytes, this one has " + f.limit() + ")");
            }
            for (int i = 0; i < GUID_SUFFIX.length; i++) {
                if (f.get(26 + i) != GUID_SUFFIX[i]) {
                    throw new AudioDecodeException(name + ": unsupported WAV encoding: WAVE_FORMAT_EXTENSIBLE with the "
                            + "non-standard sub-format " + guid(f, 24));
                }
            }
            tag = f.getShort(24) & 0xFFFF;
        }
        if (channels == 0) throw new AudioDecodeException(name + ": invalid WAV header (0 channels)");
        if (rate < PcmFormat.MIN_RATE || rate > PcmFormat.MAX_RATE) {
            long byteRate = f.getInt(8) & 0xFFFFFFFFL;
            if (blockAlign == 0 || byteRate != rate * blockAlign) { // garbage, not a real but unsupported rate
                throw new AudioDecodeException(name + ": corrupt WAV header: sample rate " + rate + " Hz");
            }
            throw PcmFormat.unsupportedRate(name, rate);
        }
        PcmFormat.Encoding encoding = switch (tag) {
            case TAG_PCM -> bits <= 8 ? PcmFormat.Encoding.UNSIGNED : PcmFormat.Encoding.SIGNED;
            case TAG_FLOAT -> PcmFormat.Encoding.FLOAT;
            case TAG_ALAW -> PcmFormat.Encoding.ALAW;
            case TAG_MULAW -> PcmFormat.Encoding.ULAW;
            default -> throw new AudioDecodeException(name + ": unsupported WAV encoding: " + codecName(tag)
                    + String.format(" (format tag 0x%04X)", tag) + "; convert it to PCM WAV, FLAC or MP3");
        };
        if (bits == 0) throw new AudioDecodeException(name + ": invalid WAV header (0 bits per sample)");
        int containerBytes = (bits + 7) / 8;
        if (blockAlign != 0 && blockAlign != channels * containerBytes) {
            boolean paddedContainer = encoding == PcmFormat.Encoding.SIGNED && blockAlign % channels == 0
                    && blockAlign / channels > containerBytes;
            if (!paddedContainer) {
                throw new AudioDecodeException(name + ": invalid WAV header (block size " + blockAlign
                        + " bytes does not fit " + channels + " channel(s) of " + bits + "-bit samples)");
            }
            containerBytes = blockAlign / channels;
        }
        boolean sizeMatches = encoding == PcmFormat.Encoding.SIGNED || bits == 8 * containerBytes;
        if (!sizeMatches || !PcmFormat.isSupported(encoding, containerBytes)) {
            String kind = encoding == PcmFormat.Encoding.FLOAT ? "float" : encoding.name().toLowerCase();
            throw new AudioDecodeException(name + ": unsupported WAV sample format (" + bits + "-bit " + kind + ")");
        }
        PcmFormat format = new PcmFormat(encoding, containerBytes, false, channels, (int) rate);
        String description = "WAV" + (extensible ? " (extensible)" : "") + ", " + format.describe(bits);
        return new Fmt(format, description);
    }

    /**
     * True if the writer left out the pad byte after an odd-sized chunk, so that the next chunk starts one byte
     * before {@code position}: no chunk id at {@code position}, or the 'fmt ' or 'data' id one byte earlier.
     */
    private static boolean padByteMissing(FileChannel channel, long position) throws IOException {
        ByteBuffer ids = read(channel, position - 1, 5);
        if (ids.limit() < 5) return false;
        String earlier = new String(ids.array(), 0, 4, StandardCharsets.ISO_8859_1);
        String here = new String(ids.array(), 1, 4, StandardCharsets.ISO_8859_1);
        return !isChunkId(here) || earlier.equals("fmt ") || earlier.equals("data");
    }

    /** True if a chunk header (id and a size that fits in the file) starts at {@code position}. */
    private static boolean chunkAt(FileChannel channel, long position, long fileSize) throws IOException {
        ByteBuffer header = read(channel, position, 8);
        if (header.limit() < 8) return false;
        String id = new String(header.array(), 0, 4, StandardCharsets.ISO_8859_1);
        return isChunkId(id) && position + 8 + (header.getInt(4) & 0xFFFFFFFFL) <= fileSize;
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) break;
        }
        buffer.flip();
        return buffer;
    }

    /** Four printable ASCII characters, as every RIFF chunk id is. */
    private static boolean isChunkId(String id) {
        for (int i = 0; i < 4; i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c > 0x7E) return false;
        }
        return true;
    }

    private static String guid(ByteBuffer f, int offset) {
        return String.format("%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X", f.getInt(offset),
                f.getShort(offset + 4), f.getShort(offset + 6), f.get(offset + 8), f.get(offset + 9),
                f.get(offset + 10), f.get(offset + 11), f.get(offset + 12), f.get(offset + 13),
                f.get(offset + 14), f.get(offset + 15));
    }

    private static String codecName(int tag) {
        return switch (tag) {
            case 0x0002 -> "Microsoft ADPCM";
            case 0x0011 -> "IMA ADPCM";
            case 0x0022 -> "DSP Group TrueSpeech";
            case 0x0031 -> "GSM 6.10";
            case 0x0040 -> "G.721 ADPCM";
            case 0x0050 -> "MPEG audio";
            case 0x0055 -> "MP3";
            case 0x00FF, 0x1610 -> "AAC";
            case 0x0160, 0x0161, 0x0162, 0x0163 -> "Windows Media Audio";
            case 0x2000 -> "Dolby AC-3";
            default -> "unknown";
        };
    }
}
