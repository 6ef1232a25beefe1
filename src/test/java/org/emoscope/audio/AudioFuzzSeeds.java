package org.emoscope.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.emoscope.audio.WavBuilder.Sample;

/**
 * Writes the seeds of {@link AudioFuzzTest}: short synthesized WAV files in every sample format (0.05 s of a tone),
 * the header damage of the bad-input corpus (docs/bad-input.md), non-audio lookalikes, and the FLAC, MP3 and Ogg
 * fixtures of this package intact, truncated and flipped. Nothing comes from a speech corpus. Run once (scripts/fuzz.sh
 * --seeds); the files are committed.
 */
final class AudioFuzzSeeds {

    private AudioFuzzSeeds() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources/org/emoscope/audio/AudioFuzzTestInputs");
        Path header = Files.createDirectories(root.resolve("wavHeader"));
        Path decode = Files.createDirectories(root.resolve("decode"));
        float[] tone = new float[800];
        for (int i = 0; i < tone.length; i++) tone[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        for (Sample s : Sample.values())
            if (s != Sample.ALAW && s != Sample.ULAW) both(header, decode, "wav-" + s, WavBuilder.of(s, 16000, tone).build());
        byte[] g711 = new byte[800];
        for (int i = 0; i < g711.length; i++) g711[i] = (byte) (0x55 ^ (int) (tone[i] * 100));
        for (int tag : new int[] {6, 7})
            both(header, decode, "wav-g711-" + tag, WavBuilder.of(Sample.INT16, 16000, tone).formatTag(tag)
                    .bitsPerSample(8).blockAlign(1).data(g711).build());
        both(header, decode, "wav-stereo-48k", WavBuilder.of(Sample.INT16, 48000, tone, tone).build());
        both(header, decode, "wav-extensible", WavBuilder.of(Sample.INT24, 16000, tone).extensible(24).build());
        both(header, decode, "wav-data-first", WavBuilder.of(Sample.INT16, 16000, tone).dataBeforeFmt().build());
        both(header, decode, "wav-list-chunk", WavBuilder.of(Sample.INT16, 16000, tone)
                .chunkBeforeFmt("LIST", "INFOISFTtest".getBytes(StandardCharsets.ISO_8859_1)).build());
        byte[] wav = WavBuilder.of(Sample.INT16, 16000, tone).build();
        for (int cut : new int[] {4, 11, 16, 30, 36, 40, 44, 45, 1000})
            both(header, decode, "wav-cut" + cut, Arrays.copyOf(wav, cut));
        both(header, decode, "wav-data-big", WavBuilder.of(Sample.INT16, 16000, tone).declaredDataSize(16000).build());
        both(header, decode, "wav-data-ffff", WavBuilder.of(Sample.INT16, 16000, tone).declaredDataSize(0xFFFFFFFFL)
                .build());
        both(header, decode, "wav-data-zero", WavBuilder.of(Sample.INT16, 16000, tone).declaredDataSize(0).build());
        both(header, decode, "wav-riff-zero", WavBuilder.of(Sample.INT16, 16000, tone).declaredRiffSize(0).build());
        both(header, decode, "wav-no-pad", WavBuilder.of(Sample.INT16, 16000, tone)
                .chunkBeforeFmt("odd ", new byte[] {1, 2, 3}).withoutPadBytes().build());
        both(header, decode, "wav-zero-channels", WavBuilder.of(Sample.INT16, 16000, tone).channels(0).build());
        both(header, decode, "wav-rate-text", WavBuilder.of(Sample.INT16, 16000, tone).rate(0x73746874).build());
        both(header, decode, "text", "Meeting notes - bring the recordings\n".getBytes(StandardCharsets.UTF_8));
        both(header, decode, "zeros", new byte[600]);
        byte[] noise = new byte[600];
        new Random(1).nextBytes(noise);
        both(header, decode, "random", noise);
        both(header, decode, "rf64", ("RF64\0\0\0\0WAVEds64").getBytes(StandardCharsets.ISO_8859_1));
        both(header, decode, "avi", ("RIFF\0\0\0\0AVI LIST").getBytes(StandardCharsets.ISO_8859_1));
        for (String fixture : new String[] {"tone440_16000_mono_24bit.flac", "tone440_44100_stereo.flac",
            "tone440_22050_stereo.ogg", "tone440_48000_stereo.mp3"}) {
            byte[] bytes;
            try (InputStream in = AudioFuzzSeeds.class.getResourceAsStream(fixture)) {
                bytes = in.readAllBytes();
            }
            String base = fixture.substring(fixture.lastIndexOf('.') + 1) + "-" + fixture.split("_")[1];
            both(header, decode, base, bytes);
            Files.write(decode.resolve(base + "-cut"), Arrays.copyOf(bytes, bytes.length / 2));
            Files.write(decode.resolve(base + "-stump"), Arrays.copyOf(bytes, Math.min(bytes.length, 200)));
            byte[] flipped = bytes.clone();
            Random r = new Random(2);
            for (int i = bytes.length / 2; i < bytes.length / 2 + 32; i++) flipped[i] ^= (byte) (1 + r.nextInt(255));
            Files.write(decode.resolve(base + "-flipped"), flipped);
        }
        System.out.println("seeds written to " + root);
    }

    private static void both(Path header, Path decode, String name, byte[] data) throws IOException {
        Files.write(header.resolve(name), data);
        Files.write(decode.resolve(name), data);
    }
}
