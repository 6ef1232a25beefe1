package org.emoscope.app.viewmodel;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;
import org.emoscope.app.bus.EventBus;
import org.emoscope.app.bus.Events;
import org.emoscope.app.bus.Inspection;
import org.emoscope.app.service.AppSettings;
import org.emoscope.app.service.Explainers;
import org.emoscope.app.service.Player;
import org.emoscope.app.service.TimelineExport;
import org.emoscope.audio.AudioClip;
import org.emoscope.audio.AudioDecoder;
import org.emoscope.audio.ArrayAudioSource;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.Explainer;
import org.emoscope.pipeline.AnalysisListener;
import org.emoscope.pipeline.FeatureFrame;
import org.emoscope.pipeline.FileAnalysis;
import org.emoscope.pipeline.FileAnalyzer;
import org.emoscope.pipeline.WindowExplanations;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * File mode: the list of files, their analysis one after another in the background (cancellable), playback with a
 * moving cursor, window selection, and export. Failures are published as {@link Events.ErrorRaised} naming the file
 * and the reason; the other files carry on.
 */
public final class FilesViewModel {

    /** Extensions taken from a dropped folder. */
    static final List<String> AUDIO = List.of(".wav", ".flac", ".mp3", ".ogg", ".aif", ".aiff", ".au");

    private final EventBus bus;
    private final AppSettings settings;
    private final ObservableList<FileItem> items = FXCollections.observableArrayList();
    private final ObservableList<FileItem> itemsView = FXCollections.unmodifiableObservableList(items);
    private final ReadOnlyObjectWrapper<FileItem> selected = new ReadOnlyObjectWrapper<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(LiveViewModel.daemon("emoscope-files"));
    /** Exports (and explains windows for them) apart from the analyses, which go on meanwhile. */
    private final ExecutorService exporter = Executors.newSingleThreadExecutor(LiveViewModel.daemon("emoscope-export"));
    /** Used on the exporter's thread only. */
    private final Explainers exportExplainers = new Explainers();
    private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper exportProgress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper exportMessage = new ReadOnlyStringWrapper("");
    private Task<?> exportTask;
    private final AnimationTimer cursorTimer;
    private EmotionModel model;
    private String modelName = "";
    private Player player;
    private FileItem playingItem;
    private final ReadOnlyBooleanWrapper oneSpeaker = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper voice = new ReadOnlyStringWrapper(EACH_ALONE);
    /** With {@link #oneSpeaker} on: the analyzer that knows the voice of all the files, once learnt; else null. */
    private FileAnalyzer voiceAnalyzer;
    /** Counts voice-learning requests, so that only the newest one's result is used. */
    private long voiceRequest;

    static final String EACH_ALONE = "Each file is its own voice";

