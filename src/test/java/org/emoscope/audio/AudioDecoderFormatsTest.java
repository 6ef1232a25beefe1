package org.emoscope.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * AIFF and AU written with Java Sound; FLAC, MP3 and Ogg Vorbis from the fixtures next to this class (0.5 s of a
 * 440 Hz sine at half scale, see README.txt there).
 */
class AudioDecoderFormatsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // file, format starts with, duration tolerance (s): MP3's encoder delay and padding are trimmed (LAME
        // tag); vorbisspi does not trim Ogg's last packet
        "tone440_44100_stereo.flac, 'FLAC, 16-bit, 44100 Hz, stereo', 0.0001",
        "tone440_16000_mono_24bit.flac, 'FLAC, 24-bit, 16000 Hz, mono', 0.0001",
        "tone440_48000_stereo.mp3, 'MP3, 48000 Hz, stereo', 0.0001",
        "tone440_22050_stereo.ogg, 'Ogg Vorbis, 22050 Hz, stereo', 0.02"})
    void decodesCompressedFixtures(String resource, String format, double durationTolerance) throws IOException {
        AudioClip clip = AudioDecoder.decode(fixture(resource, resource), 16000);
        assertEquals(format, clip.originalFormat());
        assertEquals(resource, clip.sourceName());
        assertTrue(clip.durationSeconds() >= 0.5 - 0.0001, "duration " + clip.durationSeconds());
        assertEquals(0.5, clip.durationSeconds(), durationTolerance, "duration");
        assertEquals(440, Signals.dominantFrequency(clip.samples(), 1600, 6400, 16000), 0.5);
        assertEquals(0.5, Signals.amplitude(clip.samples(), 1600, 6400, 16000, 440), 0.03);
    }

    @Test
    void twentyFourBitFlacIsDecodedBitExactly() throws Exception {
        Path flac = fixture("tone440_16000_mono_24bit.flac", "a.flac");
        float[] x = AudioDecoder.decode(flac, 16000).samples();
        // The encoder stores the MD5 of the original samples (24-bit little-endian) in STREAMINFO, bytes 26..41.
        byte[] stored = java.util.Arrays.copyOfRange(Files.readAllBytes(flac), 26, 42);
        java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
        for (float v : x) {
            int s = Math.round(v * 8388608f);
            md5.update(new byte[] {(byte) s, (byte) (s >> 8), (byte) (s >> 16)});
        }
        assertArrayEquals(stored, md5.digest());
    }

    @Test
    void decodesAiffAndAuWrittenByJavaSound() throws IOException {
        float[] tone = Signals.sine(440, 22050, 11025, 0.5);
        float[] stereo = new float[2 * tone.length];
        for (int i = 0; i < tone.length; i++) stereo[2 * i] = stereo[2 * i + 1] = tone[i];

        AudioFormat bigEndian16 = new AudioFormat(22050, 16, 2, true, true);
        Path aiff = writeJavaSound(pcm(stereo, bigEndian16), bigEndian16, AudioFileFormat.Type.AIFF, "tone.aiff");
        assertTone(AudioDecoder.decode(aiff, 16000), "AIFF, 16-bit PCM, 22050 Hz, stereo", 0.001);

        AudioFormat signed8 = new AudioFormat(22050, 8, 1, true, true);
        Path aiff8 = writeJavaSound(pcm(tone, signed8), signed8, AudioFileFormat.Type.AIFF, "tone8.aiff");
        assertTone(AudioDecoder.decode(aiff8, 16000), "AIFF, 8-bit PCM, 22050 Hz, mono", 0.01);

        Path au = writeJavaSound(pcm(stereo, bigEndian16), bigEndian16, AudioFileFormat.Type.AU, "tone.au");
        assertTone(AudioDecoder.decode(au, 16000), "AU, 16-bit PCM, 22050 Hz, stereo", 0.001);

        AudioFormat uLaw = new AudioFormat(AudioFormat.Encoding.ULAW, 22050, 8, 1, 1, 22050, true);
        AudioFormat mono16 = new AudioFormat(22050, 16, 1, true, true);
        try (AudioInputStream linear = new AudioInputStream(new ByteArrayInputStream(pcm(tone, mono16)), mono16,
                tone.length);
             AudioInputStream coded = AudioSystem.getAudioInputStream(uLaw, linear)) {
            Path auLaw = dir.resolve("ulaw.au");
            AudioSystem.write(coded, AudioFileFormat.Type.AU, auLaw.toFile());
            assertTone(AudioDecoder.decode(auLaw, 16000), "AU, \u00b5-law, 22050 Hz, mono", 0.01);
        }
    }

    @Test
    void contentDecidesTheDecoderNotTheFileName() throws IOException {
        AudioClip flacAsWav = AudioDecoder.decode(fixture("tone440_44100_stereo.flac", "really-flac.wav"), 16000);
        assertTrue(flacAsWav.originalFormat().startsWith("FLAC"), flacAsWav.originalFormat());
        assertEquals(440, Signals.dominantFrequency(flacAsWav.samples(), 1600, 6400, 16000), 0.5);

        AudioClip mp3AsOgg = AudioDecoder.decode(fixture("tone440_48000_stereo.mp3", "really-mp3.ogg"), 16000);
        assertTrue(mp3AsOgg.originalFormat().startsWith("MP3"), mp3AsOgg.originalFormat());

        float[] tone = Signals.sine(440, 16000, 8000, 0.5);
        byte[] wav = WavBuilder.of(WavBuilder.Sample.INT16, 16000, tone).build();
        Path wavAsMp3 = Files.write(dir.resolve("really-wav.mp3"), wav);
        assertTrue(AudioDecoder.decode(wavAsMp3, 16000).originalFormat().startsWith("WAV"));

        Path noExtension = fixture("tone440_22050_stereo.ogg", "recording");
        assertTrue(AudioDecoder.decode(noExtension, 16000).originalFormat().startsWith("Ogg Vorbis"));
    }

    @Test
    void truncatedCompressedFilesDecodeUpToTheCut() throws IOException {
        Path flac = fixture("tone440_44100_stereo.flac", "cut.flac");
        byte[] bytes = Files.readAllBytes(flac);
        Files.write(flac, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
        AudioClip clip = AudioDecoder.decode(flac, 16000);
        assertTrue(clip.durationSeconds() > 0.15 && clip.durationSeconds() < 0.45,
                "duration " + clip.durationSeconds());
        assertEquals(440, Signals.dominantFrequency(clip.samples(), 0, 2400, 16000), 1);

        Path mp3 = fixture("tone440_48000_stereo.mp3", "cut.mp3");
        byte[] mp3Bytes = Files.readAllBytes(mp3);
        Files.write(mp3, java.util.Arrays.copyOf(mp3Bytes, mp3Bytes.length / 2));
        AudioClip mp3Clip = AudioDecoder.decode(mp3, 16000);
        assertTrue(mp3Clip.durationSeconds() > 0.2 && mp3Clip.durationSeconds() < 0.35, "duration "
                + mp3Clip.durationSeconds());
    }

    private void assertTone(AudioClip clip, String format, double amplitudeTolerance) {
        assertEquals(format, clip.originalFormat());
        assertEquals(0.5, clip.durationSeconds(), 1.0 / 16000);
        assertEquals(440, Signals.dominantFrequency(clip.samples(), 800, 7200, 16000), 0.2);
        assertEquals(0.5, Signals.amplitude(clip.samples(), 800, 7200, 16000, 440), amplitudeTolerance);
    }

    private Path fixture(String resource, String fileName) throws IOException {
        try (InputStream in = AudioDecoderFormatsTest.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing test resource " + resource);
            return Files.write(dir.resolve(fileName), in.readAllBytes());
        }
    }

    /** Samples (interleaved if stereo) as signed PCM in {@code format}. */
    private static byte[] pcm(float[] samples, AudioFormat format) {
        int bytes = format.getSampleSizeInBits() / 8;
        byte[] out = new byte[samples.length * bytes];
        for (int i = 0; i < samples.length; i++) {
            long v = Math.round(samples[i] * (1L << (8 * bytes - 1)));
            for (int b = 0; b < bytes; b++) out[i * bytes + b] = (byte) (v >> (8 * (bytes - 1 - b)));
        }
        return out;
    }

    private Path writeJavaSound(byte[] data, AudioFormat format, AudioFileFormat.Type type, String name)
            throws IOException {
        Path file = dir.resolve(name);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data), format,
                data.length / format.getFrameSize())) {
            AudioSystem.write(in, type, file.toFile());
        }
        return file;
    }

    @Test
    void mp3EncoderDelayAndPaddingAreTrimmed() throws IOException {
        // LAME's Info frame says: 576 samples of encoder delay, then 24000 samples (0.5 s at 48 kHz), then padding
        Path mp3 = fixture("tone440_48000_stereo.mp3", "tone.mp3");
        byte[] head = Files.readAllBytes(mp3);
        Mp3Gapless g = Mp3Gapless.parse(head, head.length);
        assertEquals(1152 + 576 + Mp3Gapless.DECODER_DELAY, g.skipFrames());
        assertEquals(24000, g.totalFrames());
        AudioClip clip = AudioDecoder.decode(mp3, 48000);
        assertEquals(24000, clip.samples().length, "exactly the encoder's input");
        // the tone starts at once (a sine from phase 0 at half scale): no silence of delay before it
        int onset = 0;
        while (Math.abs(clip.samples()[onset]) < 0.1) onset++;
        assertTrue(onset < 48, "the tone starts at sample " + onset);
        try (FileAudioSource s = new FileAudioSource(mp3, 16000)) {
            assertEquals(8000, s.lengthSamples(), "the length is known before decoding");
        }
        // no Info frame (a plain MP3 stream): nothing is trimmed
        assertEquals(null, Mp3Gapless.parse(new byte[] {(byte) 0xff, (byte) 0xfb, 0x50, (byte) 0xc4, 0, 0, 0, 0}, 8));
    }
}
