package org.emoscope.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class WindowGridTest {

    @Test
    void gridCoversTheTailWithAnEndAlignedWindow() {
        assertArrayEquals(new int[]{0, 25, 50, 52}, WindowGrid.starts(250, 198, 25));
        assertArrayEquals(new int[]{0, 25}, WindowGrid.starts(223, 198, 25));
        assertArrayEquals(new int[]{0}, WindowGrid.starts(198, 198, 25));
        assertArrayEquals(new int[]{0}, WindowGrid.starts(50, 198, 25));
        assertArrayEquals(new int[0], WindowGrid.starts(0, 198, 25));
    }

    @Test
    void cutPadsWithSilenceAndSharesRows() {
        float[][] frames = {{1f}, {2f}, {3f}};
        float[] silence = {-9f};
        float[][] w = WindowGrid.cut(frames, 1, 4, silence);
        assertEquals(4, w.length);
        assertSame(frames[1], w[0]);
        assertSame(frames[2], w[1]);
        assertSame(silence, w[2]);
        assertSame(silence, w[3]);
    }

    /**
     * The streaming windower must cut exactly the windows the grid describes, for every stream length, live (no
     * frames held back) and for a file (the first 150 frames held back to prime the speech detector).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 150})
    void streamingWindowerMatchesTheGrid(int primeFrames) {
        for (int total = 0; total < 400; total += 7) {
            java.util.List<Long> starts = new java.util.ArrayList<>();
            java.util.List<Integer> reals = new java.util.ArrayList<>();
            java.util.List<Long> frames = new java.util.ArrayList<>();
            Windower w = new Windower(198, 25, org.emoscope.features.speech.SpeechDetector.defaults(1, 0.01),
                    primeFrames, new float[]{0f}, null, new Windower.Sink() {
                @Override
                public void frame(FeatureFrame frame) {
                    frames.add(frame.index());
                }

                @Override
                public void window(Windower.WindowJob job) {
                    starts.add(job.startFrame());
                    reals.add(job.realFrames());
                    assertEquals(198, job.frames().length);
                }
            });
            for (int f = 0; f < total; f++) w.onFrame(f, f * 0.01, new float[]{f}, new float[]{0});
            w.finish();
            assertEquals(total, frames.size(), "every frame comes out once, in order");
            for (int f = 0; f < frames.size(); f++) assertEquals(f, frames.get(f).intValue());
            int[] expected = WindowGrid.starts(total, 198, 25);
            assertEquals(expected.length, starts.size(), "windows for " + total + " frames");
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], starts.get(i).intValue(), "start of window " + i + " of " + total);
                assertEquals(Math.min(198, total), reals.get(i).intValue());
            }
        }
    }
}