    public FilesViewModel(EventBus bus, AppSettings settings) {
        this.bus = bus;
        this.settings = settings;
        bus.subscribe(Events.ModelChanged.class, e -> {
            model = e.model();
            modelName = e.path().getFileName().toString();
            voiceAnalyzer = null;
            if (oneSpeaker.get()) {
                if (model.adaptsToVoices()) learnVoiceThenReanalyze();
                else oneSpeaker.set(false);
            } else {
                for (FileItem i : items) if (i.waitingForModel()) submit(i);
            }
        });
        oneSpeaker.addListener((o, was, on) -> oneSpeakerChanged(on));
        cursorTimer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (player != null && playingItem != null) playingItem.cursorAt(player.positionSeconds());
            }
        };
    }

    /**
     * Adds files (folders: the audio files directly inside) and queues them for analysis; the first one added becomes
     * the selection. This is what a drop on the window and the open dialog both call.
     */
    public List<FileItem> addFiles(List<File> files) {
        List<FileItem> added = new ArrayList<>();
        for (Path p : expand(files)) {
            FileItem item = new FileItem(p);
            items.add(item);
            added.add(item);
            if (model == null) item.waitForModel();
            else if (!oneSpeaker.get()) submit(item);
        }
        if (!added.isEmpty() && model != null && oneSpeaker.get()) learnVoiceThenReanalyze();
        if (!added.isEmpty()) {
            selected.set(added.get(0));
            settings.lastFolder(added.get(0).path().toFile());
        }
        return added;
    }

    private static List<Path> expand(List<File> files) {
        List<Path> out = new ArrayList<>();
        for (File f : files) {
            Path p = f.toPath().toAbsolutePath();
            if (!Files.isDirectory(p)) {
                out.add(p);
                continue;
            }
            try (Stream<Path> s = Files.list(p)) {
                s.filter(Files::isRegularFile).filter(FilesViewModel::isAudio).sorted().forEach(out::add);
            } catch (IOException e) {
                out.add(p); // analysing it reports why it cannot be read
            }
        }
        return out;
    }

    private static boolean isAudio(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return AUDIO.stream().anyMatch(n::endsWith);
    }

    private record Result(AudioClip clip, float[][] logMel, FileAnalysis analysis) {
    }

    private void submit(FileItem item) {
        EmotionModel m = model;
        FileAnalyzer analyzer = voiceAnalyzer != null ? voiceAnalyzer
                : FileAnalyzer.forModel(m);
        String usedModel = modelName;
        int rate = m.featureConfig().sampleRate();
        double hop = m.featureConfig().hopSeconds();
        Task<Result> task = new Task<>() {
            @Override
            protected Result call() throws Exception {
                updateMessage("Decoding");
                AudioClip clip = AudioDecoder.decode(item.path(), rate);
                updateProgress(0.05, 1);
                updateMessage("Analysing");
                List<float[]> mel = new ArrayList<>();
                AnalysisListener frames = new AnalysisListener() {
                    @Override
                    public void onFrame(FeatureFrame f) {
                        mel.add(f.logMel());
                    }
                };
                String name = item.path().toString();
                FileAnalysis a = analyzer.analyze(
                        new ArrayAudioSource(clip.samples(), rate, name), name,
                        p -> updateProgress(0.05 + 0.95 * p, 1), frames).withWarning(clip.warning());
                return new Result(clip, mel.toArray(new float[0][]), a);
            }
        };
        item.queue(task);
        task.setOnSucceeded(e -> {
            Result r = task.getValue();
            item.done(r.clip(), r.logMel(), hop, m, usedModel, r.analysis());
            if (r.analysis().warning() != null) bus.publish(new Events.InfoRaised(r.analysis().warning()));
            bus.publish(new Events.FileAnalyzed(item.path(), r.analysis()));
            if (selected.get() == item) selectFirstSpeech(item);
        });
        task.setOnFailed(e -> failed(item, task.getException()));
        task.setOnCancelled(e -> item.cancelled());
        executor.execute(task);
    }

    private void failed(FileItem item, Throwable t) {
        if (t instanceof CancellationException || t instanceof InterruptedException) {
            item.cancelled();
            return;
        }
        String reason = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (!reason.contains(item.path().toString()) && !reason.contains(item.name()))
            reason = item.name() + ": " + reason;
        item.failed(reason);
        bus.publish(new Events.ErrorRaised("Cannot analyse " + item.name(), reason));
    }

    private void oneSpeakerChanged(boolean on) {
        voiceAnalyzer = null;
        voiceRequest++;
        if (on && model != null && !model.adaptsToVoices()) {
            bus.publish(new Events.ErrorRaised("One speaker is not available",
                    "This model does not adapt to voices, so it analyses every file alone."));
            Platform.runLater(() -> oneSpeaker.set(false));
            return;
        }
        if (on) {
            learnVoiceThenReanalyze();
        } else {
            voice.set(EACH_ALONE);
            reanalyzeAll();
        }
    }

    /**
     * With {@link #oneSpeaker} on: learns the voice from every file in the list (features only, in the background),
     * then analyses every file again with it, as {@code analyze --one-speaker} does.
     */
    private void learnVoiceThenReanalyze() {
        if (model == null) return;
        long request = ++voiceRequest;
        EmotionModel m = model;
        List<Path> paths = items.stream().filter(FilesViewModel::wanted).map(FileItem::path).toList();
        for (FileItem i : items) i.cancelQuietly();
        if (paths.isEmpty()) {
            voice.set("One speaker: no files yet");
            return;
        }
        voice.set("Learning the voice from " + paths.size() + " file(s)…");
        Task<LearntVoice> learn = new Task<>() {
            @Override
            protected LearntVoice call() throws Exception {
                FileAnalyzer a = FileAnalyzer.forModel(m);
                return new LearntVoice(a, a.learnVoice(paths));
            }
        };
        learn.setOnSucceeded(e -> {
            if (request != voiceRequest || !oneSpeaker.get()) return;
            voiceAnalyzer = learn.getValue().analyzer();
            voice.set(String.format(Locale.ROOT, "One speaker: voice learnt from %.0f s of speech in %d file(s)",
                    learn.getValue().seconds(), paths.size()));
            reanalyzeAll();
        });
        learn.setOnFailed(e -> {
            if (request != voiceRequest) return;
            Throwable t = learn.getException();
            String why = t.getMessage() == null ? t.toString() : t.getMessage();
            voice.set(EACH_ALONE);
            bus.publish(new Events.ErrorRaised("Cannot learn the voice", why));
            oneSpeaker.set(false);
        });
        executor.execute(learn);
    }

    private record LearntVoice(FileAnalyzer analyzer, double seconds) {
    }

    private void reanalyzeAll() {
        if (model == null) return;
        for (FileItem i : items) {
            if (!wanted(i)) continue;
            i.cancelQuietly();
            submit(i);
        }
    }

    /** A file to learn the voice from and to analyse: not one that failed or that the user cancelled. */
    private static boolean wanted(FileItem i) {
        return i.status().get() != FileItem.Status.FAILED && i.status().get() != FileItem.Status.CANCELLED;
    }

    /**
     * All the files are one speaker: a speaker-normalised model first learns the voice from all of them, then
     * analyses each with it (more accurate than each file's own few seconds of voice). Off: each file alone.
     */
    public ReadOnlyBooleanProperty oneSpeaker() {
        return oneSpeaker.getReadOnlyProperty();
    }

    /** Turns {@link #oneSpeaker()} on or off. */
    public void setOneSpeaker(boolean on) {
        oneSpeaker.set(on);
    }

    /** What the analysis knows of the voice, for the page to show. */
    public ReadOnlyStringProperty voice() {
        return voice.getReadOnlyProperty();
    }

    static String summary(FileAnalysis a) {
        return String.format(Locale.ROOT, "%s · %.0f %% · %.1f s%s", a.label().replace('_', ' '),
                100 * a.confidence(), a.durationSeconds(), a.warning() == null ? "" : " · truncated file");
    }

    /** Stops the analysis of {@code item} (or takes it out of the queue). */
    public void cancel(FileItem item) {
        item.cancel();
    }

    /** Cancels and forgets {@code item}. */
    public void remove(FileItem item) {
        cancel(item);
        if (item == playingItem) stopPlayback();
        items.remove(item);
        if (selected.get() == item) selected.set(items.isEmpty() ? null : items.get(0));
    }

    private void selectFirstSpeech(FileItem item) {
        FileAnalysis a = item.analysis().get();
        int idx = 0;
        for (int i = 0; i < a.windows().size(); i++) {
            if (a.windows().get(i).speech()) {
                idx = i;
                break;
            }
        }
        selectWindow(item, idx);
    }

    /** Selects the window at {@code seconds} (a click on the timeline) and moves the play cursor there. */
    public void selectAt(FileItem item, double seconds) {
        moveCursor(item, seconds);
        selectWindow(item, item.windowAt(seconds));
    }

    /** Moves the play cursor of {@code item} to {@code seconds} (playing on from there if it plays). */
    public void moveCursor(FileItem item, double seconds) {
        item.cursorAt(seconds);
        if (item == playingItem && player != null && player.playing()) play(item, seconds);
    }

    /** Selects window {@code index} of {@code item} and tells the attention page. */
    public void selectWindow(FileItem item, int index) {
        if (item.analysis().get() == null || index < 0) return;
        item.selectWindow(index);
        bus.publish(new Events.InspectRequested(item.inspection(), index, false));
    }

    /** Shows the selected window of {@code item} on the attention page, and that page; nothing before analysis. */
    public void inspect(FileItem item) {
        Inspection i = item.inspection();
        if (i != null) bus.publish(new Events.InspectRequested(i, item.selectedWindow().get(), true));
    }

    /** Plays the selected file from its cursor, or stops it if playing. */
    public void togglePlay(FileItem item) {
        if (item == null || item.clip() == null) return;
        if (item == playingItem && player != null && player.playing()) stopPlayback();
        else {
            double from = item.cursorSeconds().get();
            if (from >= item.clip().durationSeconds() - 0.05) from = 0;
            play(item, from);
        }
    }

    private void play(FileItem item, double from) {
        stopPlayback();
        Player p = new Player(item.clip().samples(), item.clip().sampleRate());
        p.play(from, () -> Platform.runLater(() -> ended(p, item)), why -> Platform.runLater(() -> {
            ended(p, item);
            bus.publish(new Events.ErrorRaised("Cannot play " + item.name(), why));
        }));
        player = p;
        playingItem = item;
        item.playing(true);
        cursorTimer.start();
    }

    private void ended(Player p, FileItem item) {
        if (player != p) return;
        item.cursorAt(p.positionSeconds());
        item.playing(false);
        player = null;
        playingItem = null;
        cursorTimer.stop();
    }

    public void stopPlayback() {
        if (player != null) player.stop();
        if (playingItem != null) playingItem.playing(false);
        player = null;
        playingItem = null;
        cursorTimer.stop();
    }

    /** The analysed files, in list order. */
    public List<TimelineExport.Entry> analyzed() {
        return items.stream().filter(i -> i.analysis().get() != null)
                .map(i -> new TimelineExport.Entry(i.analysis().get(), i.model())).toList();
    }

    /** One file to export: what the JavaFX thread knew of it when the export began. */
    private record ExportJob(FileItem item, FileAnalysis analysis, FileAnalysis explained, float[][] logMel,
                             EmotionModel model, String modelName) {
    }

    /**
     * Writes every analysed file's timeline to {@code file} (CSV, JSON or JSON Lines by its extension), in the
     * background. JSON and JSON Lines also hold every speech window's explanation, as {@code analyze --explain}
     * writes them: those are computed first (several network passes a window; kept for the next export), with
     * {@link #exportProgress()}. The outcome is published as a notice or an error; nothing is written when the
     * export is cancelled or fails.
     */
    public void export(Path file) {
        if (exporting.get()) {
            bus.publish(new Events.InfoRaised("An export is still running: wait for it, or cancel it."));
            return;
        }
        boolean explain = !TimelineExport.isCsv(file);
        List<ExportJob> jobs = items.stream().filter(i -> i.analysis().get() != null)
                .map(i -> new ExportJob(i, i.analysis().get(), i.explained(), i.logMel(), i.emotionModel(), i.model()))
                .toList();
        Task<List<FileAnalysis>> task = new Task<>() {
            @Override
            protected List<FileAnalysis> call() throws Exception {
                List<FileAnalysis> written = new ArrayList<>();
                long total = 0;
                for (ExportJob j : jobs) if (explain && j.explained() == null) total += j.analysis().windows().size();
                long before = 0;
                int k = 0;
                for (ExportJob j : jobs) {
                    k++;
                    FileAnalysis a = j.analysis();
                    if (explain && j.explained() != null) a = j.explained();
                    else if (explain && j.model() != null) {
                        updateMessage(String.format(Locale.ROOT, "Explaining %s (%d of %d)…", j.item().name(), k,
                                jobs.size()));
                        long base = before;
                        long all = Math.max(1, total);
                        int windows = a.windows().size();
                        a = WindowExplanations.explainAll(exportExplainers.of(j.model()), j.logMel(), a,
                                Explainers.windowFrames(j.model()), j.model().featureConfig(),
                                Explainer.DEFAULT_STEPS, p -> updateProgress(base + p * windows, all));
                        before += windows;
                    }
                    written.add(a);
                }
                if (isCancelled()) return written;
                updateMessage("Writing " + file.getFileName() + "…");
                List<TimelineExport.Entry> entries = new ArrayList<>();
                for (int i = 0; i < jobs.size(); i++)
                    entries.add(new TimelineExport.Entry(written.get(i), jobs.get(i).modelName()));
                TimelineExport.write(entries, file);
                return written;
            }
        };
        exportTask = task;
        exporting.set(true);
        exportProgress.set(explain ? 0 : -1);
        exportMessage.set(explain ? "Explaining the windows for the export…" : "Writing " + file.getFileName() + "…");
        task.progressProperty().addListener((o, a, b) -> {
            if (exportTask == task) exportProgress.set(b.doubleValue());
        });
        task.messageProperty().addListener((o, a, b) -> {
            if (exportTask == task) exportMessage.set(b);
        });
        task.setOnSucceeded(e -> {
            List<FileAnalysis> written = task.getValue();
            if (explain) for (int i = 0; i < jobs.size(); i++)
                jobs.get(i).item().explained(jobs.get(i).analysis(), written.get(i));
            exportEnded(task);
            settings.lastFolder(file.toFile());
            bus.publish(new Events.InfoRaised("Exported " + jobs.size() + " file(s) to " + file
                    + (explain ? ", with every speech window explained" : "")));
        });
        task.setOnFailed(e -> {
            exportEnded(task);
            Throwable t = task.getException();
            if (t instanceof CancellationException) return;
            bus.publish(new Events.ErrorRaised("Export failed", file + ": "
                    + (t.getMessage() == null ? t.toString() : t.getMessage())));
        });
        task.setOnCancelled(e -> {
            exportEnded(task);
            bus.publish(new Events.InfoRaised("Export cancelled: " + file.getFileName() + " was not written."));
        });
        exporter.execute(task);
    }

    private void exportEnded(Task<?> task) {
        if (exportTask != task) return;
        exportTask = null;
        exporting.set(false);
        exportProgress.set(0);
        exportMessage.set("");
    }

    /** Stops a running export; nothing is written. */
    public void cancelExport() {
        if (exportTask != null) exportTask.cancel(true);
    }

    /** True while an export runs. */
    public ReadOnlyBooleanProperty exporting() {
        return exporting.getReadOnlyProperty();
    }

    /** How far the running export is, 0-1 (-1: indeterminate). */
    public ReadOnlyDoubleProperty exportProgress() {
        return exportProgress.getReadOnlyProperty();
    }

    /** What the running export is doing, or empty. */
    public ReadOnlyStringProperty exportMessage() {
        return exportMessage.getReadOnlyProperty();
    }

    public void shutdown() {
        stopPlayback();
        for (FileItem i : items) cancel(i);
        executor.shutdownNow();
        exporter.shutdownNow();
    }

    /** The files, in the order they were added. */
    public ObservableList<FileItem> items() {
        return itemsView;
    }

    /** Shows {@code item} (one of {@link #items()}) on the page. */
    public void select(FileItem item) {
        selected.set(item);
    }

    /** The file the page shows, or null. */
    public ReadOnlyObjectProperty<FileItem> selected() {
        return selected.getReadOnlyProperty();
    }
}
