package org.emoscope.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes RIFF/WAVE bytes for tests, including unusual and broken variants. */
final class WavBuilder {

    /** How samples are stored. */
    enum Sample { UNSIGNED8, INT16, INT24, INT32, FLOAT32, FLOAT64, ALAW, ULAW }

    private int formatTag = 1;
    private int channels = 1;
    private int rate = 16000;
    private int bitsPerSample = 16;
    private Integer blockAlign;
    private boolean extensible;
    private int validBits;
    private byte[] subFormatSuffix;
    private byte[] data = new byte[0];
    private Long declaredDataSize;
    private Long declaredRiffSize;
    private boolean dataBeforeFmt;
    private boolean padOddChunks = true;
    private final List<Chunk> chunksBeforeFmt = new ArrayList<>();
    private final List<Chunk> chunksAfterData = new ArrayList<>();

    private record Chunk(String id, byte[] body) {
    }

    /** A WAV holding {@code perChannel} (one array per channel) in the given sample format. */
    static WavBuilder of(Sample sample, int rate, float[]... perChannel) {
        WavBuilder b = new WavBuilder();
        b.rate = rate;
        b.channels = perChannel.length;
        b.formatTag = switch (sample) {
            case FLOAT32, FLOAT64 -> 3;
            case ALAW -> 6;
            case ULAW -> 7;
            default -> 1;
        };
        b.bitsPerSample = switch (sample) {
            case UNSIGNED8, ALAW, ULAW -> 8;
            case INT16 -> 16;
            case INT24 -> 24;
            case INT32, FLOAT32 -> 32;
            case FLOAT64 -> 64;
        };
        b.data = encode(sample, perChannel);
        return b;
    }

    /** Interleaves and encodes samples (A-law / µ-law via Java Sound's encoder is done by the caller). */
    static byte[] encode(Sample sample, float[]... perChannel) {
        int bytes = switch (sample) {
            case UNSIGNED8, ALAW, ULAW -> 1;
            case INT16 -> 2;
            case INT24 -> 3;
            case INT32, FLOAT32 -> 4;
            case FLOAT64 -> 8;
        };
        int frames = perChannel[0].length;
        ByteBuffer out = ByteBuffer.allocate(frames * perChannel.length * bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            for (float[] channel : perChannel) {
                double v = channel[i];
                switch (sample) {
                    case UNSIGNED8 -> out.put((byte) (clip(Math.round(v * 128), 8) + 128));
                    case INT16 -> out.putShort((short) clip(Math.round(v * 32768), 16));
                    case INT24 -> {
                        long s = clip(Math.round(v * 8388608), 24);
                        out.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
                    }
                    case INT32 -> out.putInt((int) clip(Math.round(v * 2147483648.0), 32));
                    case FLOAT32 -> out.putFloat((float) v);
                    case FLOAT64 -> out.putDouble(v);
                    default -> throw new IllegalArgumentException("encode G.711 with Java Sound: " + sample);
                }
            }
        }
        return out.array();
    }

    private static long clip(long v, int bits) {
        long max = (1L << (bits - 1)) - 1;
        return Math.max(-max - 1, Math.min(max, v));
    }

    WavBuilder formatTag(int tag) {
        this.formatTag = tag;
        return this;
    }

    WavBuilder channels(int channels) {
        this.channels = channels;
        return this;
    }

    WavBuilder rate(int rate) {
        this.rate = rate;
        return this;
    }

    WavBuilder bitsPerSample(int bits) {
        this.bitsPerSample = bits;
        return this;
    }

    WavBuilder blockAlign(int blockAlign) {
        this.blockAlign = blockAlign;
        return this;
    }

    /** Writes WAVE_FORMAT_EXTENSIBLE with the current tag as sub-format and {@code validBits} valid bits. */
    WavBuilder extensible(int validBits) {
        this.extensible = true;
        this.validBits = validBits;
        return this;
    }

    /** Replaces bytes 2..15 of the sub-format GUID. */
    WavBuilder subFormatSuffix(byte[] suffix) {
        this.subFormatSuffix = suffix;
        return this;
    }

    WavBuilder data(byte[] data) {
        this.data = data;
        return this;
    }

    WavBuilder declaredDataSize(long size) {
        this.declaredDataSize = size;
        return this;
    }

    WavBuilder declaredRiffSize(long size) {
        this.declaredRiffSize = size;
        return this;
    }

    WavBuilder dataBeforeFmt() {
        this.dataBeforeFmt = true;
        return this;
    }

    WavBuilder chunkBeforeFmt(String id, byte[] body) {
        chunksBeforeFmt.add(new Chunk(id, body));
        return this;
    }

    WavBuilder chunkAfterData(String id, byte[] body) {
        chunksAfterData.add(new Chunk(id, body));
        return this;
    }

    /** Leaves out the pad byte after odd-sized chunks, as some writers wrongly do. */
    WavBuilder withoutPadBytes() {
        this.padOddChunks = false;
        return this;
    }

    byte[] build() {
        int bytesPerSample = (bitsPerSample + 7) / 8;
        ByteBuffer fmt = ByteBuffer.allocate(extensible ? 40 : 16).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) (extensible ? 0xFFFE : formatTag));
        fmt.putShort((short) channels);
        fmt.putInt(rate);
        int align = blockAlign != null ? blockAlign : channels * bytesPerSample;
        fmt.putInt(rate * align);
        fmt.putShort((short) align);
        fmt.putShort((short) bitsPerSample);
        if (extensible) {
            fmt.putShort((short) 22);
            fmt.putShort((short) validBits);
            fmt.putInt(channels == 2 ? 3 : 0);
            fmt.putShort((short) formatTag);
            fmt.put(subFormatSuffix != null ? subFormatSuffix
                    : new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        }
        byte[] fmtChunk = chunk("fmt ", fmt.array(), fmt.capacity());
        byte[] dataChunk = chunk("data", data, declaredDataSize != null ? declaredDataSize : data.length);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        chunksBeforeFmt.forEach(c -> body.writeBytes(chunk(c.id(), c.body(), c.body().length)));
        if (dataBeforeFmt) {
            body.writeBytes(dataChunk);
            body.writeBytes(fmtChunk);
        } else {
            body.writeBytes(fmtChunk);
            body.writeBytes(dataChunk);
        }
        chunksAfterData.forEach(c -> body.writeBytes(chunk(c.id(), c.body(), c.body().length)));
        ByteBuffer riff = ByteBuffer.allocate(8 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII));
        riff.putInt((int) (declaredRiffSize != null ? declaredRiffSize : body.size()));
        riff.put(body.toByteArray());
        return riff.array();
    }

    private byte[] chunk(String id, byte[] body, long declaredSize) {
        boolean pad = padOddChunks && body.length % 2 == 1;
        ByteBuffer b = ByteBuffer.allocate(8 + body.length + (pad ? 1 : 0)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(id.getBytes(StandardCharsets.US_ASCII));
        b.putInt((int) declaredSize);
        b.put(body);
        return b.array();
    }
}
