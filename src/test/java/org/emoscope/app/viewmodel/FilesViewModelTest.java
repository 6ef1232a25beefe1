package org.emoscope.app.viewmodel;

import org.emoscope.app.AppTestSupport;
import org.emoscope.app.bus.EventBus;
import org.emoscope.app.bus.Events;
import org.emoscope.app.service.AppSettings;
import org.emoscope.app.viewmodel.FileItem.Status;
import org.emoscope.pipeline.TestAudio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.prefs.Preferences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * File mode's list, without a window: adding, cancelling, removing, analysing when the model arrives, failures, and
 * analysing again. Runs on the JavaFX thread, where the analyses report.
 */
@Timeout(180)
class FilesViewModelTest {

    private static final int RATE = 16000;

    private final Preferences prefs = AppTestSupport.testNode();
    private final AppSettings settings = new AppSettings(prefs);
    private final EventBus bus = new EventBus();
    private final List<Object> events = new CopyOnWriteArrayList<>();
    private FilesViewModel vm;

    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() {
        AppTestSupport.startToolkit();
    }

    @AfterEach
    void shutdown() {
        if (vm != null) AppTestSupport.fxRun(vm::shutdown);
        AppTestSupport.forget(prefs);
    }

    private FilesViewModel vm() {
        vm = AppTestSupport.fx(() -> new FilesViewModel(bus, settings));
        bus.subscribe(Object.class, events::add);
        return vm;
    }

    private File wav(String name, double seconds) throws IOException {
        return TestAudio.writeWav(dir.resolve(name), TestAudio.voiced(seconds, RATE, 7), RATE).toFile();
    }

    private void modelArrives() {
        AppTestSupport.fxRun(() -> bus.publish(new Events.ModelChanged(AppTestSupport.model(), AppTestSupport.bundle())));
    }

    private <E> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void addsFilesAndTheAudioInFoldersAndWaitsForAModel() throws IOException {
        FilesViewModel vm = vm();
        Path folder = Files.createDirectory(dir.resolve("set"));
        Files.writeString(folder.resolve("b.wav"), "");
        Files.writeString(folder.resolve("a.flac"), "");
        Files.writeString(folder.resolve("notes.txt"), "");
        File single = dir.resolve("single.wav").toFile();
        List<FileItem> added = AppTestSupport.fx(() -> vm.addFiles(List.of(single, folder.toFile())));

        assertEquals(List.of("single.wav", "a.flac", "b.wav"), added.stream().map(FileItem::name).toList(),
                "a folder gives its audio files, sorted");
        assertEquals(added, vm.items());
        for (FileItem i : added) {
            assertEquals(Status.QUEUED, i.status().get());
            assertEquals("Waiting for the model", i.message().get());
        }
        assertSame(added.get(0), vm.selected().get(), "the first file added is shown");
        assertEquals(dir.toFile().getAbsoluteFile(), settings.lastFolder().getAbsoluteFile(),
                "the open dialog starts where the files came from");
    }

    @Test
    void cancelsAndRemovesFiles() {
        FilesViewModel vm = vm();
        List<FileItem> added = AppTestSupport.fx(() -> vm.addFiles(List.of(dir.resolve("a.wav").toFile(),
                dir.resolve("b.wav").toFile(), dir.resolve("c.wav").toFile())));
        FileItem a = added.get(0);
        FileItem b = added.get(1);
        FileItem c = added.get(2);

        AppTestSupport.fxRun(() -> vm.cancel(b));
        assertEquals(Status.CANCELLED, b.status().get());
        assertEquals("Cancelled", b.message().get());

        AppTestSupport.fxRun(() -> vm.remove(a));
        assertEquals(List.of(b, c), vm.items());
        assertSame(b, vm.selected().get(), "removing the file shown shows the first one left");
        AppTestSupport.fxRun(() -> vm.select(c));
        AppTestSupport.fxRun(() -> vm.remove(b));
        assertSame(c, vm.selected().get(), "removing another file keeps the one shown");
        AppTestSupport.fxRun(() -> vm.remove(c));
        assertTrue(vm.items().isEmpty());
        assertNull(vm.selected().get());
        assertThrows(UnsupportedOperationException.class, () -> vm.items().add(a), "only commands change the list");
    }

