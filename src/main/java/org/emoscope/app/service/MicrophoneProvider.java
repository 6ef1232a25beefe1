package org.emoscope.app.service;

import org.emoscope.audio.AudioDeviceException;
import org.emoscope.audio.AudioSource;
import org.emoscope.audio.CaptureDevice;
import org.emoscope.audio.MicrophoneAudioSource;
import org.emoscope.audio.Microphones;

import java.util.List;

/**
 * Where live audio comes from. The app uses {@link #javaSound()}; tests and the demo mode put other sources behind
 * the same two calls. Both are called off the JavaFX thread (opening a device can take a second or more).
 */
public interface MicrophoneProvider {

    /** The capture devices present now (may be empty). */
    List<CaptureDevice> devices();

    /**
     * Opens and starts a device.
     *
     * @param deviceName a {@link CaptureDevice#name()}, or null for the default device
     * @throws AudioDeviceException when there is no such device or it cannot be opened; the message is for a person
     */
    AudioSource open(String deviceName, int sampleRate) throws AudioDeviceException;

    /** Every Java Sound capture device; a sound system that does not answer within 5 s counts as none. */
    static MicrophoneProvider javaSound() {
        return new MicrophoneProvider() {
            @Override
            public List<CaptureDevice> devices() {
                return Microphones.listWithin(Microphones.LIST_TIMEOUT);
            }

            @Override
            public AudioSource open(String deviceName, int sampleRate) throws AudioDeviceException {
                return MicrophoneAudioSource.open(deviceName, sampleRate);
            }
        };
    }
}
