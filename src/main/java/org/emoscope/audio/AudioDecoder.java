package org.emoscope.audio;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Decodes a whole audio file into memory as mono float samples at a chosen rate.
 *
 * <p>Formats: WAV (8-bit unsigned, 16/24/32-bit integer, 32/64-bit float, A-law, µ-law, WAVE_FORMAT_EXTENSIBLE; read
 * by a built-in parser), AIFF, AU, FLAC, MP3 and Ogg Vorbis (read through Java Sound and its SPI decoders). The format
 * is recognised from the file's first bytes, not its name, so a FLAC file called {@code .wav} still decodes. Any
 * channel count is averaged to mono and any sample rate from 1 to 768 kHz is converted with {@link Resampler}.
 *
 * <p>Damaged input: a WAV file cut short is decoded up to where it ends, and so is a FLAC, MP3 or Ogg file as far as
 * its decoder gets. Non-finite float samples (NaN, infinity) are replaced by 0 and all samples are clamped to
 * [-1, 1]. Every other problem (missing, empty or non-audio file, unsupported encoding, corrupt data, no audio at
 * all) is an {@link AudioDecodeException} whose message names the file and the reason. Third-party decoders run
 * with a time limit, so corrupt data cannot hang the caller.
 *
 * <p>To process long files without holding them in memory, read a {@link FileAudioSource} instead.
 */
public final class AudioDecoder {

    private static final int MAX_SAMPLES = Integer.MAX_VALUE - 8;
    /**
     * Most samples allocated up front from the length a header states (128 MB, 35 minutes at 16 kHz): a corrupt
     * header must not cost gigabytes; longer files grow the buffer as they are read.
     */
    private static final int MAX_PREALLOCATED = 1 << 25;

    private AudioDecoder() {
    }

    /**
     * Decodes {@code file} to mono at {@code targetRate}.
     *
     * @param targetRate output sample rate, Hz (the app uses 16000)
     * @return the samples, with the file name as {@link AudioClip#sourceName()} and the original encoding as
     *         {@link AudioClip#originalFormat()}
     * @throws AudioDecodeException     if the file cannot be decoded; the message names the file and the reason
     * @throws IllegalArgumentException if {@code targetRate} is not positive
     */
    public static AudioClip decode(Path file, int targetRate) throws AudioDecodeException {
        try (FileAudioSource source = new FileAudioSource(file, targetRate)) {
            long expected = source.lengthSamples();
            float[] samples = new float[(int) Math.min(expected > 0 ? expected : 1 << 16, MAX_PREALLOCATED)];
            float[] spill = new float[4096];
            int count = 0;
            while (true) {
                if (count < samples.length) {
                    int n = source.read(samples, count, samples.length - count);
                    if (n < 0) break;
                    count += n;
                } else {
                    int n = source.read(spill, 0, spill.length);
                    if (n < 0) break;
                    if ((long) count + n > MAX_SAMPLES) {
                        throw new AudioDecodeException(source.description() + ": too long to decode into memory; "
                                + "stream it with FileAudioSource instead");
                    }
                    samples = Arrays.copyOf(samples, (int) Math.min(MAX_SAMPLES, Math.max(count + n, count * 3L / 2)));
                    System.arraycopy(spill, 0, samples, count, n);
                    count += n;
                }
            }
            float[] exact = count == samples.length ? samples : Arrays.copyOf(samples, count);
            return new AudioClip(exact, targetRate, source.description(), source.formatDescription(),
                    source.warning());
        }
    }
}
