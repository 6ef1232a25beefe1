package org.emoscope.audio;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes samples as a WAV file: the one writer, for benchmarks, codec round trips and tests. */
public final class WavWriter {

    private WavWriter() {
    }

    /** Writes {@code x} as a 16-bit mono PCM WAV file. */
    public static Path write16(Path file, float[] x, int rate) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        long dataBytes = 2L * x.length;
        header.put("RIFF".getBytes()).putInt((int) (36 + dataBytes)).put("WAVE".getBytes());
        header.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate)
                .putInt(rate * 2).putShort((short) 2).putShort((short) 16);
        header.put("data".getBytes()).putInt((int) dataBytes);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(header.array());
            ByteBuffer block = ByteBuffer.allocate(1 << 15).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : x) {
                if (!block.hasRemaining()) {
                    out.write(block.array(), 0, block.position());
                    block.clear();
                }
                block.putShort((short) Math.round(Math.max(-1, Math.min(1, v)) * 32767));
            }
            out.write(block.array(), 0, block.position());
        }
        return file;
    }
}
