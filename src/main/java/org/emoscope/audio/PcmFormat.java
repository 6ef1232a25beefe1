package org.emoscope.audio;

import javax.sound.sampled.AudioFormat;

/**
 * Byte layout of uncompressed interleaved audio, and its conversion to mono floats. Channels are averaged;
 * integer samples are scaled by 2^-(bits-1) (so 16-bit -32768 is -1.0); float samples that are NaN or infinite become
 * 0 and all samples are clamped to [-1, 1].
 */
final class PcmFormat {

    /** How one sample is coded. */
    enum Encoding { SIGNED, UNSIGNED, FLOAT, ALAW, ULAW }

    /** Lowest sample rate accepted from a file, Hz. */
    static final int MIN_RATE = 1000;
    /** Highest sample rate accepted from a file, Hz. */
    static final int MAX_RATE = 768_000;

    private static final float[] ALAW_TABLE = g711Table(true);
    private static final float[] ULAW_TABLE = g711Table(false);

    private final Encoding encoding;
    private final int bytesPerSample;
    private final boolean bigEndian;
    private final int channels;
    private final int sampleRate;
    private final float scale;

    /**
     * @throws IllegalArgumentException for combinations this class cannot decode (callers check with
     *                                  {@link #isSupported} first)
     */
    PcmFormat(Encoding encoding, int bytesPerSample, boolean bigEndian, int channels, int sampleRate) {
        if (!isSupported(encoding, bytesPerSample)) {
            throw new IllegalArgumentException(encoding + " with " + bytesPerSample + " bytes per sample");
        }
        if (channels < 1 || sampleRate < 1) {
            throw new IllegalArgumentException("channels " + channels + ", rate " + sampleRate);
        }
        this.encoding = encoding;
        this.bytesPerSample = bytesPerSample;
        this.bigEndian = bigEndian;
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.scale = (float) Math.scalb(1.0, 1 - 8 * bytesPerSample);
    }

    /** True if samples of this encoding and size can be decoded. */
    static boolean isSupported(Encoding encoding, int bytesPerSample) {
        return switch (encoding) {
            case SIGNED, UNSIGNED -> bytesPerSample >= 1 && bytesPerSample <= 4;
            case FLOAT -> bytesPerSample == 4 || bytesPerSample == 8;
            case ALAW, ULAW -> bytesPerSample == 1;
        };
    }

    /**
     * The equivalent of a Java Sound format, or null if its samples are not plain PCM/G.711 in whole bytes (e.g. a
     * compressed encoding, which must first be converted by Java Sound).
     */
    static PcmFormat of(AudioFormat format) {
        AudioFormat.Encoding e = format.getEncoding();
        Encoding encoding;
        if (AudioFormat.Encoding.PCM_SIGNED.equals(e)) {
            encoding = Encoding.SIGNED;
        } else if (AudioFormat.Encoding.PCM_UNSIGNED.equals(e)) {
            encoding = Encoding.UNSIGNED;
        } else if (AudioFormat.Encoding.PCM_FLOAT.equals(e)) {
            encoding = Encoding.FLOAT;
        } else if (AudioFormat.Encoding.ALAW.equals(e)) {
            encoding = Encoding.ALAW;
        } else if (AudioFormat.Encoding.ULAW.equals(e)) {
            encoding = Encoding.ULAW;
        } else {
            return null;
        }
        int bits = format.getSampleSizeInBits();
        int channels = format.getChannels();
        int rate = Math.round(format.getSampleRate());
        if (bits <= 0 || bits % 8 != 0 || channels < 1 || rate < 1 || !isSupported(encoding, bits / 8)
                || format.getFrameSize() != channels * bits / 8) {
            return null;
        }
        return new PcmFormat(encoding, bits / 8, format.isBigEndian(), channels, rate);
    }

