package org.emoscope.audio;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

/**
 * Opens AIFF, AU, FLAC, MP3 and Ogg Vorbis files through Java Sound and its SPI decoders (jflac, mp3spi,
 * vorbisspi). Compressed audio is converted to little-endian signed PCM (24-bit for 24-bit FLAC, else 16-bit). All
 * decoder calls go through a {@link DecoderGuard}.
 *
 * <p>Decoder quirks handled here: vorbisspi decodes nothing from an Ogg file small enough (about 8 KB) to be read
 * whole while it parses the headers, because it stops at end of input before decoding the pages it has already
 * buffered; zero bytes are therefore appended after the end of every Ogg file (the Ogg page parser skips them).
 * jflac reports the file size as the frame length, so the FLAC length is taken from the STREAMINFO block instead.
 */
final class JavaSoundDecoding {

    private static final int OGG_PADDING = 1 << 16;
    private static final int BUFFER_BYTES = 1 << 16;
    private static final String EMPTY_REASON = " (no complete audio frame could be decoded: the file may be truncated)";

    private JavaSoundDecoding() {
    }

    /**
     * @param flacFrames total samples per channel from the FLAC STREAMINFO block, or -1
     * @throws AudioDecodeException if no decoder accepts the file or the decoder fails
     */
    static DecodedStream open(Path file, String name, FormatSniffer.Kind kind, long flacFrames)
            throws AudioDecodeException {
        DecoderGuard guard = new DecoderGuard(name, kind.label(), DecoderGuard.DEFAULT_TIMEOUT);
        InputStream raw = null;
        try {
            raw = Files.newInputStream(file);
            InputStream padded = kind == FormatSniffer.Kind.OGG_VORBIS
                    ? new SequenceInputStream(raw, new ByteArrayInputStream(new byte[OGG_PADDING]))
                    : raw;
            InputStream buffered = new BufferedInputStream(padded, BUFFER_BYTES);
            AudioInputStream encoded = guard.call(() -> AudioSystem.getAudioInputStream(buffered));
            AudioFormat original = encoded.getFormat();
            int rate = Math.round(original.getSampleRate());
            if (rate < PcmFormat.MIN_RATE || rate > PcmFormat.MAX_RATE) throw PcmFormat.unsupportedRate(name, rate);
            if (original.getChannels() < 1) {
                throw new AudioDecodeException(name + ": invalid " + kind.label() + " header (no channel count)");
            }
            PcmFormat direct = PcmFormat.of(original);
            AudioInputStream pcm = direct != null ? encoded : guard.call(() -> toPcm(encoded, name, kind));
            PcmFormat format = direct != null ? direct : PcmFormat.of(pcm.getFormat());
            if (format == null) {
                throw new AudioDecodeException(name + ": the " + kind.label() + " decoder produced an unusable format ("
                        + pcm.getFormat() + ")");
            }
            long frames = direct != null ? Math.max(-1, encoded.getFrameLength()) : flacFrames;
            String description = kind.label() + ", " + (direct != null ? direct.describe() : describe(original));
            InputStream fileStream = raw;
            Closeable resources = () -> {
                guard.close();
                fileStream.close();
            };
            DecodedStream stream = new DecodedStream(guard.guard(pcm), Long.MAX_VALUE, format, frames, name,
                    description, EMPTY_REASON, resources);
            Mp3Gapless gapless = kind == FormatSniffer.Kind.MP3 ? Mp3Gapless.of(file) : null;
            return gapless == null ? stream : stream.trim(gapless.skipFrames(), gapless.totalFrames());
        } catch (IOException e) {
            guard.close();
            DecodedStream.closeQuietly(raw);
            if (e instanceof AudioDecodeException decodeException) throw decodeException;
            throw new AudioDecodeException(name + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static AudioInputStream toPcm(AudioInputStream encoded, String name, FormatSniffer.Kind kind)
            throws AudioDecodeException {
        AudioFormat source = encoded.getFormat();
        int bits = source.getSampleSizeInBits();
        int[] candidates = bits > 16 && bits <= 32 && bits % 8 == 0 ? new int[] {bits, 16} : new int[] {16};
        for (int targetBits : candidates) {
            int frameSize = source.getChannels() * targetBits / 8;
            AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, source.getSampleRate(), targetBits,
                    source.getChannels(), frameSize, source.getSampleRate(), false);
            if (AudioSystem.isConversionSupported(target, source)) {
                return AudioSystem.getAudioInputStream(target, encoded);
            }
        }
        throw new AudioDecodeException(name + ": this kind of " + kind.label() + " audio cannot be decoded ("
                + describe(source) + ")");
    }

    /** E.g. "16-bit, 44100 Hz, stereo", or "48000 Hz, stereo" when the bit depth is not defined. */
    private static String describe(AudioFormat format) {
        int channels = format.getChannels();
        String layout = channels == 1 ? "mono" : channels == 2 ? "stereo" : channels + " channels";
        String bits = format.getSampleSizeInBits() > 0 ? format.getSampleSizeInBits() + "-bit, " : "";
        return bits + Math.round(format.getSampleRate()) + " Hz, " + layout;
    }
}
