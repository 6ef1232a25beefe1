package org.emoscope.audio;

import java.nio.charset.StandardCharsets;

/**
 * Recognises an audio file from its first bytes ("magic"), whatever its name says. Files that are not supported
 * audio are rejected with a message saying what they look like (text, PDF, ZIP, MP4 ...).
 */
final class FormatSniffer {

    /** Audio formats that can be decoded. */
    enum Kind {
        WAV("WAV"), AIFF("AIFF"), AU("AU"), FLAC("FLAC"), MP3("MP3"), OGG_VORBIS("Ogg Vorbis");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** Name for messages, e.g. "Ogg Vorbis". */
        String label() {
            return label;
        }
    }

    /** How many leading bytes {@link #identify} wants to see. */
    static final int HEAD_BYTES = 512;

    private static final String CONVERT_HINT = "; convert it to WAV, FLAC, MP3 or Ogg Vorbis";

    private FormatSniffer() {
    }

    /**
     * Identifies the format of a file from its first {@code length} bytes.
     *
     * @param name file name for messages
     * @throws AudioDecodeException if the bytes are not a supported audio format; the message names the file and says
     *                              what the bytes look like
     */
    static Kind identify(byte[] head, int length, String name) throws AudioDecodeException {
        Kind kind = audioKind(head, length, name);
        if (kind != null) return kind;
        String looksLike = lookalike(head, length);
        if (looksLike != null) throw new AudioDecodeException(name + ": not an audio file (" + looksLike + ")");
        if (length < 12) {
            throw new AudioDecodeException(name + ": too short to be an audio file (" + length + " bytes)");
        }
        throw new AudioDecodeException(name + ": not a recognised audio file (it starts with bytes "
                + hex(head, Math.min(length, 8)) + "); supported formats are WAV, AIFF, AU, FLAC, MP3 and Ogg Vorbis");
    }

    /**
     * Most samples per channel one byte of FLAC can hold: a frame of 65535 samples, all of one value, takes at least
     * 8 bytes (header 6, CRC-16 2) plus a byte or two per channel.
     */
    private static final long FLAC_MAX_SAMPLES_PER_BYTE = 8192;

    /**
     * Total samples per channel from a FLAC STREAMINFO block at the start of {@code head}, or -1 if not stated or
     * more than a file of {@code fileSize} bytes can hold (a corrupt header).
     */
    static long flacTotalSamples(byte[] head, int length, long fileSize) {
        if (length < 26 || !startsWith(head, length, 0, "fLaC") || (head[4] & 0x7F) != 0) return -1;
        long v = 0;
        for (int i = 18; i < 26; i++) v = (v << 8) | (head[i] & 0xFF);
        long total = v & ((1L << 36) - 1);
        return total > 0 && total <= fileSize * FLAC_MAX_SAMPLES_PER_BYTE ? total : -1;
    }

    private static Kind audioKind(byte[] h, int n, String name) throws AudioDecodeException {
        if (startsWith(h, n, 0, "RIFF")) {
            if (n < 12) throw truncated(name, "WAV", n);
            if (startsWith(h, n, 8, "WAVE")) return Kind.WAV;
            String form = new String(h, 8, 4, StandardCharsets.ISO_8859_1);
            String what = form.equals("AVI ") ? "an AVI video" : "a RIFF '" + printable(form) + "' file";
            throw new AudioDecodeException(name + ": not WAV audio (it is " + what + ")");
        }
        if (startsWith(h, n, 0, "RF64") || startsWith(h, n, 0, "BW64")) {
            throw unsupported(name, "64-bit WAV (RF64/BW64) is not supported");
        }
        if (startsWith(h, n, 0, "RIFX")) throw unsupported(name, "big-endian WAV (RIFX) is not supported");
        if (startsWith(h, n, 0, "FORM")) {
            if (n < 12) throw truncated(name, "AIFF", n);
            if (startsWith(h, n, 8, "AIFF") || startsWith(h, n, 8, "AIFC")) return Kind.AIFF;
        }
        if (startsWith(h, n, 0, ".snd")) return Kind.AU;
        if (startsWith(h, n, 0, "fLaC")) return Kind.FLAC;
        if (startsWith(h, n, 0, "OggS")) return oggKind(h, n, name);
        if (startsWith(h, n, 0, "ID3") || isMpegAudioFrame(h, n)) return Kind.MP3;
        return null;
    }

    private static Kind oggKind(byte[] h, int n, String name) throws AudioDecodeException {
        if (n < 36) throw truncated(name, "Ogg", n);
        if (h[28] == 1 && startsWith(h, n, 29, "vorbis")) return Kind.OGG_VORBIS;
        if (startsWith(h, n, 28, "OpusHead")) throw unsupported(name, "Ogg Opus audio is not supported");
        if (startsWith(h, n, 29, "FLAC")) throw unsupported(name, "FLAC inside Ogg is not supported");
        if (startsWith(h, n, 28, "Speex")) throw unsupported(name, "Ogg Speex audio is not supported");
        throw unsupported(name, "an Ogg file, but not Ogg Vorbis audio");
    }