    /** The error for a file whose sample rate is outside {@link #MIN_RATE}..{@link #MAX_RATE}. */
    static AudioDecodeException unsupportedRate(String name, long rate) {
        return new AudioDecodeException(name + ": unsupported sample rate " + rate + " Hz (" + MIN_RATE + " to "
                + MAX_RATE + " Hz are supported)");
    }

    int sampleRate() {
        return sampleRate;
    }

    int frameSize() {
        return bytesPerSample * channels;
    }

    /** E.g. "16-bit PCM, 44100 Hz, stereo" or "32-bit float, 48000 Hz, 6 channels". */
    String describe() {
        return describe(8 * bytesPerSample);
    }

    /** As {@link #describe()}, for integer samples of which only the top {@code significantBits} are used. */
    String describe(int significantBits) {
        String kind = switch (encoding) {
            case SIGNED, UNSIGNED -> significantBits + "-bit PCM"
                    + (significantBits < 8 * bytesPerSample ? " in " + 8 * bytesPerSample + "-bit words" : "");
            case FLOAT -> 8 * bytesPerSample + "-bit float";
            case ALAW -> "A-law";
            case ULAW -> "\u00b5-law";
        };
        String layout = channels == 1 ? "mono" : channels == 2 ? "stereo" : channels + " channels";
        return kind + ", " + sampleRate + " Hz, " + layout;
    }

    /**
     * Decodes {@code frames} interleaved frames from {@code src[srcOffset..]} into mono samples at
     * {@code dst[dstOffset..]}.
     */
    void toMono(byte[] src, int srcOffset, int frames, float[] dst, int dstOffset) {
        int position = srcOffset;
        float inverseChannels = 1f / channels;
        for (int f = 0; f < frames; f++) {
            float sum = 0f;
            for (int c = 0; c < channels; c++) {
                sum += sample(src, position);
                position += bytesPerSample;
            }
            float mono = channels == 1 ? sum : sum * inverseChannels;
            dst[dstOffset + f] = Math.max(-1f, Math.min(1f, mono));
        }
    }

    private float sample(byte[] b, int p) {
        switch (encoding) {
            case ALAW:
                return ALAW_TABLE[b[p] & 0xFF];
            case ULAW:
                return ULAW_TABLE[b[p] & 0xFF];
            case FLOAT: {
                float v = bytesPerSample == 4
                        ? Float.intBitsToFloat((int) bits(b, p, 4))
                        : (float) Double.longBitsToDouble(bits(b, p, 8));
                return Float.isFinite(v) ? v : 0f;
            }
            case UNSIGNED:
                return ((int) bits(b, p, bytesPerSample) - (1 << (8 * bytesPerSample - 1))) * scale;
            default: {
                int shift = 32 - 8 * bytesPerSample;
                return (((int) bits(b, p, bytesPerSample) << shift) >> shift) * scale;
            }
        }
    }

    /** The unsigned value of {@code n} bytes at {@code p}, in this format's byte order. */
    private long bits(byte[] b, int p, int n) {
        long v = 0;
        if (bigEndian) {
            for (int i = 0; i < n; i++) v = (v << 8) | (b[p + i] & 0xFF);
        } else {
            for (int i = n - 1; i >= 0; i--) v = (v << 8) | (b[p + i] & 0xFF);
        }
        return v;
    }

    /** ITU-T G.711 expansion of all 256 code words, scaled to [-1, 1]. */
    private static float[] g711Table(boolean aLaw) {
        float[] table = new float[256];
        for (int code = 0; code < 256; code++) {
            int value;
            if (aLaw) {
                int a = code ^ 0x55;
                int exponent = (a >> 4) & 7;
                int mantissa = a & 0x0F;
                int magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
                value = (a & 0x80) != 0 ? magnitude : -magnitude;
            } else {
                int u = ~code & 0xFF;
                int exponent = (u >> 4) & 7;
                int mantissa = u & 0x0F;
                int magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84;
                value = (u & 0x80) != 0 ? -magnitude : magnitude;
            }
            table[code] = value / 32768f;
        }
        return table;
    }
}
