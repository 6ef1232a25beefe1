package org.emoscope.model;

import org.emoscope.features.FeatureConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SpeakerStatisticsTest {

    /** Frames with c0 around {@code level} and channel 1 around {@code offset}, spread 2. */
    private static float[][] clip(int frames, double level, double offset, long seed) {
        Random r = new Random(seed);
        float[][] out = new float[frames][2];
        for (float[] f : out) {
            f[0] = (float) (level + r.nextGaussian());
            f[1] = (float) (offset + 2 * r.nextGaussian());
        }
        return out;
    }

    @Test
    void quietFramesFarBelowTheLoudestDoNotCount() {
        float[][] voice = clip(400, 0, 5, 1);
        float[][] pause = clip(600, -500, -40, 2); // 500 c0 units below: far beyond a gate of 240
        SpeakerStatistics s = SpeakerStatistics.over(List.of(pause, voice), 240);
        assertEquals(400, s.frames());
        SpeakerStatistics.Estimate e = s.estimate();
        assertEquals(5, e.mean()[1], 0.3);
        assertEquals(2, e.std()[1], 0.2);
    }

    @Test
    void aLiveSessionStartsFromThePriorAndMovesTowardsTheVoice() {
        SpeakerPrior prior = new SpeakerPrior(new float[]{0, 0}, new float[]{1, 1}, 240, 1000);
        SpeakerStatistics s = prior.newStatistics();
        assertArrayEquals(new float[]{0, 0}, s.estimate(prior).mean(), 0f, "nothing heard: the prior");
        for (float[] f : clip(1000, 10, 8, 3)) s.add(f);
        SpeakerStatistics.Estimate half = s.estimate(prior);
        assertEquals(4, half.mean()[1], 0.2, "as many frames as the prior weighs: half way");
        // mixture variance: half of (1 + 16) + half of (4 + 16)
        assertEquals(Math.sqrt(0.5 * 17 + 0.5 * 20), half.std()[1], 0.3);
        for (float[] f : clip(99_000, 10, 8, 4)) s.add(f);
        SpeakerStatistics.Estimate late = s.estimate(prior);
        assertEquals(0.99 * 8, late.mean()[1], 0.1, "after 100 times the prior's weight: 99% the voice");
        assertEquals(Math.sqrt(0.99 * (4 + 0.0064) + 0.01 * (1 + 0.99 * 0.99 * 64)), late.std()[1], 0.05);
        assertEquals(2, s.estimate().std()[1], 0.05, "the voice alone");
    }

    @Test
    void nonFiniteFramesAreIgnoredAndChannelsMustAgree() {
        SpeakerStatistics s = new SpeakerStatistics(240);
        s.add(new float[]{Float.NaN, 1});
        assertEquals(0, s.frames());
        s.add(new float[]{1, 1});
        assertThrows(IllegalArgumentException.class, () -> s.add(new float[]{1, 1, 1}));
        assertThrows(IllegalStateException.class, () -> new SpeakerStatistics(240).estimate());
    }

    @Test
    void thePriorAveragesSpeakersAndItsGateFollowsTheMelFilterCount() {
        SpeakerStatistics.Estimate a = new SpeakerStatistics.Estimate(new float[]{0, 2}, new float[]{1, 3}, 10);
        SpeakerStatistics.Estimate b = new SpeakerStatistics.Estimate(new float[]{4, 6}, new float[]{1, 1}, 10);
        SpeakerPrior p = SpeakerPrior.average(List.of(a, b), 240, 500);
        assertArrayEquals(new float[]{2, 4}, p.mean(), 1e-6f);
        assertArrayEquals(new float[]{1, (float) Math.sqrt(5)}, p.std(), 1e-6f);
        assertEquals(30 * 8, SpeakerPrior.gateFor(FeatureConfig.defaults()), 1e-9, "64 filters: sqrt(64) = 8");
    }

    @Test
    void aSpeakerNormalisedNormalisationStandardisesByTheVoiceFirst() {
        SpeakerPrior prior = new SpeakerPrior(new float[]{0, 10}, new float[]{1, 5}, 240, 1000);
        Normalization n = new Normalization(new float[]{0, 1}, new float[]{1, 2}).withSpeaker(prior);
        float[][] frame = {{3, 20}};
        // with the prior: (20 - 10) / 5 = 2, then (2 - 1) / 2 = 0.5
        assertEquals(0.5f, n.apply(frame)[0][1], 1e-6f);
        SpeakerStatistics.Estimate voice = new SpeakerStatistics.Estimate(new float[]{0, 16}, new float[]{1, 2}, 5);
        // with the voice: (20 - 16) / 2 = 2 -> 0.5 again; and another voice gives another value
        assertEquals(0.5f, n.apply(frame, voice)[0][1], 1e-6f);
        SpeakerStatistics.Estimate other = new SpeakerStatistics.Estimate(new float[]{0, 20}, new float[]{1, 1}, 5);
        assertEquals(-0.5f, n.apply(frame, other)[0][1], 1e-6f);
        Normalization plain = new Normalization(new float[]{0, 1}, new float[]{1, 2});
        assertEquals(9.5f, plain.apply(frame, other)[0][1], 1e-6f, "a plain model ignores the voice");
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new float[]{0}, new float[]{1})
                .withSpeaker(prior));
    }
}