    @Test
    void analysesTheWaitingFilesOnceTheModelArrivesAndNamesTheOnesThatFail() throws IOException {
        FilesViewModel vm = vm();
        File speech = wav("speech.wav", 3);
        File missing = dir.resolve("missing.wav").toFile();
        List<FileItem> added = AppTestSupport.fx(() -> vm.addFiles(List.of(speech, missing)));
        modelArrives();
        FileItem ok = added.get(0);
        FileItem bad = added.get(1);
        AppTestSupport.waitUntil("both analysed", 90, () -> ok.status().get() == Status.DONE
                && bad.status().get() == Status.FAILED);

        assertEquals(FilesViewModel.summary(ok.analysis().get()), ok.message().get());
        assertEquals(1.0, ok.progress().get());
        assertFalse(ok.model().isEmpty(), "the model that analysed it");
        assertTrue(ok.selectedWindow().get() >= 0, "the file shown has a window selected");
        assertEquals(List.of(speech.toPath().toAbsolutePath()),
                events(Events.FileAnalyzed.class).stream().map(Events.FileAnalyzed::file).toList());
        assertFalse(events(Events.InspectRequested.class).get(0).navigate(),
                "selecting a window tells the attention page without bringing it to the front");

        assertTrue(bad.message().get().contains("missing.wav"), bad.message().get());
        assertEquals(List.of("Cannot analyse missing.wav"),
                events(Events.ErrorRaised.class).stream().map(Events.ErrorRaised::title).toList());
        assertEquals(1, vm.analyzed().size(), "only analysed files are exported");
    }

    @Test
    void cancelsAnAnalysisThatIsRunningOrWaitingItsTurn() throws IOException {
        FilesViewModel vm = vm();
        modelArrives();
        File longer = wav("long.wav", 120);
        File shorter = wav("short.wav", 2);
        List<FileItem> added = AppTestSupport.fx(() -> vm.addFiles(List.of(longer, shorter)));
        FileItem running = added.get(0);
        FileItem waiting = added.get(1);
        // cancelled in the same turn of the JavaFX thread that sees it analysing, so it cannot finish in between
        AppTestSupport.waitUntil("the long file analysing, then cancelled", 30, () -> {
            if (running.status().get() != Status.ANALYZING) return false;
            vm.cancel(waiting);
            vm.cancel(running);
            return true;
        });
        // and it stays cancelled: a progress message the analysis posted before it stopped may still arrive
        AppTestSupport.fxRun(() -> { });
        sleep(300);
        AppTestSupport.fxRun(() -> { });
        assertEquals(Status.CANCELLED, AppTestSupport.fx(() -> waiting.status().get()), "taken out of the queue");
        assertEquals(Status.CANCELLED, AppTestSupport.fx(() -> running.status().get()),
                "stopped: " + AppTestSupport.fx(() -> running.message().get()));
        assertEquals("Cancelled", AppTestSupport.fx(() -> running.message().get()));
        assertTrue(events(Events.FileAnalyzed.class).isEmpty());
        assertTrue(events(Events.ErrorRaised.class).isEmpty(), "cancelling is not an error");
    }

    @Test
    void oneSpeakerWithAModelThatCannotAdaptSaysSoAndAnalysesEachFileAloneAgain() throws IOException {
        FilesViewModel vm = vm();
        modelArrives();
        FileItem item = AppTestSupport.fx(() -> vm.addFiles(List.of(wav("speech.wav", 2)))).get(0);
        AppTestSupport.waitUntil("the analysis", 60, () -> item.status().get() == Status.DONE);

        AppTestSupport.fxRun(() -> vm.setOneSpeaker(true));
        AppTestSupport.waitUntil("one speaker refused", 10, () -> !vm.oneSpeaker().get());
        assertEquals(List.of("One speaker is not available"),
                events(Events.ErrorRaised.class).stream().map(Events.ErrorRaised::title).toList());
        AppTestSupport.waitUntil("the file analysed again", 60, () -> events(Events.FileAnalyzed.class).size() == 2);
        assertEquals(Status.DONE, item.status().get());
        assertEquals(FilesViewModel.EACH_ALONE, vm.voice().get());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