    /** An MPEG-1/2/2.5 audio frame header (layer I-III, valid bit rate and sample rate) at offset 0. */
    private static boolean isMpegAudioFrame(byte[] h, int n) {
        if (n < 4 || (h[0] & 0xFF) != 0xFF || (h[1] & 0xE0) != 0xE0) return false;
        int version = (h[1] >> 3) & 3;
        int layer = (h[1] >> 1) & 3;
        int bitrate = (h[2] >> 4) & 0x0F;
        int rate = (h[2] >> 2) & 3;
        return version != 1 && layer != 0 && bitrate != 0 && bitrate != 15 && rate != 3;
    }

    /** What a non-audio or unsupported file looks like, e.g. "it looks like a PDF document"; null if unknown. */
    private static String lookalike(byte[] h, int n) {
        String document = documentKind(h, n);
        if (document != null) return "it looks like " + document;
        String audio = unsupportedAudioKind(h, n);
        if (audio != null) return "it looks like " + audio + ", which is not supported" + CONVERT_HINT;
        if (allZero(h, n)) return "its first " + n + " bytes are all zero";
        if (isText(h, n)) return "it looks like text: \"" + snippet(h, n) + "\"";
        return null;
    }

    private static String documentKind(byte[] h, int n) {
        if (startsWith(h, n, 0, "%PDF")) return "a PDF document";
        if (startsWith(h, n, 0, "PK\u0003\u0004")) return "a ZIP archive or an office document";
        if (startsWith(h, n, 0, "\u0089PNG")) return "a PNG image";
        if (startsWith(h, n, 0, "\u00ff\u00d8\u00ff")) return "a JPEG image";
        if (startsWith(h, n, 0, "GIF8")) return "a GIF image";
        if (startsWith(h, n, 0, "\u007fELF")) return "a Linux program (ELF)";
        if (startsWith(h, n, 0, "MZ")) return "a Windows program";
        if (startsWith(h, n, 0, "\u001f\u008b")) return "a gzip archive";
        if (startsWith(h, n, 0, "Rar!")) return "a RAR archive";
        if (startsWith(h, n, 0, "7z\u00bc\u00af")) return "a 7-Zip archive";
        if (startsWith(h, n, 0, "MThd")) return "a MIDI file (notes, not recorded sound)";
        return null;
    }

    private static String unsupportedAudioKind(byte[] h, int n) {
        if (startsWith(h, n, 4, "ftyp")) return "an MP4/M4A file (AAC or ALAC audio)";
        if (startsWith(h, n, 0, "\u001a\u0045\u00df\u00a3")) return "a Matroska/WebM file";
        if (startsWith(h, n, 0, "\u0030\u0026\u00b2\u0075")) return "a Windows Media (WMA/ASF) file";
        if (n >= 2 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xF6) == 0xF0) return "raw AAC (ADTS) audio";
        if (startsWith(h, n, 0, "caff")) return "a Core Audio (CAF) file";
        if (startsWith(h, n, 0, "#!AMR")) return "AMR audio";
        if (startsWith(h, n, 0, "wvpk")) return "WavPack audio";
        if (startsWith(h, n, 0, "MAC ")) return "Monkey's Audio (APE)";
        return null;
    }

    private static boolean allZero(byte[] h, int n) {
        for (int i = 0; i < n; i++) if (h[i] != 0) return false;
        return true;
    }

    /** No control characters other than tab, line feed, form feed and carriage return (UTF-8 bytes allowed). */
    private static boolean isText(byte[] h, int n) {
        for (int i = 0; i < n; i++) {
            int b = h[i] & 0xFF;
            boolean control = b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' || b == 0x7F;
            if (control) return false;
        }
        return true;
    }

    private static String snippet(byte[] h, int n) {
        String text = new String(h, 0, n, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static boolean startsWith(byte[] h, int n, int offset, String magic) {
        if (n < offset + magic.length()) return false;
        for (int i = 0; i < magic.length(); i++) {
            if ((h[offset + i] & 0xFF) != magic.charAt(i)) return false;
        }
        return true;
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static String hex(byte[] h, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(' ');
            sb.append(String.format("%02X", h[i] & 0xFF));
        }
        return sb.toString();
    }

    private static AudioDecodeException truncated(String name, String format, int length) {
        return new AudioDecodeException(name + ": truncated " + format + " header (the file is only " + length
                + " bytes)");
    }

    private static AudioDecodeException unsupported(String name, String reason) {
        return new AudioDecodeException(name + ": " + reason + CONVERT_HINT);
    }
}
