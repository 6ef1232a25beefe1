package org.emoscope.audio;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Pattern;
import org.emoscope.audio.WavBuilder.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a file can fail to decode gives an {@link AudioDecodeException} whose message starts with the file name
 * and says why; none hangs (each test has a time limit).
 */
@Timeout(20)
class AudioDecoderErrorsTest {

    @TempDir
    Path dir;

    private final float[] tone = Signals.sine(440, 16000, 1600, 0.5);

    // --- the file itself

    @Test
    void missingFile() {
        assertFails(dir.resolve("nowhere.wav"), "file not found");
    }

    @Test
    void folder() throws IOException {
        assertFails(Files.createDirectory(dir.resolve("takes.wav")), "is a folder");
    }

    @Test
    void unreadableFile() throws IOException {
        Path file = write("locked.wav", WavBuilder.of(Sample.INT16, 16000, tone).build());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as root: permissions are not enforced");
        assertFails(file, "permission denied");
    }

    @Test
    void emptyFile() throws IOException {
        assertFails(write("empty.wav", new byte[0]), "the file is empty (0 bytes)");
    }

    @Test
    void tooShortToBeAudio() throws IOException {
        assertFails(write("tiny.mp3", new byte[] {1, 2, 3}), "too short to be an audio file (3 bytes)");
    }

    // --- not audio at all

    @Test
    void textRenamedToWav() throws IOException {
        assertFails(write("notes.wav", "Hello,\nthese are my notes.\n".getBytes(StandardCharsets.UTF_8)),
                "not an audio file (it looks like text: \"Hello, these are my notes.\")");
    }

    @Test
    void pdfRenamedToWav() throws IOException {
        assertFails(write("paper.wav", "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1)),
                "not an audio file (it looks like a PDF document)");
    }

    @Test
    void zipRenamedToWav() throws IOException {
        byte[] zip = Arrays.copyOf(new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0}, 64);
        assertFails(write("archive.wav", zip), "it looks like a ZIP archive");
    }

