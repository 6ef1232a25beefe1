package org.emoscope.bench;

import org.emoscope.bench.VirtualMicLatency.BurstRow;
import org.emoscope.bench.VirtualMicLatency.Geometry;
import org.emoscope.bench.VirtualMicLatency.Onset;
import org.emoscope.bench.VirtualMicLatency.Polls;
import org.emoscope.bench.VirtualMicLatency.Window;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The virtual-microphone latency arithmetic on made-up timestamps: no audio, no clock. */
class VirtualMicLatencyTest {

    private static final int RATE = 16000;
    private static final long MS = 1_000_000L;
    private static final long T0 = 5_000 * MS; // nanoTime when playback frame 0 entered the sink
    private static final Geometry G = new Geometry(RATE, 400, 160, 198);

    /** When frame {@code f} entered the sink, on a line starting at {@code t0}. */
    private static long at(long t0, long f) {
        return t0 + f * 1_000_000_000L / RATE;
    }

    /**
     * Polls every millisecond from 0.5 s before the start to {@code seconds}: PulseAudio reports 320-frame steps,
     * each {@code lag(k)} ms after the step was played; frames 0 before the start. From {@code underrunAt} on, the
     * line is {@code underrunMs} later (the sink played silence that was not ours).
     */
    private static Polls polls(double seconds, double underrunAt, long underrunMs) {
        List<long[]> p = new ArrayList<>();
        for (long t = T0 - 500 * MS; t < T0 + (long) (seconds * 1e9); t += MS) {
            long reported = 0;
            for (long k = 1; ; k++) {
                long frames = 320 * k;
                long t0 = frames >= underrunAt * RATE ? T0 + underrunMs * MS : T0;
                long when = at(t0, frames) + lag(k);
                if (when > t) break;
                reported = frames;
            }
            p.add(new long[]{t, reported});
        }
        long[] nanos = new long[p.size()];
        long[] frames = new long[p.size()];
        for (int i = 0; i < p.size(); i++) {
            nanos[i] = p.get(i)[0];
            frames[i] = p.get(i)[1];
        }
        return new Polls(nanos, frames, p.size());
    }

    /** Report delays: mostly 4 to 19 ms, the quickest (every 40th step) 0.3 ms. */
    private static long lag(long k) {
        return k % 40 == 7 ? 300_000L : (4 + (k % 4) * 5) * MS;
    }

    @Test
    void referenceIsTheTightestLineUnderThePollsNotTheFirstReport() {
        Polls polls = polls(4, Double.POSITIVE_INFINITY, 0);
        long onset = 40_000; // 2.5 s
        long ref = VirtualMicLatency.reference(polls, onset, RATE);
        // the line through the quickest report (0.3 ms late), give or take the 1 ms poll grid
        long truth = at(T0, onset);
        assertTrue(ref >= truth && ref <= truth + 1_300_000L, "reference " + (ref - truth) / 1e6 + " ms after truth");
        // the first poll reporting the onset played is a step later: up to 20 ms plus the report delay
        long reported = VirtualMicLatency.reported(polls, onset);
        assertTrue(reported - truth > 5 * MS, "first report " + (reported - truth) / 1e6 + " ms after truth");
    }

    @Test
    void pollsBeforePlaybackStartedAndBeforeAnUnderrunDoNotPullTheReferenceEarly() {
        // frames = 0 for 0.5 s before the start: t - 0 / rate would be 0.5 s early if counted
        Polls polls = polls(6, 3.0, 200);
        long onset = 5 * RATE; // 5 s, after the underrun at 3 s moved the line 200 ms later
        long ref = VirtualMicLatency.reference(polls, onset, RATE);
        long truth = at(T0 + 200 * MS, onset);
        assertTrue(ref >= truth && ref <= truth + 1_300_000L, "reference " + (ref - truth) / 1e6 + " ms after truth");
        long early = VirtualMicLatency.reference(polls, RATE / 2, RATE); // 0.5 s: within 1 s of the fake zeros
        assertTrue(early >= at(T0, RATE / 2) && early <= at(T0, RATE / 2) + 1_300_000L,
                "reference " + (early - at(T0, RATE / 2)) / 1e6 + " ms after truth");
    }

    @Test
    void anUnderrunJustBeforeTheOnsetDoesNotPullTheReferenceEarly() {
        // the sink ran dry at 4.6 s for 100 ms: the position stood still for 120 ms, then the line is 100 ms later
        Polls polls = polls(7, 4.6, 100);
        long onset = 5 * RATE;
        long ref = VirtualMicLatency.reference(polls, onset, RATE);
        long truth = at(T0 + 100 * MS, onset);
        assertTrue(ref >= truth && ref <= truth + 1_300_000L, "reference " + (ref - truth) / 1e6 + " ms after truth");
        // and one after the onset (at 5.3 s) does not matter: later polls only lie later
        Polls after = polls(7, 5.3, 100);
        long ref2 = VirtualMicLatency.reference(after, onset, RATE);
        assertTrue(ref2 >= at(T0, onset) && ref2 <= at(T0, onset) + 1_300_000L,
                "reference " + (ref2 - at(T0, onset)) / 1e6 + " ms after truth");
    }

    @Test
    void neverReportedPlayedHasNoReference() {
        Polls polls = polls(1, Double.POSITIVE_INFINITY, 0);
        assertEquals(Long.MIN_VALUE, VirtualMicLatency.reference(polls, 10 * RATE, RATE));
    }

