package org.emoscope.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The microphone source on a {@link FakeTargetDataLine}: format choice, conversion, close, unplugging. */
@Timeout(20)
class MicrophoneAudioSourceTest {

    private static final AudioFormat ANY = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, -1, 16, -1, -1, -1, false);

    @Test
    void prefersTheRequestedRateInMono() throws AudioDeviceException {
        FakeTargetDataLine line = new FakeTargetDataLine(f -> true, ANY);
        AudioFormat format = MicrophoneAudioSource.openLine(line, 16000, "Test mic");
        assertEquals(new AudioFormat(16000, 16, 1, true, false).toString(), format.toString());
        assertEquals(640 * 2, line.getBufferSize(), "40 ms buffer");
    }

    @Test
    void fallsBackToWhatTheDeviceSupports() throws AudioDeviceException {
        FakeTargetDataLine stereo44 =
                new FakeTargetDataLine(f -> f.getSampleRate() == 44100 && f.getChannels() == 2, ANY);
        AudioFormat format = MicrophoneAudioSource.openLine(stereo44, 16000, "Test mic");
        assertEquals(new AudioFormat(44100, 16, 2, true, false).toString(), format.toString());
        assertEquals(1764 * 4, stereo44.getBufferSize(), "40 ms buffer");

        AudioFormat bigEndian48 = new AudioFormat(48000, 16, 2, true, true);
        FakeTargetDataLine advertisedOnly = new FakeTargetDataLine(f -> true, bigEndian48);
        AudioFormat chosen = MicrophoneAudioSource.openLine(advertisedOnly, 16000, "Test mic");
        assertEquals(bigEndian48.toString(), chosen.toString());
    }

    @Test
    void aDeviceThatAcceptsNoFormatIsReported() {
        FakeTargetDataLine busy = new FakeTargetDataLine(f -> false, ANY);
        AudioDeviceException e = assertThrows(AudioDeviceException.class,
                () -> MicrophoneAudioSource.openLine(busy, 16000, "USB mic"));
        assertTrue(e.getMessage().startsWith("USB mic: the microphone cannot be opened"), e.getMessage());
    }

    @Test
    void convertsStereo48kHzBigEndianTo16kHzMono() throws Exception {
        AudioFormat format = new AudioFormat(48000, 16, 2, true, true);
        float[] tone = Signals.sine(1000, 48000, 48000, 0.5);
        byte[] bytes = new byte[tone.length * 4];
        for (int i = 0; i < tone.length; i++) {
            short s = (short) Math.round(tone[i] * 32767);
            bytes[4 * i] = bytes[4 * i + 2] = (byte) (s >> 8);
            bytes[4 * i + 1] = bytes[4 * i + 3] = (byte) s;
        }
        FakeTargetDataLine line = new FakeTargetDataLine(f -> true, ANY).deliver(bytes);
        line.open(format, 7680);
        line.start();
        try (MicrophoneAudioSource mic =
                     new MicrophoneAudioSource(line, format, "Test mic", 16000, Duration.ofSeconds(2))) {
            assertEquals(16000, mic.sampleRate());
            assertTrue(mic.isLive());
            assertEquals(-1, mic.lengthSamples());
            assertEquals("Test mic", mic.description());
            assertEquals("16-bit PCM, 48000 Hz, stereo", mic.captureFormat());
            float[] out = new float[15000];
            int count = 0;
            while (count < out.length) {
                int n = mic.read(out, count, Math.min(160, out.length - count));
                assertTrue(n > 0 && n <= 160, "read " + n);
                count += n;
            }
            assertEquals(1000, Signals.dominantFrequency(out, 1600, 15000, 16000), 0.1);
            assertEquals(0.5, Signals.amplitude(out, 1600, 15000, 16000, 1000), 0.001);
        }
    }

    @Test
    void closeFromAnotherThreadUnblocksRead() throws Exception {
        AudioFormat format = new AudioFormat(16000, 16, 1, true, false);
        FakeTargetDataLine line = new FakeTargetDataLine(f -> true, ANY);
        line.open(format, 1280);
        line.start();
        MicrophoneAudioSource mic = new MicrophoneAudioSource(line, format, "Test mic", 16000, Duration.ofSeconds(2));
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return mic.read(new float[160], 0, 160);
            } catch (AudioDeviceException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertFalse(reader.isDone(), "read blocks while no audio arrives");
        mic.close();
        assertEquals(-1, reader.get(2, TimeUnit.SECONDS));
        assertFalse(line.isOpen(), "line released");
        assertEquals(-1, mic.read(new float[10], 0, 10));
    }

    @Test
    void anUnpluggedDeviceFailsReadInsteadOfHanging() throws Exception {
        AudioFormat format = new AudioFormat(16000, 16, 1, true, false);
        FakeTargetDataLine line = new FakeTargetDataLine(f -> true, ANY).deliver(new byte[3200]).disappearAfterData();
        line.open(format, 1280);
        line.start();
        try (MicrophoneAudioSource mic =
                     new MicrophoneAudioSource(line, format, "USB mic", 16000, Duration.ofMillis(300))) {
            float[] buffer = new float[160];
            int delivered = 0;
            long start = 0;
            AudioDeviceException failure = null;
            while (failure == null) {
                try {
                    int n = mic.read(buffer, 0, buffer.length);
                    assertTrue(n > 0);
                    delivered += n;
                    start = System.nanoTime();
                } catch (AudioDeviceException e) {
                    failure = e;
                }
            }
            long waited = System.nanoTime() - start;
            assertEquals(1600, delivered, "everything before the unplugging is delivered");
            assertTrue(waited >= 250_000_000L && waited < 3_000_000_000L, "failed after " + waited / 1e6 + " ms");
            assertEquals("USB mic: the microphone stopped delivering audio for more than 0.3 s; "
                    + "was it unplugged or disabled?", failure.getMessage());
        }
    }

    @Test
    void aFailingDriverBecomesADeviceError() throws Exception {
        AudioFormat format = new AudioFormat(16000, 16, 1, true, false);
        FakeTargetDataLine line = new FakeTargetDataLine(f -> true, ANY)
                .failAfterData(new IllegalStateException("device removed"));
        line.open(format, 1280);
        line.start();
        try (MicrophoneAudioSource mic =
                     new MicrophoneAudioSource(line, format, "USB mic", 16000, Duration.ofSeconds(2))) {
            AudioDeviceException e = assertThrows(AudioDeviceException.class, () -> mic.read(new float[160], 0, 160));
            assertEquals("USB mic: the microphone failed (device removed)", e.getMessage());
        }
    }
}