    @Test
    void pngRenamedToFlac() throws IOException {
        byte[] png = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 64);
        assertFails(write("photo.flac", png), "it looks like a PNG image");
    }

    @Test
    void zeroBytes() throws IOException {
        assertFails(write("blank.wav", new byte[4096]), "not an audio file (its first 512 bytes are all zero)");
    }

    @Test
    void randomBytesWithAudioExtensions() throws IOException {
        for (String name : new String[] {"noise.wav", "noise.mp3", "noise.flac", "noise.ogg"}) {
            byte[] bytes = random(5000, name.hashCode());
            bytes[0] = 0x01;
            assertFails(write(name, bytes), "not a recognised audio file (it starts with bytes 01 ");
        }
    }

    // --- audio, but not a supported kind

    @Test
    void mp4AudioIsNotSupported() throws IOException {
        byte[] m4a = Arrays.copyOf(new byte[] {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'M', '4', 'A', ' '}, 64);
        assertFails(write("voice.m4a", m4a),
                "it looks like an MP4/M4A file (AAC or ALAC audio), which is not supported");
    }

    @Test
    void oggOpusIsNotSupported() throws IOException {
        byte[] opus = oggPage("OpusHead");
        assertFails(write("voice.ogg", opus), "Ogg Opus audio is not supported");
    }

    @Test
    void aviIsNotWav() throws IOException {
        byte[] avi = Arrays.copyOf("RIFF\u0000\u0010\u0000\u0000AVI LIST".getBytes(StandardCharsets.ISO_8859_1), 64);
        assertFails(write("clip.wav", avi), "not WAV audio (it is an AVI video)");
    }

    @Test
    void adpcmWav() throws IOException {
        byte[] wav = WavBuilder.of(Sample.INT16, 16000, tone).formatTag(0x0002).bitsPerSample(4).blockAlign(256)
                .build();
        assertFails(write("adpcm.wav", wav), "unsupported WAV encoding: Microsoft ADPCM (format tag 0x0002)");
    }

    @Test
    void mp3InsideWav() throws IOException {
        byte[] wav = WavBuilder.of(Sample.INT16, 16000, tone).formatTag(0x0055).bitsPerSample(0).blockAlign(1).build();
        assertFails(write("mpeg.wav", wav), "unsupported WAV encoding: MP3 (format tag 0x0055)");
    }

    @Test
    void extensibleWithAnUnknownSubFormat() throws IOException {
        // Ambisonic B-format float: GUID 00000003-0721-11D3-8644-C8C1CA000000, after the 2-byte tag.
        byte[] ambisonic = {0, 0, 0x21, 0x07, (byte) 0xD3, 0x11, (byte) 0x86, 0x44, (byte) 0xC8, (byte) 0xC1,
            (byte) 0xCA, 0, 0, 0};
        byte[] wav = WavBuilder.of(Sample.FLOAT32, 16000, tone).extensible(32).subFormatSuffix(ambisonic).build();
        assertFails(write("bformat.wav", wav), "non-standard sub-format 00000003-0721-11D3-8644-C8C1CA000000");
    }

    @Test
    void sixteenBitFloatWav() throws IOException {
        byte[] wav = WavBuilder.of(Sample.INT16, 16000, tone).formatTag(3).build();
        assertFails(write("half.wav", wav), "unsupported WAV sample format (16-bit float)");
    }

    // --- broken WAV headers

    @Test
    void truncatedRiffHeader() throws IOException {
        assertFails(write("cut.wav", "RIFF\u0024\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1)),
                "truncated WAV header (the file is only 8 bytes)");
    }

    @Test
    void truncatedFmtChunk() throws IOException {
        byte[] full = WavBuilder.of(Sample.INT16, 16000, tone).build();
        assertFails(write("cut-fmt.wav", Arrays.copyOf(full, 30)), "truncated WAV header");
    }

    @Test
    void missingFmtChunk() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + 100).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(112).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(100);
        assertFails(write("nofmt.wav", b.array()), "not a valid WAV file (it has no 'fmt ' chunk)");
    }

    @Test
    void missingDataChunk() throws IOException {
        byte[] full = WavBuilder.of(Sample.INT16, 16000, tone).build();
        assertFails(write("nodata.wav", Arrays.copyOf(full, 36)), "no audio in this WAV file (it has no 'data' chunk)");
    }

    @Test
    void fmtChunkTooSmall() throws IOException {
        byte[] wav = WavBuilder.of(Sample.INT16, 16000, tone).build();
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 8);
        assertFails(write("smallfmt.wav", wav), "the 'fmt ' chunk has 8 bytes, at least 16 are needed");
    }

    @Test
    void garbageWhereAChunkShouldBe() throws IOException {
        byte[] wav = WavBuilder.of(Sample.INT16, 16000, tone).build();
        wav[12] = 0;
        wav[13] = (byte) 0xFF;
        assertFails(write("garbled.wav", wav), "not a valid WAV file (unreadable chunk header at byte 12)");
    }

    @Test
    void zeroChannels() throws IOException {
        byte[] wav = WavBuilder.of(Sample.INT16, 16000, tone).channels(0).blockAlign(2).build();
        assertFails(write("nochannels.wav", wav), "invalid WAV header (0 channels)");
    }

    @Test
    void absurdSampleRate() throws IOException {
        byte[] wav = WavBuilder.of(Sample.INT16, 16000, tone).rate(5_000_000).build();
        assertFails(write("fast.wav", wav), "unsupported sample rate 5000000 Hz");
    }

    @Test
    void blockAlignThatDoesNotFitTheSamples() throws IOException {
        byte[] wav = WavBuilder.of(Sample.INT16, 16000, tone, tone).blockAlign(3).build();
        assertFails(write("misaligned.wav", wav), "block size 3 bytes does not fit 2 channel(s) of 16-bit samples");
    }

    // --- no samples

    @Test
    void emptyDataChunk() throws IOException {
        byte[] wav = WavBuilder.of(Sample.INT16, 16000, new float[0]).build();
        assertFails(write("silent.wav", wav), "contains no audio samples (the 'data' chunk is empty)");
    }

    @Test
    void headerPromisesDataThatIsNotThere() throws IOException {
        byte[] wav = WavBuilder.of(Sample.INT16, 16000, new float[0]).declaredDataSize(32000).build();
        assertFails(write("promise.wav", wav), "contains no audio samples (the file is truncated");
    }

    @Test
    void halfASampleIsNoSample() throws IOException {
        byte[] wav = WavBuilder.of(Sample.INT24, 16000, new float[0]).data(new byte[] {1, 2}).build();
        assertFails(write("half-sample.wav", wav),
                "contains no audio samples (the 'data' chunk holds less than one sample)");
    }

    // --- corrupt compressed data

    @Test
    void flacHeaderWithoutStreamInfo() throws IOException {
        byte[] bytes = Arrays.copyOf("fLaC".getBytes(StandardCharsets.US_ASCII), 20);
        assertFails(write("stub.flac", bytes), "not a valid FLAC file");
    }

    @Test
    void flacWithGarbageFrames() throws IOException {
        byte[] flac = fixture("tone440_44100_stereo.flac");
        byte[] noise = random(flac.length, 7);
        System.arraycopy(noise, 120, flac, 120, flac.length - 120);
        assertFails(write("garbage.flac", flac), Pattern.compile("corrupt FLAC data|contains no audio samples"));
    }

    @Test
    void flacCutInsideItsFirstFrame() throws IOException {
        byte[] flac = fixture("tone440_44100_stereo.flac");
        assertFails(write("stump.flac", Arrays.copyOf(flac, 200)),
                "contains no audio samples (no complete audio frame could be decoded: the file may be truncated)");
    }

    @Test
    void mp3TagFollowedByGarbage() throws IOException {
        byte[] bytes = random(6000, 3);
        System.arraycopy(new byte[] {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 10}, 0, bytes, 0, 10);
        assertFails(write("garbage.mp3", bytes), "not a valid MP3 file");
    }

    @Test
    void oggVorbisWithGarbagePages() throws IOException {
        byte[] ogg = fixture("tone440_22050_stereo.ogg");
        byte[] noise = random(ogg.length, 11);
        System.arraycopy(noise, 3700, ogg, 3700, ogg.length - 3700);
        assertFails(write("garbage.ogg", ogg), Pattern.compile("corrupt Ogg Vorbis data|contains no audio samples"));
    }

    @Test
    void oggVorbisCutInsideItsHeaders() throws IOException {
        byte[] ogg = fixture("tone440_22050_stereo.ogg");
        assertFails(write("stump.ogg", Arrays.copyOf(ogg, 1000)),
                Pattern.compile("corrupt Ogg Vorbis data|not a valid Ogg Vorbis file|contains no audio samples"));
    }

    // --- helpers

    private void assertFails(Path file, String reason) {
        assertFails(file, Pattern.compile(Pattern.quote(reason)));
    }

    private void assertFails(Path file, Pattern reason) {
        AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> AudioDecoder.decode(file, 16000));
        String message = e.getMessage();
        String name = file.getFileName().toString();
        assertTrue(message.startsWith(name + ": "), "message should start with the file name: " + message);
        assertTrue(reason.matcher(message).find(), "message should say \"" + reason + "\": " + message);
        assertTrue(message.indexOf('\n') < 0, "one line: " + message);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] fixture(String resource) throws IOException {
        try (InputStream in = AudioDecoderErrorsTest.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing test resource " + resource);
            return in.readAllBytes();
        }
    }

    /** A first Ogg page whose packet starts with {@code codecMagic}. */
    private static byte[] oggPage(String codecMagic) {
        byte[] page = new byte[64];
        System.arraycopy("OggS".getBytes(StandardCharsets.US_ASCII), 0, page, 0, 4);
        page[5] = 2;
        page[26] = 1;
        page[27] = 19;
        byte[] magic = codecMagic.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, page, 28, magic.length);
        return page;
    }
}