    @Test
    void firstFrameHoldingASample() {
        // frame k spans samples [160 k, 160 k + 400)
        assertEquals(0, G.firstFrameHolding(0));
        assertEquals(0, G.firstFrameHolding(399));
        assertEquals(1, G.firstFrameHolding(400));
        assertEquals(530, G.firstFrameHolding(530 * 160 + 300));
        assertEquals(529, G.firstFrameHolding(530 * 160 + 239));
    }

    @Test
    void partsOfAMatchedBurstAndRowsForMissedOnes() {
        Polls polls = polls(30, Double.POSITIVE_INFINITY, 0);
        long[] bursts = {4 * RATE, 8 * RATE, 60 * RATE}; // the third is never reported played
        long ref0 = VirtualMicLatency.reference(polls, bursts[0], RATE);
        long ref1 = VirtualMicLatency.reference(polls, bursts[1], RATE);
        // burst 0: capture read 30 ms after the reference, sample 83980 (in frame 523 first), onset frame 523 at 38 ms
        List<Onset> samples = List.of(new Onset(83_980, ref0 + 30 * MS), new Onset(150_000, ref0 + 2_000 * MS));
        List<Onset> frames = new ArrayList<>(List.of(new Onset(523, ref0 + 38 * MS)));
        // a frame onset long before burst 1's reference does not match it: burst 1 has none
        frames.add(new Onset(700, ref1 - 900 * MS));
        List<Window> windows = new ArrayList<>();
        for (int w = 10; w <= 18; w++) {
            long produced = ref0 + (w - 14) * 250 * MS + 150 * MS; // window 14 (frames 350..547) cut at 150 ms
            windows.add(new Window(w, 25L * w, w == 12 || w >= 16, produced, produced + (w == 14 ? 9 : 5) * MS));
        }
        List<BurstRow> rows = VirtualMicLatency.analyze(G, polls, bursts, samples, frames, windows);
        assertEquals(3, rows.size());

        BurstRow b = rows.get(0);
        assertTrue(b.matched());
        assertEquals(ref0, b.referenceNanos());
        assertEquals(83_980, b.captureSample());
        assertEquals(30.0, b.captureMs(), 1e-9);
        assertEquals(523, b.onsetFrame());
        assertEquals(523, b.expectedFrame());
        assertEquals(38.0, b.frameMs(), 1e-9);
        assertEquals(14, b.window(), "window 13 (frames 325..522) ends just before frame 523");
        assertEquals(150.0 - 38.0, b.hopWaitMs(), 1e-9);
        assertEquals(9.0, b.inferenceMs(), 1e-9);
        assertEquals(159.0, b.deliveredMs(), 1e-9);
        assertEquals(159.0 - 112.0, b.addedMs(), 1e-9);
        // window 12 is speech but ends (frame 497) before the onset; 16 is the first speech window after it
        assertEquals(150.0 + 2 * 250 + 5, b.speechMs(), 1e-9);
        assertTrue(b.reportedLagMs() > 0);

        BurstRow missed = rows.get(1);
        assertFalse(missed.matched());
        assertEquals(ref1, missed.referenceNanos());
        assertTrue(Double.isNaN(missed.frameMs()) && missed.window() == -1);

        BurstRow neverPlayed = rows.get(2);
        assertFalse(neverPlayed.matched());
        assertEquals(0, neverPlayed.referenceNanos());

        assertEquals(1, VirtualMicLatency.extraOnsets(rows, samples), "the sound at 2 s was not a burst");
    }

    @Test
    void offsetChangesCountLostOrAddedSamples() {
        double n = Double.NaN;
        BurstRow a = new BurstRow(0, 1000, 1, 0, 1500, 1, 3, 3, 1, 1, 1, 1, 1, 1);
        BurstRow b = new BurstRow(1, 5000, 1, 0, 5500, 1, 3, 3, 1, 1, 1, 1, 1, 1);
        BurstRow missed = new BurstRow(2, 9000, 1, 0, -1, n, -1, -1, n, -1, n, n, n, n);
        BurstRow shifted = new BurstRow(3, 13000, 1, 0, 13_660, 1, 3, 3, 1, 1, 1, 1, 1, 1);
        assertEquals(0, VirtualMicLatency.offsetChanges(List.of(a, b, missed)));
        assertEquals(1, VirtualMicLatency.offsetChanges(List.of(a, b, missed, shifted)));
    }

    @Test
    void scheduleKeepsBurstsAWindowApartAndStartsEachOnItsOnset() {
        VirtualMicLatency.Schedule s = VirtualMicLatency.schedule(6, RATE, 17);
        float[] x = s.audio();
        long burst = Math.round(VirtualMicLatency.BURST_SECONDS * RATE);
        for (int i = 0; i < s.onsets().length; i++) {
            int o = (int) s.onsets()[i];
            assertTrue(Math.abs(x[o]) >= 0.02f, "burst " + i + " starts loud");
            assertEquals(0f, x[o - 1], "silence before burst " + i);
            if (i > 0) {
                long silence = o - (s.onsets()[i - 1] + burst);
                assertTrue(silence >= 2 * RATE, "a 2 s window never holds two bursts: " + silence);
            }
        }
        assertTrue(s.onsets()[0] >= 2 * RATE, "lead-in");
        assertTrue(x.length >= s.onsets()[5] + burst + RATE, "tail");
    }
}
