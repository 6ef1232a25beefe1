package org.emoscope.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Device discovery against the real Java Sound (no sound card on the build machine). */
class MicrophonesTest {

    @Test
    void listsOnlyNamedCaptureDevices() {
        List<CaptureDevice> devices = Microphones.list();
        for (CaptureDevice device : devices) assertFalse(device.name().isBlank(), device.toString());
        assertThrows(UnsupportedOperationException.class, () -> devices.add(new CaptureDevice("x", "")));
    }

    @Test
    void withoutAnyMicrophoneOpeningSaysSo() {
        assumeTrue(Microphones.list().isEmpty(), "this computer has a microphone");
        AudioDeviceException e =
                assertThrows(AudioDeviceException.class, () -> MicrophoneAudioSource.open(null, 16000));
        assertTrue(e.getMessage().startsWith("No microphone found: Java Sound sees no audio capture device"),
                e.getMessage());
    }

    @Test
    void anUnknownDeviceNameIsReportedByName() {
        AudioDeviceException e = assertThrows(AudioDeviceException.class,
                () -> MicrophoneAudioSource.open("No Such Device 4711", 16000));
        assertTrue(e.getMessage().contains("\"No Such Device 4711\""), e.getMessage());
        assertTrue(e.getMessage().startsWith("No microphone found") || e.getMessage().contains("not found"),
                e.getMessage());
    }

    @Test
    void aListingThatHangsCountsAsNoDevicesAndIsNotStartedTwice() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Callable<List<CaptureDevice>> stuck = () -> {
            started.incrementAndGet();
            release.await();
            return List.of(new CaptureDevice("Back", "came back"));
        };
        java.time.Duration shortWait = java.time.Duration.ofMillis(200);
        long t0 = System.nanoTime();
        assertTrue(Microphones.listWithin(stuck, shortWait).isEmpty());
        assertTrue(Microphones.listWithin(stuck, shortWait).isEmpty());
        assertTrue((System.nanoTime() - t0) / 1e9 < 5, "each call gives up after its timeout");
        assertEquals(1, started.get(), "the second call waits on the first listing");
        release.countDown();
        assertEquals(List.of(new CaptureDevice("Back", "came back")),
                Microphones.listWithin(stuck, java.time.Duration.ofSeconds(5)));
        int before = started.get();
        java.util.concurrent.Callable<List<CaptureDevice>> fresh = () -> {
            started.incrementAndGet();
            return List.of();
        };
        assertTrue(Microphones.listWithin(fresh, shortWait).isEmpty());
        assertEquals(before + 1, started.get(), "a finished listing is not reused");
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThrows(IllegalArgumentException.class, () -> MicrophoneAudioSource.open(null, 0));
    }
}
