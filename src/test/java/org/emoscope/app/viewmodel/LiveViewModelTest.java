package org.emoscope.app.viewmodel;

import org.emoscope.app.AppTestSupport;
import org.emoscope.app.bus.EventBus;
import org.emoscope.app.bus.Events;
import org.emoscope.app.service.AppSettings;
import org.emoscope.app.service.MicrophoneProvider;
import org.emoscope.audio.ArrayAudioSource;
import org.emoscope.audio.AudioDeviceException;
import org.emoscope.audio.AudioSource;
import org.emoscope.audio.CaptureDevice;
import org.emoscope.pipeline.TestAudio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live mode's states without a window: listening once the model arrives, waiting for a microphone and resuming when
 * one appears, stopping, and which device is picked. Runs on the JavaFX thread, where the session reports.
 */
@Timeout(120)
class LiveViewModelTest {

    private static final CaptureDevice FIRST = new CaptureDevice("First microphone", "first (test)");
    private static final CaptureDevice SECOND = new CaptureDevice("Second microphone", "second (test)");

    /** Devices the test plugs in and out; an open device plays a voice in real time. */
    private static final class Microphones implements MicrophoneProvider {
        final List<CaptureDevice> devices = new CopyOnWriteArrayList<>();

        @Override
        public List<CaptureDevice> devices() {
            return List.copyOf(devices);
        }

        @Override
        public AudioSource open(String deviceName, int sampleRate) throws AudioDeviceException {
            if (devices.isEmpty()) throw new AudioDeviceException("No microphone found (test).");
            return new ArrayAudioSource(TestAudio.voiced(60, sampleRate, 3), sampleRate,
                    deviceName == null ? "Default microphone" : deviceName, true);
        }
    }

    private final Preferences prefs = AppTestSupport.testNode();
    private final AppSettings settings = new AppSettings(prefs);
    private final EventBus bus = new EventBus();
    private final Microphones mics = new Microphones();
    private LiveViewModel vm;

    @BeforeAll
    static void toolkit() {
        AppTestSupport.startToolkit();
    }

    @AfterEach
    void shutdown() {
        if (vm != null) AppTestSupport.fxRun(vm::shutdown);
        AppTestSupport.forget(prefs);
    }

    private LiveViewModel vm() {
        vm = AppTestSupport.fx(() -> new LiveViewModel(bus, mics, settings));
        return vm;
    }

    private LiveState state() {
        return AppTestSupport.fx(() -> vm.state().get());
    }

    private void modelArrives() {
        AppTestSupport.fxRun(() -> bus.publish(new Events.ModelChanged(AppTestSupport.model(), AppTestSupport.bundle())));
    }

    @Test
    void startingBeforeTheModelHasLoadedStartsOnceItHas() {
        mics.devices.add(FIRST);
        LiveViewModel vm = vm();
        AppTestSupport.fxRun(vm::start);
        assertEquals(LiveState.IDLE, state());
        assertTrue(vm.message().get().contains("still loading"), vm.message().get());

        modelArrives();
        AppTestSupport.waitUntil("listening", 30, () -> vm.state().get() == LiveState.RUNNING);
        assertEquals("", vm.message().get());
        assertEquals("Default microphone", vm.source().get());
        assertTrue(vm.cadence().get().startsWith("Updated every"), "the model's cadence");
        AppTestSupport.waitUntil("windows analysed", 30, () -> vm.display().windows().get() > 0);

        AppTestSupport.fxRun(vm::toggle);
        assertEquals(LiveState.IDLE, state());
        assertEquals(-120, vm.display().levelDb().get(), "the meter drops when listening stops");
        assertFalse(vm.display().speech().get());
    }

    @Test
    void withNoMicrophoneItWaitsAndResumesWhenOneIsPluggedIn() {
        LiveViewModel vm = vm();
        modelArrives();
        assertEquals(LiveState.IDLE, state(), "a model alone does not start listening");
        AppTestSupport.fxRun(vm::toggle);
        AppTestSupport.waitUntil("waiting for a device", 10, () -> vm.state().get() == LiveState.WAITING_FOR_DEVICE);
        assertEquals("No microphone found (test).", vm.message().get());

        mics.devices.add(FIRST);
        AppTestSupport.waitUntil("listening on the new device", 3 * LiveViewModel.POLL_SECONDS + 20,
                () -> vm.state().get() == LiveState.RUNNING);
        assertEquals("", vm.message().get());
        assertEquals(List.of(FIRST), vm.devices());

        AppTestSupport.fxRun(vm::stop);
        assertEquals(LiveState.IDLE, state());
    }

    @Test
    void stopWhileWaitingForAMicrophoneStopsWaiting() throws InterruptedException {
        LiveViewModel vm = vm();
        modelArrives();
        AppTestSupport.fxRun(vm::start);
        AppTestSupport.waitUntil("waiting for a device", 10, () -> vm.state().get() == LiveState.WAITING_FOR_DEVICE);
        AppTestSupport.fxRun(vm::toggle);
        assertEquals(LiveState.IDLE, state());
        assertEquals("", vm.message().get());
        mics.devices.add(FIRST);
        Thread.sleep(1000L * LiveViewModel.POLL_SECONDS + 500);
        assertEquals(LiveState.IDLE, state(), "a device that appears after a stop does not start listening");
    }

    @Test
    void picksTheRememberedMicrophoneAndTheOneChosen() {
        mics.devices.addAll(List.of(FIRST, SECOND));
        settings.lastDevice(SECOND.name());
        LiveViewModel vm = vm();
        AppTestSupport.fxRun(vm::refreshDevices);
        AppTestSupport.waitUntil("the devices listed", 10, () -> vm.devices().size() == 2);
        assertEquals(SECOND.name(), vm.selectedDevice().get());
        AppTestSupport.fxRun(() -> vm.selectDevice(FIRST.name()));
        assertEquals(FIRST.name(), vm.selectedDevice().get());
        assertThrows(UnsupportedOperationException.class, () -> vm.devices().clear(), "only the polling lists devices");
    }
}
