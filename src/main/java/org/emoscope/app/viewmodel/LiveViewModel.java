package org.emoscope.app.viewmodel;

import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.emoscope.app.bus.EventBus;
import org.emoscope.app.bus.Events;
import org.emoscope.app.bus.Inspection;
import org.emoscope.app.service.AppSettings;
import org.emoscope.app.service.FxBatchQueue;
import org.emoscope.app.service.MicrophoneProvider;
import org.emoscope.audio.AudioDeviceException;
import org.emoscope.audio.AudioSource;
import org.emoscope.audio.CaptureDevice;
import org.emoscope.model.EmotionModel;
import org.emoscope.pipeline.AnalysisListener;
import org.emoscope.pipeline.AnalysisSession;
import org.emoscope.pipeline.AnalysisStats;
import org.emoscope.pipeline.AnalyzerSettings;
import org.emoscope.pipeline.FeatureFrame;
import org.emoscope.pipeline.StreamingAnalyzer;
import org.emoscope.pipeline.WindowResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Live mode: the microphone list, start/stop, and recovery when the microphone is missing or goes away. Opening a
 * device and stopping a session happen on a worker thread; results come back through an {@link FxBatchQueue} into
 * {@link #display()}. While no device is usable the device list is polled every {@value #POLL_SECONDS} s; when one
 * returns, a session that was running (or asked for) starts again by itself.
 */
public final class LiveViewModel {

    static final int POLL_SECONDS = 2;

    private final EventBus bus;
    private final MicrophoneProvider microphones;
    private final AppSettings settings;
    private final LiveDisplay display = new LiveDisplay();
    private final ObservableList<CaptureDevice> devices = FXCollections.observableArrayList();
    private final ObservableList<CaptureDevice> devicesView = FXCollections.unmodifiableObservableList(devices);
    private final ReadOnlyStringWrapper selectedDevice = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<LiveState> state = new ReadOnlyObjectWrapper<>(LiveState.IDLE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper cadence = new ReadOnlyStringWrapper(cadence(AnalyzerSettings.defaults()));
    private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("emoscope-live"));
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(daemon("emoscope-devices"));
    private final FxBatchQueue<Tagged> feed = new FxBatchQueue<>(20_000, this::deliver);

    private StreamingAnalyzer analyzer;
    private AnalysisSession session;
    private int generation;
    private boolean resumeWhenBack;
    private boolean startWhenReady;
    private ScheduledFuture<?> polling;

    private record Tagged(int generation, Object item) {
    }

    private record Failure(Exception error) {
    }

    private record Finished(AnalysisStats stats) {
    }

    public LiveViewModel(EventBus bus, MicrophoneProvider microphones, AppSettings settings) {
        this.bus = bus;
        this.microphones = microphones;
        this.settings = settings;
        bus.subscribe(Events.ModelChanged.class, e -> setModel(e.model()));
    }

    /** Lists the devices (in the background); with none, shows the message and starts polling. */
    public void refreshDevices() {
        worker.execute(() -> {
            List<CaptureDevice> found = safeList();
            Platform.runLater(() -> {
                setDevices(found);
                if (found.isEmpty() && state.get() == LiveState.IDLE) {
                    // nobody asked to listen yet: stay stopped (the button says "Start listening"), say why the
                    // list is empty, and keep looking so the message goes when a microphone arrives
                    message.set("No microphone found: Java Sound lists no audio capture device, or the sound "
                            + "system did not answer. Connect or enable a microphone.");
                    startPolling();
                }
            });
        });
    }

    /** Starts listening on the selected device; with no model yet, starts once it has loaded. */
    public void start() {
        if (state.get() == LiveState.RUNNING || state.get() == LiveState.STARTING) return;
        if (analyzer == null) {
            startWhenReady = true;
            message.set("The model is still loading: listening starts when it is ready.");
            return;
        }
        stopPolling();
        int gen = ++generation;
        String device = selectedDevice.get();
        StreamingAnalyzer a = analyzer;
        state.set(LiveState.STARTING);
        message.set("");
        display.reset();
        feed.start();
        worker.execute(() -> open(gen, a, device));
    }

    private void open(int gen, StreamingAnalyzer a, String device) {
        try {
            AudioSource src = microphones.open(device, a.model().featureConfig().sampleRate());
            AnalysisSession s;
            try {
                s = a.start(src, listener(gen));
            } catch (RuntimeException e) {
                src.close();
                throw e;
            }
            Platform.runLater(() -> started(gen, s, src.description(), device));
        } catch (AudioDeviceException e) {
            Platform.runLater(() -> {
                if (gen == generation) waitForDevice(e.getMessage(), true);
            });
        } catch (RuntimeException e) {
            Platform.runLater(() -> {
                if (gen != generation) return;
                state.set(LiveState.IDLE);
                bus.publish(new Events.ErrorRaised("Live analysis could not start", String.valueOf(e.getMessage())));
            });
        }
    }

    private void started(int gen, AnalysisSession s, String description, String device) {
        if (gen != generation) {
            worker.execute(s::stop);
            return;
        }
        session = s;
        source.set(description);
        state.set(LiveState.RUNNING);
        if (device != null) settings.lastDevice(device);
    }

    /** Stops listening (and waiting for a device). */
    public void stop() {
        generation++;
        resumeWhenBack = false;
        startWhenReady = false;
        stopPolling();
        AnalysisSession s = session;
        session = null;
        if (s != null) worker.execute(s::stop);
        feed.stop();
        state.set(LiveState.IDLE);
        message.set("");
        display.silence();
    }

    /** Start when stopped, stop when listening or waiting (the space bar). */
    public void toggle() {
        if (state.get() == LiveState.IDLE) start();
        else stop();
    }

    /** The windows of the last seconds, to inspect on the attention page. */
    public void inspect() {
        Inspection i = analyzer == null ? null
                : display.inspection(source.get().isEmpty() ? "microphone" : source.get(), analyzer.model());
        if (i == null) {
            bus.publish(new Events.InfoRaised("Nothing to inspect yet: start live analysis and speak for a moment."));
            return;
        }
        bus.publish(new Events.InspectRequested(i, i.windows().size() - 1, true));
    }

    void setModel(EmotionModel model) {
        boolean wasRunning = state.get() == LiveState.RUNNING || state.get() == LiveState.STARTING;
        if (wasRunning) stop();
        AnalyzerSettings settings = AnalyzerSettings.forModel(model);
        analyzer = new StreamingAnalyzer(model, settings);
        cadence.set(cadence(settings));
        display.setLabels(model.labels());
        display.setFeatureConfig(model.featureConfig());
        if (wasRunning || startWhenReady) {
            startWhenReady = false;
            message.set("");
            start();
        }
    }

    private AnalysisListener listener(int gen) {
        return new AnalysisListener() {
            @Override
            public void onFrame(FeatureFrame frame) {
                feed.offer(new Tagged(gen, frame));
            }

            @Override
            public void onWindow(WindowResult result) {
                feed.offer(new Tagged(gen, result));
            }

            @Override
            public void onError(Exception error) {
                feed.offer(new Tagged(gen, new Failure(error)));
            }

            @Override
            public void onFinished(AnalysisStats stats) {
                feed.offer(new Tagged(gen, new Finished(stats)));
            }
        };
    }

    private void deliver(List<Tagged> batch) {
        List<FeatureFrame> frames = new ArrayList<>();
        double hop = analyzer == null ? 0.01 : analyzer.model().featureConfig().hopSeconds();
        for (Tagged t : batch) {
            if (t.generation() != generation) continue;
            if (t.item() instanceof FeatureFrame f) {
                frames.add(f);
                continue;
            }
            display.frames(frames, hop);
            frames.clear();
            if (t.item() instanceof WindowResult w) display.window(w);
            else if (t.item() instanceof Failure f) failed(f.error());
            else if (t.item() instanceof Finished) finished();
        }
        display.frames(frames, hop);
    }

    private void failed(Exception error) {
        session = null;
        if (error instanceof AudioDeviceException) {
            waitForDevice(error.getMessage(), true);
        } else {
            state.set(LiveState.IDLE);
            bus.publish(new Events.ErrorRaised("Live analysis stopped", String.valueOf(error.getMessage())));
        }
    }

    private void finished() {
        if (state.get() != LiveState.RUNNING && state.get() != LiveState.STARTING) return;
        generation++;
        session = null;
        state.set(LiveState.IDLE);
        display.speechEnded();
    }

    private void waitForDevice(String why, boolean resume) {
        generation++;
        resumeWhenBack = resume;
        state.set(LiveState.WAITING_FOR_DEVICE);
        message.set(why);
        display.silence();
        startPolling();
    }

    private void startPolling() {
        if (polling != null) return;
        polling = poller.scheduleWithFixedDelay(() -> {
            List<CaptureDevice> found = safeList();
            Platform.runLater(() -> polled(found));
        }, POLL_SECONDS, POLL_SECONDS, TimeUnit.SECONDS);
    }

    private void stopPolling() {
        if (polling != null) polling.cancel(false);
        polling = null;
    }

    private void polled(List<CaptureDevice> found) {
        setDevices(found);
        if (state.get() == LiveState.IDLE && !found.isEmpty()) { // the start-up "no microphone" note is void now
            stopPolling();
            message.set("");
            return;
        }
        if (state.get() != LiveState.WAITING_FOR_DEVICE || found.isEmpty()) return;
        stopPolling();
        state.set(LiveState.IDLE);
        message.set("");
        if (resumeWhenBack) start();
    }

    private void setDevices(List<CaptureDevice> found) {
        if (!found.equals(devices)) devices.setAll(found);
        String current = selectedDevice.get();
        if (current != null && found.stream().anyMatch(d -> d.name().equals(current))) return;
        String remembered = settings.lastDevice();
        String pick = found.stream().map(CaptureDevice::name).filter(n -> n.equals(remembered)).findFirst()
                .orElse(found.isEmpty() ? null : found.get(0).name());
        selectedDevice.set(pick);
    }

    private List<CaptureDevice> safeList() {
        try {
            return microphones.devices();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Ends the worker threads (the window is closing). */
    public void shutdown() {
        stop();
        poller.shutdownNow();
        worker.shutdown();
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    public LiveDisplay display() {
        return display;
    }

    /** The capture devices found. */
    public ObservableList<CaptureDevice> devices() {
        return devicesView;
    }

    /** Listens to the device named {@code name} from the next start (null: the system default). */
    public void selectDevice(String name) {
        selectedDevice.set(name);
    }

    /** Name of the chosen device (null: the system default). */
    public ReadOnlyStringProperty selectedDevice() {
        return selectedDevice.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<LiveState> state() {
        return state.getReadOnlyProperty();
    }

    /** How often the probabilities change and from how much audio: the model's window decides the latter. */
    static String cadence(AnalyzerSettings s) {
        return String.format(java.util.Locale.ROOT, "Updated every %.0f ms from the last %s of audio, smoothed over "
                + "recent speech.", 1000 * s.hopSeconds(), ModelViewModel.seconds(s.windowSeconds()));
    }

    public ReadOnlyStringProperty cadence() {
        return cadence.getReadOnlyProperty();
    }

    /** What is wrong with the microphone, or empty. */
    public ReadOnlyStringProperty message() {
        return message.getReadOnlyProperty();
    }

    /** The source being analysed (device description). */
    public ReadOnlyStringProperty source() {
        return source.getReadOnlyProperty();
    }
}
