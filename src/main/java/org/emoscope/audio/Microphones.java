package org.emoscope.audio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;

/** The computer's capture devices, as Java Sound sees them. */
public final class Microphones {

    private static final Line.Info CAPTURE_LINE = new Line.Info(TargetDataLine.class);
    /** How long {@link #listWithin} waits for Java Sound before it answers "no devices". */
    public static final Duration LIST_TIMEOUT = Duration.ofSeconds(5);

    private static final ExecutorService LISTER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "emoscope-device-list");
        t.setDaemon(true);
        return t;
    });
    private static Future<List<CaptureDevice>> pending;

    private Microphones() {
    }

    /**
     * Every Java Sound mixer that can record (has a {@link TargetDataLine}), in Java Sound's order. Empty when the
     * computer has no usable sound input, e.g. a server without a sound card.
     */
    public static List<CaptureDevice> list() {
        List<CaptureDevice> devices = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (canCapture(info)) {
                String description = info.getDescription() == null ? "" : info.getDescription();
                devices.add(new CaptureDevice(info.getName(), description));
            }
        }
        return List.copyOf(devices);
    }

    /**
     * {@link #list()} with a time limit: Java Sound can block for good inside its ALSA provider (seen when the ALSA
     * PulseAudio plugin cannot reach a server). After {@code timeout} this returns an empty list; the stuck listing
     * keeps its thread, and later calls wait on that same listing instead of starting another, so at most one thread
     * is ever stuck.
     */
    public static List<CaptureDevice> listWithin(Duration timeout) {
        return listWithin(Microphones::list, timeout);
    }

    static synchronized List<CaptureDevice> listWithin(Callable<List<CaptureDevice>> lister, Duration timeout) {
        if (pending == null || pending.isDone()) pending = LISTER.submit(lister);
        try {
            return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return List.of();
        } catch (ExecutionException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /**
     * The (not yet opened) capture line of a device.
     *
     * @param deviceName a {@link CaptureDevice#name()} (matched exactly, else ignoring case), or null/blank for the
     *                   system's default capture device
     * @throws AudioDeviceException if there is no microphone at all ("No microphone found: ..."), the named device
     *                              does not exist, or Java Sound refuses the line
     */
    static TargetDataLine line(String deviceName) throws AudioDeviceException {
        boolean byName = deviceName != null && !deviceName.isBlank();
        List<CaptureDevice> devices = list();
        if (devices.isEmpty()) {
            String lookingFor = byName ? " (looking for \"" + deviceName + "\")" : "";
            throw new AudioDeviceException("No microphone found" + lookingFor
                    + ": Java Sound sees no audio capture device on this computer. Connect or enable a microphone, and "
                    + "check that the sound system (e.g. ALSA or PulseAudio) is running.");
        }
        try {
            if (!byName) return (TargetDataLine) AudioSystem.getLine(CAPTURE_LINE);
            Mixer.Info match = find(deviceName);
            if (match == null) {
                String available = devices.stream().map(d -> "\"" + d.name() + "\"").collect(Collectors.joining(", "));
                throw new AudioDeviceException("Microphone \"" + deviceName + "\" not found. Available: " + available);
            }
            return (TargetDataLine) AudioSystem.getMixer(match).getLine(CAPTURE_LINE);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            String label = byName ? "Microphone \"" + deviceName + "\"" : "The default microphone";
            throw new AudioDeviceException(label + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static Mixer.Info find(String deviceName) {
        Mixer.Info caseInsensitive = null;
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (!canCapture(info)) continue;
            if (info.getName().equals(deviceName)) return info;
            if (caseInsensitive == null && info.getName().equalsIgnoreCase(deviceName)) caseInsensitive = info;
        }
        return caseInsensitive;
    }

    private static boolean canCapture(Mixer.Info info) {
        try {
            return AudioSystem.getMixer(info).isLineSupported(CAPTURE_LINE);
        } catch (RuntimeException e) {
            // A mixer whose driver fails to answer cannot be recorded from either.
            return false;
        }
    }
}
