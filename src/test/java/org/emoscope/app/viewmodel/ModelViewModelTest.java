package org.emoscope.app.viewmodel;

import org.emoscope.app.AppTestSupport;
import org.emoscope.app.bus.EventBus;
import org.emoscope.app.bus.Events;
import org.emoscope.model.EmotionModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;

import static org.emoscope.app.viewmodel.ModelViewModel.State.FAILED;
import static org.emoscope.app.viewmodel.ModelViewModel.State.LOADING;
import static org.emoscope.app.viewmodel.ModelViewModel.State.READY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Loading a model, without a window: the loading state, what a loaded bundle shows, and a bundle that fails. The
 * loads run when the test says so; their results arrive on the JavaFX thread.
 */
@Timeout(120)
class ModelViewModelTest {

    /** Runs the loads only when the test says so. */
    private final Queue<Runnable> loads = new ArrayDeque<>();
    private final Executor stepped = loads::add;
    private final EventBus bus = new EventBus();
    private final List<Object> events = new ArrayList<>();
    private final ModelViewModel vm = new ModelViewModel(bus, stepped);

    @TempDir
    Path dir;

    @BeforeAll
    static void toolkit() {
        AppTestSupport.startToolkit();
    }

    private void load(Path bundle) {
        AppTestSupport.fxRun(() -> vm.load(bundle));
    }

    /** Runs the loads waiting (here, as the loader thread would) and waits for their results to arrive. */
    private void runLoads() {
        while (!loads.isEmpty()) loads.poll().run();
        AppTestSupport.waitUntil("the load to end", 60, () -> vm.state().get() != LOADING);
    }

    @Test
    void saysItIsLoadingUntilTheBundleIsReadThenShowsIt() {
        bus.subscribe(Object.class, events::add);
        load(AppTestSupport.bundle());
        assertEquals(LOADING, vm.state().get());
        assertEquals("Loading model…", vm.loading().get());
        assertNull(vm.model().get());
        assertTrue(events.isEmpty());

        runLoads();
        assertEquals(READY, vm.state().get());
        assertEquals("", vm.loading().get());
        assertEquals("", vm.error().get());
        assertEquals(AppTestSupport.bundle(), vm.path().get());
        assertEquals(AppTestSupport.LABELS, vm.labels());
        assertTrue(vm.untrained().get());
        assertEquals(ModelViewModel.WINDOW_KEY, vm.figures().get(vm.figures().size() - 1).key());
        assertFalse(vm.metadata().isEmpty());
        assertEquals(1, events.size());
        Events.ModelChanged changed = assertInstanceOf(Events.ModelChanged.class, events.get(0));
        assertSame(vm.model().get(), changed.model());
        assertEquals(AppTestSupport.bundle(), changed.path());
    }

    @Test
    void aBundleThatFailsToLoadLeavesThePreviousModelInUse() {
        bus.subscribe(Events.ErrorRaised.class, events::add);
        Path missing = dir.resolve("missing.emo");
        load(missing);
        runLoads();
        assertEquals(FAILED, vm.state().get(), "no model at all");
        assertFalse(vm.error().get().isEmpty());
        assertEquals("No model loaded", ((Events.ErrorRaised) events.get(0)).title());

        load(AppTestSupport.bundle());
        assertEquals("", vm.error().get(), "a new load clears the old reason");
        runLoads();
        EmotionModel inUse = vm.model().get();
        assertEquals(READY, vm.state().get());

        load(missing);
        runLoads();
        assertEquals(READY, vm.state().get());
        assertSame(inUse, vm.model().get());
        assertEquals(AppTestSupport.bundle(), vm.path().get());
        assertFalse(vm.error().get().isEmpty());
        assertEquals("Model not changed", ((Events.ErrorRaised) events.get(1)).title());
    }

    @Test
    void viewsCannotChangeTheListsThemselves() {
        assertThrows(UnsupportedOperationException.class, () -> vm.labels().add("x"));
        assertThrows(UnsupportedOperationException.class, () -> vm.figures().add(new ModelViewModel.Figure("k", "n",
                "v")));
    }
}
