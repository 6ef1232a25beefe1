package org.emoscope.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.emoscope.audio.WavBuilder.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAudioSourceTest {

    @TempDir
    Path dir;

    @Test
    void streamingInUnevenBlocksGivesExactlyWhatDecodeGives() throws IOException {
        float[] noise = new float[44100 * 2];
        Random random = new Random(5);
        for (int i = 0; i < noise.length; i++) noise[i] = (float) (random.nextGaussian() * 0.2);
        Path wav = Files.write(dir.resolve("noise.wav"), WavBuilder.of(Sample.INT24, 44100, noise, noise).build());
        Path mp3 = copyFixture("tone440_48000_stereo.mp3");
        for (Path file : new Path[] {wav, mp3}) {
            float[] decoded = AudioDecoder.decode(file, 16000).samples();
            float[] streamed = new float[decoded.length + 100];
            int count = 0;
            try (FileAudioSource source = new FileAudioSource(file, 16000)) {
                int n;
                do {
                    n = source.read(streamed, count, Math.min(1 + random.nextInt(700), streamed.length - count));
                    if (n > 0) count += n;
                } while (n > 0);
                assertEquals(-1, n);
                assertEquals(-1, source.read(streamed, 0, 10), "stays at the end");
            }
            assertArrayEquals(decoded, Arrays.copyOf(streamed, count), file.getFileName().toString());
        }
    }

    @Test
    void reportsLengthWhenTheFileSaysIt() throws IOException {
        Path wav = Files.write(dir.resolve("a.wav"), WavBuilder.of(Sample.INT16, 44100, new float[44100]).build());
        try (FileAudioSource source = new FileAudioSource(wav, 16000)) {
            assertEquals(16000, source.lengthSamples());
            assertEquals(16000, source.sampleRate());
            assertEquals("a.wav", source.description());
            assertEquals("WAV, 16-bit PCM, 44100 Hz, mono", source.formatDescription());
            assertFalse(source.isLive());
        }
        try (FileAudioSource flac = new FileAudioSource(copyFixture("tone440_44100_stereo.flac"), 16000)) {
            assertEquals(8000, flac.lengthSamples(), "from the FLAC STREAMINFO block");
        }
        try (FileAudioSource mp3 = new FileAudioSource(copyFixture("tone440_48000_stereo.mp3"), 16000)) {
            assertEquals(8000, mp3.lengthSamples(), "from the LAME tag of the MP3's Info frame");
        }
    }

    @Test
    void aFileAtTheRequestedRateIsPassedThroughUnchanged() throws IOException {
        float[] tone = Signals.sine(440, 16000, 3000, 0.5);
        Path wav = Files.write(dir.resolve("f.wav"), WavBuilder.of(Sample.FLOAT32, 16000, tone).build());
        try (FileAudioSource source = new FileAudioSource(wav, 16000)) {
            float[] out = new float[4000];
            int count = 0;
            int n;
            while ((n = source.read(out, count, out.length - count)) > 0) count += n;
            assertArrayEquals(tone, Arrays.copyOf(out, count));
        }
    }

    @Test
    void fullScaleInputStaysWithinPlusMinusOne() throws IOException {
        float[] square = new float[8000];
        for (int i = 0; i < square.length; i++) square[i] = (i / 20) % 2 == 0 ? 1f : -1f;
        Path wav = Files.write(dir.resolve("square.wav"), WavBuilder.of(Sample.FLOAT32, 44100, square).build());
        float[] out = AudioDecoder.decode(wav, 16000).samples();
        float peak = 0;
        for (float v : out) peak = Math.max(peak, Math.abs(v));
        assertEquals(1f, peak, "resampling overshoot is clamped");
    }

    @Test
    void closeEndsTheStream() throws IOException {
        Path wav = Files.write(dir.resolve("c.wav"), WavBuilder.of(Sample.INT16, 22050, new float[22050]).build());
        FileAudioSource source = new FileAudioSource(wav, 16000);
        assertTrue(source.read(new float[100], 0, 100) > 0);
        source.close();
        assertEquals(-1, source.read(new float[100], 0, 100));
        source.close();
    }

    @Test
    void rejectsBadArguments() throws IOException {
        Path wav = Files.write(dir.resolve("b.wav"), WavBuilder.of(Sample.INT16, 16000, new float[10]).build());
        assertThrows(IllegalArgumentException.class, () -> new FileAudioSource(wav, 0));
        assertThrows(IllegalArgumentException.class, () -> AudioDecoder.decode(wav, -16000));
        try (FileAudioSource source = new FileAudioSource(wav, 16000)) {
            assertThrows(IndexOutOfBoundsException.class, () -> source.read(new float[10], 8, 5));
            assertEquals(0, source.read(new float[10], 0, 0));
        }
    }

    private Path copyFixture(String resource) throws IOException {
        try (InputStream in = FileAudioSourceTest.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing test resource " + resource);
            return Files.write(dir.resolve(resource), in.readAllBytes());
        }
    }
}
