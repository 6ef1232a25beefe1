package org.emoscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.emoscope.model.ModelBundle;
import org.emoscope.pipeline.TestAudio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Writes the files of {@link BadInputCorpusTest}: WAV in every sample format with any header damage, streamed long
 * WAV, non-audio bytes, damaged copies of the FLAC/MP3/Ogg fixtures of {@code org.emoscope.audio} and damaged model
 * bundles. ({@code org.emoscope.audio.WavBuilder} is package-private to the audio tests, so the WAV writing it does is
 * repeated here for the formats the CLI corpus needs; the speech-like signal is {@link TestAudio#voiced}.)
 */
final class BadInputFiles {

    private BadInputFiles() {
    }

    /** How WAV samples are stored. */
    enum Sample {
        U8(1, 8, 1), S16(1, 16, 2), S24(1, 24, 3), S32(1, 32, 4), F32(3, 32, 4), F64(3, 64, 8), ALAW(6, 8, 1),
        ULAW(7, 8, 1);

        final int tag;
        final int bits;
        final int bytes;

        Sample(int tag, int bits, int bytes) {
            this.tag = tag;
            this.bits = bits;
            this.bytes = bytes;
        }
    }

    /** A WAV file under construction: a format, the sample bytes and optional header damage. */
    static final class Wav {
        private final Sample sample;
        private final int rate;
        private final int channels;
        private byte[] data;
        private Long declaredData;
        private Long declaredRiff;
        private boolean extensible;
        private byte[] fmtBody;

        private Wav(Sample sample, int rate, int channels, byte[] data) {
            this.sample = sample;
            this.rate = rate;
            this.channels = channels;
            this.data = data;
        }

        /** {@code mono} copied to every channel, in {@code sample} format. */
        static Wav of(Sample sample, int rate, int channels, float[] mono) {
            return new Wav(sample, rate, channels, encode(sample, channels, mono));
        }

        /** 16-bit mono PCM. */
        static Wav pcm16(int rate, float[] mono) {
            return of(Sample.S16, rate, 1, mono);
        }

        /** Raw sample bytes in the file's format. */
        static Wav raw(Sample sample, int rate, int channels, byte[] data) {
            return new Wav(sample, rate, channels, data);
        }

        /** The 'data' chunk's size field, instead of the real size. */
        Wav declaredData(long size) {
            this.declaredData = size;
            return this;
        }

        /** The RIFF size field, instead of the real size. */
        Wav declaredRiff(long size) {
            this.declaredRiff = size;
            return this;
        }

        /** WAVE_FORMAT_EXTENSIBLE header with the sample format's tag as sub-format. */
        Wav extensible() {
            this.extensible = true;
            return this;
        }

        /** Replaces the 16-byte body of the 'fmt ' chunk. */
        Wav fmtBody(byte[] body) {
            this.fmtBody = body;
            return this;
        }

        byte[] build() {
            byte[] header = header(sample, rate, channels, data.length, declaredData, declaredRiff, extensible,
                    fmtBody);
            byte[] out = Arrays.copyOf(header, header.length + data.length);
            System.arraycopy(data, 0, out, header.length, data.length);
            return out;
        }

        Path write(Path file) throws IOException {
            return Files.write(file, build());
        }
    }

    /** A RIFF/WAVE header ('fmt ' then 'data') for {@code dataBytes} bytes of samples. */
    static byte[] header(Sample sample, int rate, int channels, long dataBytes, Long declaredData, Long declaredRiff,
                         boolean extensible, byte[] fmtBody) {
        int fmtSize = extensible ? 40 : 16;
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + fmtSize + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF"));
        b.putInt((int) (declaredRiff != null ? declaredRiff : 4 + 8 + fmtSize + 8 + dataBytes));
        b.put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(fmtSize);
        if (fmtBody != null) {
            b.put(fmtBody, 0, 16);
        } else {
            int align = channels * sample.bytes;
            b.putShort((short) (extensible ? 0xFFFE : sample.tag)).putShort((short) channels).putInt(rate)
                    .putInt(rate * align).putShort((short) align).putShort((short) sample.bits);
        }
        if (extensible) {
            b.putShort((short) 22).putShort((short) sample.bits).putInt(channels == 6 ? 0x3F : 0);
            b.putShort((short) sample.tag);
            b.put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        }
        b.put(ascii("data")).putInt((int) (declaredData != null ? declaredData : dataBytes));
        return b.array();
    }

    /** Interleaves {@code mono} into {@code channels} identical channels of {@code sample} bytes. */
    static byte[] encode(Sample sample, int channels, float[] mono) {
        if (sample == Sample.ALAW || sample == Sample.ULAW) return g711(sample, channels, mono);
        ByteBuffer out = ByteBuffer.allocate(mono.length * channels * sample.bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : mono) {
            for (int c = 0; c < channels; c++) {
                switch (sample) {
                    case U8 -> out.put((byte) (clip(Math.round(v * 128.0), 8) + 128));
                    case S16 -> out.putShort((short) clip(Math.round(v * 32768.0), 16));
                    case S24 -> {
                        long s = clip(Math.round(v * 8388608.0), 24);
                        out.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
                    }
                    case S32 -> out.putInt((int) clip(Math.round(v * 2147483648.0), 32));
                    case F32 -> out.putFloat(v);
                    case F64 -> out.putDouble(v);
                    default -> throw new AssertionError(sample);
                }
            }
        }
        return out.array();
    }

    /** A-law / µ-law through Java Sound's own encoders. */
    private static byte[] g711(Sample sample, int channels, float[] mono) {
        byte[] pcm = encode(Sample.S16, channels, mono);
        AudioFormat linear = new AudioFormat(16000, 16, channels, true, false);
        AudioFormat.Encoding encoding = sample == Sample.ALAW ? AudioFormat.Encoding.ALAW : AudioFormat.Encoding.ULAW;
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), linear, mono.length);
             AudioInputStream coded = AudioSystem.getAudioInputStream(encoding, in)) {
            return coded.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long clip(long v, int bits) {
        long max = (1L << (bits - 1)) - 1;
        return Math.max(-max - 1, Math.min(max, v));
    }

    /** 32-bit float mono samples, written as they are (NaN, infinities and denormals included). */
    static Path floatWav(Path file, int rate, float[] samples) throws IOException {
        return Wav.of(Sample.F32, rate, 1, samples).write(file);
    }

    /**
     * A 16-bit mono WAV of {@code seconds}, written block by block straight to disk (never the whole file in memory):
     * {@code block} repeated. Returns the file.
     */
    static Path streamWav(Path file, int rate, long seconds, float[] block) throws IOException {
        long samples = seconds * rate;
        long dataBytes = 2 * samples;
        byte[] pcm = encode(Sample.S16, 1, block);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, ByteBuffer.wrap(header(Sample.S16, rate, 1, dataBytes, null, null, false, null)));
            long left = dataBytes;
            while (left > 0) {
                int n = (int) Math.min(left, pcm.length);
                writeFully(out, ByteBuffer.wrap(pcm, 0, n));
                left -= n;
            }
        }
        return file;
    }

    private static void writeFully(FileChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) out.write(b);
    }

    /** A full-scale square wave, clipped hard: +1/-1 with no transition. */
    static float[] square(double seconds, int rate, double frequency) {
        float[] x = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < x.length; i++) x[i] = ((int) (2 * frequency * i / rate)) % 2 == 0 ? 1f : -1f;
        return x;
    }

    /** {@code x} with {@code value} written into every {@code every}-th sample. */
    static float[] sprinkle(float[] x, int every, float... values) {
        float[] y = x.clone();
        for (int i = 0, k = 0; i < y.length; i += every, k++) y[i] = values[k % values.length];
        return y;
    }

    static float[] filled(int length, float value) {
        float[] x = new float[length];
        Arrays.fill(x, value);
        return x;
    }

    static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** {@code bytes} with {@code count} bytes from {@code from} XOR-ed with random non-zero values. */
    static byte[] flip(byte[] bytes, int from, int count, long seed) {
        byte[] out = bytes.clone();
        Random r = new Random(seed);
        for (int i = from; i < from + count && i < out.length; i++) out[i] ^= (byte) (1 + r.nextInt(255));
        return out;
    }

    /** {@code bytes} with random bytes from {@code from} to the end. */
    static byte[] garbageFrom(byte[] bytes, int from, long seed) {
        byte[] out = bytes.clone();
        byte[] noise = random(out.length, seed);
        System.arraycopy(noise, from, out, from, out.length - from);
        return out;
    }

    /** The first bytes of a real PNG image (signature and IHDR chunk), padded. */
    static byte[] png() {
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0,
            16, 0, 0, 0, 16, 8, 6, 0, 0, 0, 0x1F, (byte) 0xF3, (byte) 0xFF, 0x61};
        byte[] out = Arrays.copyOf(head, 2048);
        System.arraycopy(random(2048 - head.length, 5), 0, out, head.length, 2048 - head.length);
        return out;
    }

    /** A real zip archive holding one text file. */
    static byte[] zip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("not audio\n".repeat(50).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A fixture of the audio tests (src/test/resources/org/emoscope/audio), e.g. "tone440_44100_stereo.flac". */
    static byte[] fixture(String name) throws IOException {
        try (InputStream in = BadInputFiles.class.getResourceAsStream("/org/emoscope/audio/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource org/emoscope/audio/" + name);
            return in.readAllBytes();
        }
    }

    /**
     * A copy of a FLAC file whose STREAMINFO claims {@code totalSamples} samples per channel, with a PADDING block of
     * {@code padding} bytes added after the last metadata block.
     */
    static byte[] flacWithLength(byte[] flac, long totalSamples, int padding) {
        byte[] out = flac.clone();
        ByteBuffer b = ByteBuffer.wrap(out);
        long field = b.getLong(18);
        long mask = (1L << 36) - 1;
        b.putLong(18, (field & ~mask) | (totalSamples & mask));
        if (padding == 0) return out;
        int position = 4;
        while ((out[position] & 0x80) == 0) position += 4 + (b.getInt(position) & 0xFFFFFF);
        out[position] &= 0x7F; // no longer the last metadata block
        int end = position + 4 + (b.getInt(position) & 0xFFFFFF);
        byte[] padded = new byte[out.length + 4 + padding];
        System.arraycopy(out, 0, padded, 0, end);
        padded[end] = (byte) 0x81; // last block, type PADDING
        padded[end + 1] = (byte) (padding >> 16);
        padded[end + 2] = (byte) (padding >> 8);
        padded[end + 3] = (byte) padding;
        System.arraycopy(out, end, padded, end + 4 + padding, out.length - end);
        return padded;
    }

    /** {@code mono} as 16-bit big-endian PCM in an AIFF or AU file, written by Java Sound. */
    static Path javaSound(Path file, int rate, float[] mono, javax.sound.sampled.AudioFileFormat.Type type)
            throws IOException {
        byte[] little = encode(Sample.S16, 1, mono);
        byte[] big = new byte[little.length];
        for (int i = 0; i < little.length; i += 2) {
            big[i] = little[i + 1];
            big[i + 1] = little[i];
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, true);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(big), format, mono.length)) {
            AudioSystem.write(in, type, file.toFile());
        }
        return file;
    }

    // ---- model bundles -------------------------------------------------------------------------------------------

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A copy of {@code bundle} whose manifest was changed by {@code edit}. */
    static Path withManifest(Path bundle, Path out, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode manifest;
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            manifest = (ObjectNode) JSON.readTree(zip.getInputStream(zip.getEntry(ModelBundle.MANIFEST_ENTRY)));
        }
        edit.accept(manifest);
        return rewrite(bundle, out, Map.of(ModelBundle.MANIFEST_ENTRY, JSON.writeValueAsBytes(manifest)));
    }

    /** A copy of {@code bundle} with some entries replaced. */
    static Path rewrite(Path bundle, Path out, Map<String, byte[]> replaced) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipFile in = new ZipFile(bundle.toFile()); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(replaced.containsKey(entry.getName()) ? replaced.get(entry.getName())
                        : in.getInputStream(entry).readAllBytes());
                zip.closeEntry();
            }
        }
        return Files.write(out, bytes.toByteArray());
    }
}
