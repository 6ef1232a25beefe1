package org.emoscope.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.emoscope.audio.WavBuilder.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** WAV files written byte by byte, decoded by the built-in RIFF/WAVE parser. */
class AudioDecoderWavTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, {1} ch, {2} Hz, extensible={3}")
    @CsvSource({
        "UNSIGNED8, 1, 8000, false", "INT16, 1, 16000, false", "INT16, 2, 44100, false", "INT16, 6, 48000, true",
        "INT24, 2, 96000, false", "INT24, 1, 22050, true", "INT32, 2, 48000, false", "FLOAT32, 2, 44100, false",
        "FLOAT32, 1, 11025, true", "FLOAT64, 1, 32000, false", "FLOAT64, 2, 96000, true", "INT16, 3, 12000, false"})
    void decodesToneToMono16kHz(Sample sample, int channels, int rate, boolean extensible) throws IOException {
        float[] tone = Signals.sine(440, rate, rate / 2, 0.5);
        float[][] perChannel = new float[channels][];
        Arrays.fill(perChannel, tone);
        WavBuilder wav = WavBuilder.of(sample, rate, perChannel);
        if (extensible) wav.extensible(8 * bytesOf(sample));
        AudioClip clip = decode("tone.wav", wav.build());

        assertEquals(16000, clip.sampleRate());
        assertEquals(8000, clip.samples().length, 1, "0.5 s at 16 kHz");
        assertEquals(440, Signals.dominantFrequency(clip.samples(), 800, 7200, 16000), 0.2);
        double tolerance = sample == Sample.UNSIGNED8 ? 0.01 : 0.001;
        assertEquals(0.5, Signals.amplitude(clip.samples(), 800, 7200, 16000, 440), tolerance);
        assertTrue(clip.originalFormat().startsWith("WAV"), clip.originalFormat());
        assertTrue(clip.originalFormat().contains(rate + " Hz"), clip.originalFormat());
    }

    @Test
    void integerSamplesAreScaledExactly() throws IOException {
        ByteBuffer b16 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) -32768).putShort((short) -1).putShort((short) 0).putShort((short) 16384);
        assertArrayEquals(new float[] {-1f, -1f / 32768, 0f, 0.5f},
                decodeRaw("s16.wav", Sample.INT16, b16.array()));

        byte[] u8 = {0, (byte) 128, (byte) 192, (byte) 255};
        assertArrayEquals(new float[] {-1f, 0f, 0.5f, 127f / 128}, decodeRaw("u8.wav", Sample.UNSIGNED8, u8));

        byte[] s24 = {0, 0, (byte) 0x80, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0, 0, 0x40};
        assertArrayEquals(new float[] {-1f, -1f / 8388608, 0.5f}, decodeRaw("s24.wav", Sample.INT24, s24));

        ByteBuffer s32 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MIN_VALUE)
                .putInt(1 << 29);
        assertArrayEquals(new float[] {-1f, 0.25f}, decodeRaw("s32.wav", Sample.INT32, s32.array()));
    }

    @Test
    void twentyFourBitSamplesInThirtyTwoBitWordsAreRead() throws IOException {
        ByteBuffer words = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0x40000000).putInt(0xC0000000);
        byte[] wav = WavBuilder.of(Sample.INT32, 16000, new float[0]).data(words.array()).bitsPerSample(24)
                .blockAlign(4).extensible(24).build();
        assertArrayEquals(new float[] {0.5f, -0.5f}, decode("padded.wav", wav).samples());
    }

    @Test
    void channelsAreAveraged() throws IOException {
        float[] left = Signals.sine(440, 16000, 1600, 0.5);
        float[] inverted = new float[left.length];
        for (int i = 0; i < left.length; i++) inverted[i] = -left[i];
        float[] silent = new float[left.length];

        float[] cancelled = decode("cancel.wav", WavBuilder.of(Sample.FLOAT32, 16000, left, inverted).build())
                .samples();
        assertEquals(0, Signals.rms(cancelled, 0, cancelled.length), 1e-7);

        float[] halved = decode("half.wav", WavBuilder.of(Sample.FLOAT32, 16000, left, silent).build()).samples();
        assertEquals(0.25, Signals.amplitude(halved, 0, halved.length, 16000, 440), 1e-4);
    }

    @Test
    void nonFiniteFloatSamplesBecomeZeroAndLoudOnesAreClamped() throws IOException {
        float[] x = {0.25f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 3.5f, -2f, -0.75f};
        assertArrayEquals(new float[] {0.25f, 0f, 0f, 0f, 1f, -1f, -0.75f},
                decode("nan32.wav", WavBuilder.of(Sample.FLOAT32, 16000, x).build()).samples());
        assertArrayEquals(new float[] {0.25f, 0f, 0f, 0f, 1f, -1f, -0.75f},
                decode("nan64.wav", WavBuilder.of(Sample.FLOAT64, 16000, x).build()).samples());
    }

    @Test
    void aLawAndMuLawMatchJavaSoundsOwnDecoder() throws IOException {
        float[] tone = Signals.sine(440, 8000, 4000, 0.7);
        for (AudioFormat.Encoding law : List.of(AudioFormat.Encoding.ALAW, AudioFormat.Encoding.ULAW)) {
            byte[] pcm = WavBuilder.encode(Sample.INT16, tone);
            byte[] coded = convert(pcm, AudioFormat.Encoding.PCM_SIGNED, law, 16);
            float[] expected = toFloats(convert(coded, law, AudioFormat.Encoding.PCM_SIGNED, 8));
            int tag = law == AudioFormat.Encoding.ALAW ? 6 : 7;
            byte[] wav = WavBuilder.of(Sample.INT16, 8000, new float[0]).formatTag(tag).bitsPerSample(8).data(coded)
                    .build();
            AudioClip clip = AudioDecoder.decode(write("law.wav", wav), 8000);
            assertArrayEquals(expected, clip.samples(), law.toString());
            assertEquals(0.7, Signals.amplitude(clip.samples(), 0, 4000, 8000, 440), 0.01);
        }
    }

    @Test
    void skipsUnknownChunksAndPadBytesInAnyOrder() throws IOException {
        float[] tone = Signals.sine(440, 16000, 8000, 0.5);
        byte[] odd = "odd-sized".getBytes();
        byte[] wav = WavBuilder.of(Sample.INT16, 16000, tone)
                .chunkBeforeFmt("LIST", odd).chunkBeforeFmt("JUNK", new byte[28]).chunkAfterData("id3 ", odd)
                .dataBeforeFmt().declaredRiffSize(0).build();
        assertArrayEquals(decode("plain.wav", WavBuilder.of(Sample.INT16, 16000, tone).build()).samples(),
                decode("chunks.wav", wav).samples());
    }

    @Test
    void toleratesAMissingPadByteAfterAnOddSizedChunk() throws IOException {
        float[] tone = Signals.sine(440, 16000, 8000, 0.5);
        byte[] wav = WavBuilder.of(Sample.INT16, 16000, tone).chunkBeforeFmt("LIST", "odd".getBytes())
                .withoutPadBytes().build();
        assertEquals(8000, decode("nopad.wav", wav).samples().length);
        // 7968 samples = 0x3E40 bytes: shifted by the missing byte, "data" + size reads as the valid id "ata@".
        float[] shorter = Arrays.copyOf(tone, 7968);
        byte[] dataFirst = WavBuilder.of(Sample.INT16, 16000, shorter).chunkBeforeFmt("LIST", "odd".getBytes())
                .dataBeforeFmt().withoutPadBytes().build();
        assertArrayEquals(shorter, decode("nopad-data.wav", dataFirst).samples(), 1f / 32768);
    }

    @Test
    void truncatedFileDecodesWhatIsThere() throws IOException {
        float[] tone = Signals.sine(440, 16000, 8000, 0.5);
        byte[] full = WavBuilder.of(Sample.INT16, 16000, tone).build();
        byte[] cut = Arrays.copyOf(full, 44 + 2 * 3000 + 1);
        float[] samples = decode("cut.wav", cut).samples();
        assertEquals(3000, samples.length, "the half sample at the end is dropped");
        assertArrayEquals(Arrays.copyOf(decode("full.wav", full).samples(), 3000), samples);
        assertEquals("cut.wav: the file is truncated: its header declares 0.500 s of audio but the file ends after "
                + "0.188 s; analysed what is there", decode("cut.wav", cut).warning());
        assertEquals(null, decode("full.wav", full).warning());
        byte[] streamed = WavBuilder.of(Sample.INT16, 16000, tone).declaredDataSize(0xFFFFFFFFL)
                .declaredRiffSize(0xFFFFFFFFL).build();
        assertEquals(null, decode("stream.wav", streamed).warning(), "a streaming writer's unknown size is no cut");
    }

    @Test
    void streamingWritersUnknownDataSizeReadsToTheEnd() throws IOException {
        float[] tone = Signals.sine(440, 16000, 8000, 0.5);
        byte[] wav = WavBuilder.of(Sample.INT16, 16000, tone).declaredDataSize(0xFFFFFFFFL)
                .declaredRiffSize(0xFFFFFFFFL).build();
        assertEquals(8000, decode("stream.wav", wav).samples().length);
    }

    @Test
    void trailingChunksAfterDataAreNotAudio() throws IOException {
        float[] tone = Signals.sine(440, 16000, 800, 0.5);
        byte[] wav = WavBuilder.of(Sample.INT16, 16000, tone).chunkAfterData("LIST", new byte[4000]).build();
        assertEquals(800, decode("tail.wav", wav).samples().length);
    }

    /** Decodes sample bytes written verbatim into a mono 16 kHz WAV of the given sample format. */
    private float[] decodeRaw(String name, Sample sample, byte[] data) throws IOException {
        return decode(name, WavBuilder.of(sample, 16000, new float[0]).data(data).build()).samples();
    }

    private AudioClip decode(String name, byte[] bytes) throws IOException {
        return AudioDecoder.decode(write(name, bytes), 16000);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static int bytesOf(Sample sample) {
        return switch (sample) {
            case UNSIGNED8, ALAW, ULAW -> 1;
            case INT16 -> 2;
            case INT24 -> 3;
            case INT32, FLOAT32 -> 4;
            case FLOAT64 -> 8;
        };
    }

    /** Java Sound's own conversion between 16-bit PCM and G.711. */
    private static byte[] convert(byte[] bytes, AudioFormat.Encoding from, AudioFormat.Encoding to, int fromBits)
            throws IOException {
        int toBits = fromBits == 16 ? 8 : 16;
        AudioFormat source = new AudioFormat(from, 8000, fromBits, 1, fromBits / 8, 8000, false);
        AudioFormat target = new AudioFormat(to, 8000, toBits, 1, toBits / 8, 8000, false);
        long frames = bytes.length * 8L / fromBits;
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), source, frames);
             AudioInputStream out = AudioSystem.getAudioInputStream(target, in)) {
            return out.readAllBytes();
        }
    }

    private static float[] toFloats(byte[] pcm16) {
        ByteBuffer b = ByteBuffer.wrap(pcm16).order(ByteOrder.LITTLE_ENDIAN);
        float[] x = new float[pcm16.length / 2];
        for (int i = 0; i < x.length; i++) x[i] = b.getShort() / 32768f;
        return x;
    }
}
