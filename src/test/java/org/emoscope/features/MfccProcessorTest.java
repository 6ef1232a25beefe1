package org.emoscope.features;

import be.tarsos.dsp.AudioDispatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streaming path (AudioSource -> AudioDispatcher -> MfccProcessor) against the offline one. */
class MfccProcessorTest {

    private static final FeatureConfig DEFAULTS = FeatureConfig.defaults();

    /** What the listener received. */
    private static final class Frames implements FeatureFrameListener {
        final List<Long> indices = new ArrayList<>();
        final List<Double> times = new ArrayList<>();
        final List<float[]> mfcc = new ArrayList<>();
        final List<float[]> logMel = new ArrayList<>();

        @Override
        public void onFrame(long frameIndex, double timeSeconds, float[] mfcc, float[] logMel) {
            indices.add(frameIndex);
            times.add(timeSeconds);
            this.mfcc.add(mfcc);
            this.logMel.add(logMel);
        }
    }

    private static Frames stream(float[] signal, FeatureConfig config, int maxChunk) {
        Frames frames = new Frames();
        AudioDispatcher dispatcher = FeatureDispatchers.create(
                new FloatArraySource(signal, config.sampleRate(), maxChunk, false), config);
        dispatcher.addAudioProcessor(new MfccProcessor(config, frames));
        dispatcher.run();
        return frames;
    }

    @ParameterizedTest(name = "{0} samples")
    @ValueSource(ints = {0, 1, 399, 400, 401, 559, 560, 561, 719, 720, 8000, 16037})
    void streamingGivesExactlyTheOfflineFrames(int samples) {
        // noise well away from 16-bit values: a re-quantising path would not be bit-identical
        float[] signal = Signals.noise(samples, 0.3, samples);
        Frames frames = stream(signal, DEFAULTS, 37);
        float[][] expectedMfcc = new Mfcc(DEFAULTS).computeAll(signal);
        float[][] expectedLogMel = new LogMelSpectrogram(DEFAULTS).compute(signal);
        assertEquals(DEFAULTS.frameCount(samples), frames.mfcc.size(), "frame count");
        for (int t = 0; t < expectedMfcc.length; t++) {
            assertEquals(t, frames.indices.get(t));
            assertEquals(t * 160 / 16000.0, frames.times.get(t), 0, "start time of frame " + t);
            assertArrayEquals(expectedMfcc[t], frames.mfcc.get(t), "MFCC of frame " + t);
            assertArrayEquals(expectedLogMel[t], frames.logMel.get(t), "log-mel of frame " + t);
        }
    }

    @Test
    void otherConfigurationsStreamIdenticallyToo() {
        for (FeatureConfig config : List.of(MfccGoldenTest.NARROWBAND, MfccGoldenTest.WIDEBAND,
                MfccGoldenTest.SQUARE)) {
            float[] signal = Signals.chirp(100, 3000, 0.5, config.sampleRate(), config.sampleRate() / 2 + 13);
            Frames frames = stream(signal, config, 1000);
            float[][] expected = new Mfcc(config).computeAll(signal);
            assertEquals(expected.length, frames.mfcc.size());
            for (int t = 0; t < expected.length; t++) {
                assertArrayEquals(expected[t], frames.mfcc.get(t), config + " frame " + t);
                assertEquals(t * config.hopSamples() / (double) config.sampleRate(), frames.times.get(t), 0);
            }
        }
    }

    @Test
    void theListenerGetsFreshArraysItMayKeep() {
        Frames frames = stream(Signals.noise(8, 0.2, 4000), DEFAULTS, 4000);
        Map<float[], Boolean> seen = new IdentityHashMap<>();
        for (int t = 0; t < frames.mfcc.size(); t++) {
            assertNull(seen.put(frames.mfcc.get(t), true), "MFCC array reused");
            assertNull(seen.put(frames.logMel.get(t), true), "log-mel array reused");
            assertEquals(40, frames.mfcc.get(t).length);
            assertEquals(64, frames.logMel.get(t).length);
        }
        assertEquals(23, frames.mfcc.size());
    }

