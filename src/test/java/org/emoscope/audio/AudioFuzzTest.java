package org.emoscope.audio;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Issue 18: the WAV parser, the format sniffer and the guarded FLAC/MP3/Ogg decoding path under a coverage-guided
 * fuzzer (Jazzer). Plain {@code mvn test} only replays the seeds and regression inputs in
 * {@code src/test/resources/org/emoscope/audio/AudioFuzzTestInputs/<target>/}; {@code scripts/fuzz.sh} fuzzes.
 *
 * <p>A finding is any exception other than {@link AudioDecodeException}, any Error (OutOfMemoryError,
 * StackOverflowError), a decoder call hanging past the guard's limit (the fuzzer's per-input timeout), a decoded
 * sample that is not finite or outside [-1, 1], or an error message that does not name the file, spans lines or
 * shows a Java class name or stack frame.
 */
class AudioFuzzTest {

    private static final String NAME = "fuzz-input.wav";
    /** Java noise that a message shown to a person must not contain (as BadInputCorpusTest checks). */
    private static final Pattern JAVA_NOISE = Pattern.compile(
            "\\b[A-Z][\\w$]*(Exception|Error)\\b|\\bat [\\w$.]+\\(|\\b(java|javax|sun|org\\.nd4j|org\\.deeplearning4j"
                    + "|be\\.tarsos|javazoom|org\\.jflac)\\.[a-z]");
    private static Path dir;

    @FuzzTest(maxDuration = "8m")
    void wavHeader(byte[] data) throws IOException {
        Path file = write(data);
        byte[] head = Arrays.copyOf(data, Math.min(data.length, FormatSniffer.HEAD_BYTES));
        FormatSniffer.Kind kind;
        try {
            kind = FormatSniffer.identify(head, head.length, NAME);
        } catch (AudioDecodeException e) {
            checkMessage(e);
            return;
        }
        long flac = FormatSniffer.flacTotalSamples(head, head.length, data.length);
        if (flac != -1 && (flac <= 0 || flac > data.length * 8192L))
            throw new AssertionError("implausible FLAC length " + flac + " for " + data.length + " bytes");
        if (kind != FormatSniffer.Kind.WAV) return;
        try (FileChannel channel = FileChannel.open(file)) {
            WavParser.Layout layout = WavParser.parse(channel, NAME);
            if (layout.dataOffset() < 0 || layout.dataBytes() < 0
                    || layout.dataOffset() + layout.dataBytes() > data.length)
                throw new AssertionError("samples outside the file: " + layout);
            if (layout.format() == null || layout.description() == null)
                throw new AssertionError("incomplete layout: " + layout);
        } catch (AudioDecodeException e) {
            checkMessage(e);
        }
    }

    @FuzzTest(maxDuration = "8m")
    void decode(byte[] data) throws IOException {
        Path file = write(data);
        try {
            AudioClip clip = AudioDecoder.decode(file, 16000);
            for (float v : clip.samples())
                if (!(v >= -1 && v <= 1)) throw new AssertionError("sample out of range: " + v);
        } catch (AudioDecodeException e) {
            checkMessage(e);
        }
    }

    private static Path write(byte[] data) throws IOException {
        if (dir == null) {
            Path shm = Path.of("/dev/shm");
            dir = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempDirectory(shm, "emoscope-fuzz") : Files.createTempDirectory("emoscope-fuzz");
            dir.toFile().deleteOnExit();
        }
        Path file = dir.resolve(NAME);
        Files.write(file, data);
        file.toFile().deleteOnExit();
        return file;
    }

    static void checkMessage(Exception e) {
        String m = e.getMessage();
        // text quoted from the file itself ("it looks like text: ...") may say anything
        String ours = m == null ? null : m.replaceAll("\"[^\"]*\"", "\"\"");
        if (m == null || !m.startsWith(NAME + ": ") || m.contains("\n") || JAVA_NOISE.matcher(ours).find())
            throw new AssertionError("unclear message: " + m, e);
    }
}
