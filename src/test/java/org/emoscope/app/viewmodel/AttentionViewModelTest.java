package org.emoscope.app.viewmodel;

import org.emoscope.app.bus.EventBus;
import org.emoscope.app.bus.Inspection;
import org.emoscope.model.Explanation;
import org.emoscope.model.Prediction;
import org.emoscope.pipeline.WindowResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Attention page's explanation state, without a display: the class picker, the cache, cancelling stale
 * requests, the texts. Explanations are computed by a fake explainer on an executor the test runs by hand.
 */
class AttentionViewModelTest {

    private static final List<String> LABELS = List.of("neutral", "happy", "sad", "angry");

    /** Runs what it is given only when the test says so: the background thread, stepped. */
    private static final class Stepped implements Executor {
        final Queue<Runnable> queue = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            queue.add(r);
        }

        void runAll() {
            while (!queue.isEmpty()) queue.poll().run();
        }
    }

    /** Records what it was asked to explain; a synthetic map whose strongest cell says which window and class. */
    private static final class Fake {
        final List<String> calls = new ArrayList<>();
        Runnable during = () -> { };
        RuntimeException failure;

        Explanation explain(Inspection i, WindowResult w, int target) {
            calls.add(w.index() + ":" + target);
            during.run();
            if (failure != null) throw failure;
            return explanation(target, 0.25, List.of(new Explanation.Contribution("pitch_sd_st", 0.12)));
        }
    }

    private final Stepped executor = new Stepped();
    private final Fake fake = new Fake();
    private final AttentionViewModel vm = new AttentionViewModel(new EventBus(), executor, fake::explain, Runnable::run);

    /** Windows 0-3 with speech, predicted angry, sad, angry, happy; window 4 silent. */
    private static Inspection inspection() {
        int[] predicted = {3, 2, 3, 1, 0};
        List<WindowResult> ws = new ArrayList<>();
        for (int k = 0; k < predicted.length; k++) {
            float[] p = new float[LABELS.size()];
            java.util.Arrays.fill(p, 0.1f);
            p[predicted[k]] = 0.7f;
            Prediction pr = new Prediction(LABELS, p, new float[50], 0.04);
            boolean speech = k < 4;
            ws.add(new WindowResult(k, 0.25 * k, 0.25 * k + 2, speech ? 0.9 : 0, speech, pr, speech ? p : null, 0, 0,
                    Double.NaN));
        }
        return new Inspection("test.wav", null, new float[300][64], 0, 0.01, ws);
    }

    static Explanation explanation(int target, double networkWeight, List<Explanation.Contribution> statistics) {
        float[][] cells = new float[200][64];
        for (int t = 120; t < 160; t++) for (int b = 10; b < 20; b++) cells[t][b] = 0.01f;
        for (int t = 20; t < 60; t++) for (int b = 40; b < 50; b++) cells[t][b] = -0.005f;
        double[] centres = new double[64];
        for (int b = 0; b < 64; b++) centres[b] = 30 + 120 * b;
        return new Explanation(LABELS, target, 0.6, 0.2, cells, 0.01, centres, new float[50], 0.04, false,
                new float[] {0.1f, 0.1f, 0.1f, 0.7f}, statistics, networkWeight);
    }

    @Test
    void thePredictedClassIsExplainedByDefaultAndEachWindowAndClassOnlyOnce() {
        vm.show(inspection(), 0);
        assertEquals(List.of("neutral", "happy", "sad", "angry"), vm.classes());
        assertEquals(-1, vm.pinnedClass().get(), "follows the predicted class");
        assertEquals(3, vm.predictedClass().get());
        assertEquals(3, vm.explainedClass().get());
        assertTrue(vm.computing().get(), "computing in the background, not here");
        assertNull(vm.explanation().get());
        assertEquals("Explaining angry on this window…", vm.status().get());
        assertTrue(fake.calls.isEmpty(), "nothing computed on the calling (JavaFX) thread");

        executor.runAll();
        assertEquals(List.of("0:3"), fake.calls);
        assertFalse(vm.computing().get());
        Explanation first = vm.explanation().get();
        assertNotNull(first);
        assertEquals(3, first.target());
        assertEquals("", vm.status().get());

        vm.select(1);
        assertEquals(2, vm.explainedClass().get(), "window 1 says sad");
        executor.runAll();
        assertEquals(List.of("0:3", "1:2"), fake.calls);

        vm.select(0);
        assertFalse(vm.computing().get(), "known already");
        assertSame(first, vm.explanation().get(), "from the cache, at once");
        assertTrue(executor.queue.isEmpty());
        assertEquals(2, fake.calls.size());
    }

    @Test
    void aChosenClassIsExplainedOnEveryWindowUntilThePredictedOneIsChosenAgain() {
        vm.show(inspection(), 0);
        executor.runAll();
        vm.explainClass(1);
        assertEquals(1, vm.pinnedClass().get());
        assertEquals(1, vm.explainedClass().get());
        assertEquals("Explaining happy on this window…", vm.status().get());
        executor.runAll();
        assertEquals(1, vm.explanation().get().target());

        vm.next();
        assertEquals(1, vm.explainedClass().get(), "the choice stays with the next window");
        executor.runAll();
        assertEquals(List.of("0:3", "0:1", "1:1"), fake.calls);

        vm.explainClass(-1);
        assertEquals(2, vm.explainedClass().get(), "back to window 1's predicted class");
        executor.runAll();
        vm.previous();
        assertEquals(3, vm.explanation().get().target(), "window 0's predicted class, cached");
        assertEquals(List.of("0:3", "0:1", "1:1", "1:2"), fake.calls);

        vm.explainClass(17);
        assertEquals(-1, vm.pinnedClass().get(), "no such class: the predicted one");
    }

    @Test
    void requestsLeftBehindByAFastSelectionAreNeverComputed() {
        vm.show(inspection(), 0);
        vm.select(1);
        vm.select(2);
        vm.select(3);
        assertEquals(4, executor.queue.size());
        executor.runAll();
        assertEquals(List.of("3:1"), fake.calls, "only the window still selected");
        assertEquals(1, vm.explanation().get().target());
        assertFalse(vm.computing().get());
    }

    @Test
    void aRequestThatFinishesAfterTheSelectionMovedIsNotShown() {
        vm.show(inspection(), 0);
        fake.during = () -> {
            fake.during = () -> { };
            vm.select(1); // the person moves on while window 0 is being explained
        };
        executor.runAll();
        assertEquals(List.of("0:3", "1:2"), fake.calls);
        assertEquals(2, vm.explanation().get().target(), "window 1's, never window 0's");
        assertEquals(1, vm.selected().get());
    }

    @Test
    void aWindowWithoutSpeechIsNotExplained() {
        vm.show(inspection(), 4);
        assertFalse(vm.computing().get());
        assertTrue(executor.queue.isEmpty());
        assertNull(vm.explanation().get());
        assertTrue(vm.status().get().contains("no decision to explain"), vm.status().get());
    }

    @Test
    void aFailureSaysWhy() {
        fake.failure = new IllegalStateException("the network is gone");
        vm.show(inspection(), 0);
        executor.runAll();
        assertFalse(vm.computing().get());
        assertEquals("Could not explain this window: the network is gone", vm.status().get());
        assertNull(vm.explanation().get());
    }

    @Test
    void theTextsSayWhereTheEvidenceIsAndWhatShareOfTheDecisionTheMapExplains() {
        vm.show(inspection(), 0);
        executor.runAll();
        String reading = vm.reading().get();
        assertTrue(reading.startsWith("For angry: mostly 1.20-1.60 s at "), reading);
        assertTrue(reading.contains("against: 0.20-0.60 s"), reading);
        assertTrue(reading.endsWith("statistics: pitch_sd_st +0.12."), reading);
        assertTrue(vm.caveat().get().startsWith(
                "The spectrogram map explains the network, 25\u00A0% of this decision"), vm.caveat().get());
        assertTrue(vm.numbers().get().startsWith("Network alone: p(angry) 0.60 here, 0.20 on a neutral window; "
                + "the cells add up to the difference, +0.40."), vm.numbers().get());
        assertTrue(vm.numbers().get().contains("Shown: 0.70 (network 25\u00A0%, statistics 75\u00A0%)."));

        List<Explanation.Contribution> four = List.of(new Explanation.Contribution("a", 0.3),
                new Explanation.Contribution("b", -0.2), new Explanation.Contribution("c", 0.1),
                new Explanation.Contribution("d", 0.05));
        String caveat = AttentionViewModel.caveat(explanation(3, 0.25, four));
        assertTrue(caveat.endsWith("The statistics that moved it most: a +0.30, b -0.20, c +0.10."), caveat);
        assertEquals("", AttentionViewModel.caveat(explanation(3, 1, List.of())), "a network alone: no caveat");
        assertFalse(AttentionViewModel.numbers(explanation(3, 1, List.of())).contains("Shown"));
    }

    @Test
    void anotherStretchStartsAfreshAndKeepsTheClassWhenTheLabelsAreTheSame() {
        vm.show(inspection(), 0);
        executor.runAll();
        vm.explainClass(2);
        executor.runAll();
        vm.show(inspection(), 1); // a new stretch (new frames): nothing of the old one's cache applies
        assertTrue(vm.computing().get());
        assertEquals(2, vm.explainedClass().get());
        executor.runAll();
        assertEquals(List.of("0:3", "0:2", "1:2"), fake.calls);
        vm.show(null, 0);
        assertNull(vm.window().get());
        assertFalse(vm.computing().get());
    }
}