    @Test
    void framesCountFromWhereTheDispatcherSkippedTo() {
        float[] signal = Signals.noise(6, 0.2, 3000);
        Frames frames = new Frames();
        AudioDispatcher dispatcher = FeatureDispatchers.create(new FloatArraySource(signal, 16000, 100, false),
                DEFAULTS);
        dispatcher.skip(0.0125); // 200 samples
        dispatcher.addAudioProcessor(new MfccProcessor(DEFAULTS, frames));
        dispatcher.run();
        float[][] expected = new Mfcc(DEFAULTS).computeAll(Arrays.copyOfRange(signal, 200, 3000));
        assertEquals(expected.length, frames.mfcc.size());
        for (int t = 0; t < expected.length; t++) assertArrayEquals(expected[t], frames.mfcc.get(t));
    }

    @Test
    void aPlainTarsosDispatcherWouldEmitTheZeroPaddedRemainderAsAFrame() {
        // why FeatureDispatchers exists: the processor cannot tell the padded remainder from a real frame
        float[] signal = Signals.noise(3, 0.2, 400 + 160 + 50);
        Frames frames = new Frames();
        AudioDispatcher plain = new AudioDispatcher(
                new AudioSourceStream(new FloatArraySource(signal, 16000)), 400, 240);
        plain.addAudioProcessor(new MfccProcessor(DEFAULTS, frames));
        plain.run();
        assertEquals(DEFAULTS.frameCount(signal.length) + 1, frames.mfcc.size());
        assertEquals(2, stream(signal, DEFAULTS, 1000).mfcc.size());
    }

    @Test
    void aDispatcherWithTheWrongOverlapIsRejected() {
        float[] signal = Signals.noise(2, 0.1, 2000);
        AudioDispatcher dispatcher = new AudioDispatcher(
                new AudioSourceStream(new FloatArraySource(signal, 16000)), 400, 200);
        dispatcher.addAudioProcessor(new MfccProcessor(DEFAULTS, (i, t, m, l) -> { }));
        IllegalStateException e = assertThrows(IllegalStateException.class, dispatcher::run);
        assertTrue(e.getMessage().contains("overlapping by 200"), e.getMessage());
    }

    @Test
    void aZeroPaddedFirstBufferIsRejected() {
        AudioDispatcher dispatcher = FeatureDispatchers.create(
                new FloatArraySource(Signals.noise(2, 0.1, 2000), 16000), DEFAULTS);
        dispatcher.setZeroPadFirstBuffer(true);
        dispatcher.addAudioProcessor(new MfccProcessor(DEFAULTS, (i, t, m, l) -> { }));
        assertThrows(IllegalStateException.class, dispatcher::run);
    }

    @Test
    void buffersLongerThanAWindowAreRejected() {
        AudioDispatcher dispatcher = new AudioDispatcher(
                new AudioSourceStream(new FloatArraySource(Signals.noise(2, 0.1, 2000), 16000)), 512, 352);
        dispatcher.addAudioProcessor(new MfccProcessor(DEFAULTS, (i, t, m, l) -> { }));
        assertThrows(IllegalStateException.class, dispatcher::run);
    }

    @Test
    void aSourceAtAnotherRateIsRejected() {
        FloatArraySource source = new FloatArraySource(new float[1000], 44100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureDispatchers.create(source, DEFAULTS));
        assertTrue(e.getMessage().contains("16000"), e.getMessage());
    }

    @Test
    void theDispatcherClosesTheSourceAtTheEnd() {
        FloatArraySource source = new FloatArraySource(new float[1000], 16000);
        FeatureDispatchers.create(source, DEFAULTS).run();
        assertTrue(source.isClosed());
    }
}
