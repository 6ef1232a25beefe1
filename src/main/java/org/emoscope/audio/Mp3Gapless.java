package org.emoscope.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What an MP3 file's Xing/Info frame says about its real length (gapless playback). An encoder adds silence before
 * the audio (the encoder delay, 576 samples for LAME) and after it (padding up to a whole frame), and writes both
 * in the LAME tag of the Xing/Info frame, the file's first frame, which holds no audio. mp3spi decodes that frame
 * as a frame of silence and trims nothing, so a 4.404 s recording decoded to 4.5 s. With the tag, the decoded
 * stream is cut to {@link #skipFrames} then {@link #totalFrames} samples per channel: exactly the encoder's input.
 *
 * @param skipFrames  decoded samples (per channel) to drop at the start: the Info frame, the encoder delay and
 *                    the decoder's own delay of 529 samples
 * @param totalFrames samples (per channel) of real audio after those, or -1 when the tag does not say
 */
record Mp3Gapless(long skipFrames, long totalFrames) {

    /** The MPEG layer III synthesis filter bank's delay, in samples, that decoders of the mpg123/JLayer family add. */
    static final int DECODER_DELAY = 529;
    private static final int HEAD_BYTES = 64 * 1024;

    /** Reads the file's Xing/Info frame; null when it has none (nothing to trim) or the file cannot be read. */
    static Mp3Gapless of(Path file) {
        byte[] b;
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            b = new byte[HEAD_BYTES];
            n = in.readNBytes(b, 0, b.length);
        } catch (IOException e) {
            return null;
        }
        return parse(b, n);
    }

    static Mp3Gapless parse(byte[] b, int n) {
        int p = 0;
        if (n >= 10 && b[0] == 'I' && b[1] == 'D' && b[2] == '3') { // ID3v2 tag before the first frame
            int size = (b[6] & 0x7f) << 21 | (b[7] & 0x7f) << 14 | (b[8] & 0x7f) << 7 | (b[9] & 0x7f);
            p = 10 + size + ((b[5] & 0x10) != 0 ? 10 : 0);
        }
        // the first frame header: 11 sync bits, then (where an ID3 tag's size was off) the next one within 4 KB
        int limit = Math.min(n - 4, p + 4096);
        while (p < limit && !((b[p] & 0xff) == 0xff && (b[p + 1] & 0xe0) == 0xe0)) p++;
        if (p >= limit) return null;
        int version = (b[p + 1] >> 3) & 3;          // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
        int layer = (b[p + 1] >> 1) & 3;            // 1 = layer III
        if (version == 1 || layer != 1) return null;
        boolean mono = ((b[p + 3] >> 6) & 3) == 3;
        int sideInfo = version == 3 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        int samplesPerFrame = version == 3 ? 1152 : 576;
        int x = p + 4 + sideInfo;
        if (x + 8 > n || !(tag(b, x, "Xing") || tag(b, x, "Info"))) return null;
        int flags = int32(b, x + 4);
        int q = x + 8;
        long frames = -1;
        if ((flags & 1) != 0) {
            if (q + 4 > n) return null;
            frames = int32(b, q) & 0xffffffffL;
            q += 4;
        }
        if ((flags & 2) != 0) q += 4;
        if ((flags & 4) != 0) q += 100;
        if ((flags & 8) != 0) q += 4;
        // the LAME tag (LAME, and ffmpeg's "Lavc"/"Lavf" in the same layout): delay and padding, 12 bits each
        if (q + 24 > n || !(tag(b, q, "LAME") || tag(b, q, "Lavc") || tag(b, q, "Lavf")))
            return new Mp3Gapless(samplesPerFrame, -1); // an Info frame and nothing more: drop its silence
        int delay = (b[q + 21] & 0xff) << 4 | (b[q + 22] & 0xff) >> 4;
        int padding = (b[q + 22] & 0x0f) << 8 | (b[q + 23] & 0xff);
        long total = frames < 0 ? -1 : frames * samplesPerFrame - delay - padding;
        if (frames >= 0 && total <= 0) return new Mp3Gapless(samplesPerFrame, -1); // inconsistent: trust nothing
        return new Mp3Gapless(samplesPerFrame + delay + DECODER_DELAY, total);
    }

    private static boolean tag(byte[] b, int at, String tag) {
        for (int i = 0; i < 4; i++) if (b[at + i] != tag.charAt(i)) return false;
        return true;
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
