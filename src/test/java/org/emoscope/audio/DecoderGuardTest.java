package org.emoscope.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DecoderGuardTest {

    private final DecoderGuard guard = new DecoderGuard("song.mp3", "MP3", Duration.ofMillis(300));

    @AfterEach
    void stop() {
        guard.close();
    }

    @Test
    void returnsTheResult() throws IOException {
        assertEquals(42, guard.call(() -> 42));
    }

    @Test
    void aDecoderThatNeverReturnsTimesOutInsteadOfHanging() {
        long start = System.nanoTime();
        String message = failure(() -> {
            Thread.sleep(60_000);
            return null;
        });
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "gave up in time");
        assertEquals("song.mp3: the MP3 decoder stopped responding for 0.3 s (the file is probably corrupt)", message);
        assertEquals(message, failure(() -> 1), "a stuck guard refuses further calls at once");
    }

    @Test
    void runtimeExceptionsAndErrorsBecomeDecodeErrors() {
        assertEquals("song.mp3: corrupt MP3 data (the decoder gave up on it)",
                failure(() -> {
                    throw new ArrayIndexOutOfBoundsException(-1);
                }));
        assertEquals("song.mp3: corrupt MP3 data (the decoder gave up on it)",
                failure(() -> {
                    throw new StackOverflowError();
                }));
    }

    @Test
    void checkedExceptionsAreExplained() {
        assertEquals("song.mp3: not a valid MP3 file, or a variant of MP3 that cannot be decoded",
                failure(() -> {
                    throw new UnsupportedAudioFileException("File of unsupported format");
                }));
        assertEquals("song.mp3: truncated MP3 file (it ends in the middle of its header)",
                failure(() -> {
                    throw new EOFException();
                }));
        assertEquals("song.mp3: corrupt MP3 data (bad frame CRC)",
                failure(() -> {
                    throw new IOException("bad frame CRC");
                }));
    }

    @Test
    void guardedStreamReadsThroughAndTreatsEofExceptionAsTheEnd() throws IOException {
        InputStream cutShort = new InputStream() {
            private boolean delivered;

            @Override
            public int read() throws IOException {
                throw new EOFException("cut");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (delivered) throw new EOFException("cut");
                delivered = true;
                b[off] = 7;
                return 1;
            }
        };
        InputStream guarded = guard.guard(cutShort);
        byte[] buffer = new byte[10];
        assertEquals(1, guarded.read(buffer, 0, 10));
        assertEquals(7, buffer[0]);
        assertEquals(-1, guarded.read(buffer, 0, 10));
        assertEquals(-1, guarded.read());
        guarded.close();
    }

    private String failure(Callable<?> task) {
        return assertThrows(AudioDecodeException.class, () -> guard.call(task)).getMessage();
    }
}
