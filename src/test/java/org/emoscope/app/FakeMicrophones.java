package org.emoscope.app;

import org.emoscope.app.service.MicrophoneProvider;
import org.emoscope.audio.ArrayAudioSource;
import org.emoscope.audio.AudioDeviceException;
import org.emoscope.audio.AudioSource;
import org.emoscope.audio.CaptureDevice;
import org.emoscope.audio.ForwardingAudioSource;
import org.emoscope.pipeline.TestAudio;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Microphones for tests: a device list the test changes, and sources that play a signal in real time and can be
 * "unplugged" (their next read fails as a vanished device's does).
 */
final class FakeMicrophones implements MicrophoneProvider {

    static final CaptureDevice DEVICE = new CaptureDevice("Fake microphone", "test input");
    final List<CaptureDevice> devices = new CopyOnWriteArrayList<>(List.of(DEVICE));
    final List<Unpluggable> opened = new CopyOnWriteArrayList<>();
    final AtomicInteger opens = new AtomicInteger();
    volatile IntFunction<float[]> signal = rate -> TestAudio.concat(TestAudio.voiced(4, rate, 1),
            TestAudio.silence(3, rate), TestAudio.voiced(60, rate, 2));

    @Override
    public List<CaptureDevice> devices() {
        return List.copyOf(devices);
    }

    @Override
    public AudioSource open(String deviceName, int sampleRate) throws AudioDeviceException {
        opens.incrementAndGet();
        if (devices.isEmpty())
            throw new AudioDeviceException("No microphone found: Java Sound sees no audio capture device (fake).");
        if (deviceName != null && devices.stream().noneMatch(d -> d.name().equals(deviceName)))
            throw new AudioDeviceException("Microphone \"" + deviceName + "\" not found (fake).");
        Unpluggable s = new Unpluggable(new ArrayAudioSource(signal.apply(sampleRate), sampleRate,
                deviceName == null ? "Default microphone" : deviceName, true));
        opened.add(s);
        return s;
    }

    /** Simulates pulling the plug: the device disappears and the open source fails on its next read. */
    void unplug() {
        devices.clear();
        for (Unpluggable s : opened) s.unplugged = true;
    }

    void plugIn() {
        devices.add(DEVICE);
    }

    /** The fake device's stream (a real-time array source): fails once unplugged, remembers being closed. */
    static final class Unpluggable extends ForwardingAudioSource {
        volatile boolean unplugged;
        volatile boolean closed;

        Unpluggable(ArrayAudioSource inner) {
            super(inner);
        }

        @Override
        public int read(float[] buffer, int offset, int length) throws IOException {
            if (unplugged) throw new AudioDeviceException(source.description()
                    + ": the microphone stopped delivering audio; was it unplugged or disabled? (fake)");
            return source.read(buffer, offset, length);
        }

        @Override
        public void close() {
            closed = true;
            super.close();
        }
    }
}
