package org.emoscope.audio;

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
    void rejectsANonPositiveRate() {
        assertThrows(IllegalArgumentException.class, () -> MicrophoneAudioSource.open(null, 0));
    }
}
