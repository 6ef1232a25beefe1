package org.emoscope.bench;

import org.emoscope.bench.VirtualMicLatency.Availability;
import org.emoscope.bench.VirtualMicLatency.BurstRow;
import org.emoscope.bench.VirtualMicLatency.Result;
import org.emoscope.features.FeatureConfig;
import org.emoscope.model.EmotionModel;
import org.emoscope.model.ModelBundle;
import org.emoscope.model.Nd4jRuntime;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Three bursts through the real virtual microphone ({@code scripts/virtual-mic.sh}), on an untrained model: the
 * measurement finds them on the capture side and fills every part. Skipped, with the reason, when the JVM has no
 * PULSE_SERVER or PulseAudio cannot start (as {@code VirtualMicrophoneTest}); bin/test sets PULSE_SERVER. No
 * assertion on how long anything took.
 */
@Tag("audio")
@Timeout(180)
class VirtualMicLatencyAudioTest {

    @TempDir
    Path dir;

    @Test
    void measuresBurstsPlayedIntoTheVirtualMicrophone() throws Exception {
        Path script = VirtualMicLatency.script();
        Availability a = VirtualMicLatency.prepare(true, script);
        try {
            assumeTrue(a.notMeasured() == null, a.notMeasured());
            Nd4jRuntime.configure();
            Nd4jRuntime.setThreads(1);
            Path bundle = dir.resolve("untrained.emo");
            ModelBundle.untrained(List.of("a", "b", "c"), FeatureConfig.defaults()).save(bundle);
            EmotionModel model = EmotionModel.load(bundle);
            model.warmUp(model.featureConfig().framesFor(2.0), 5);

            Result r = VirtualMicLatency.measure(model, 3, 5, a);

            assertTrue(r.measured(), r.notMeasured());
            assertNull(r.failure(), r.failure());
            assertEquals(3, r.rows().size());
            assertTrue(r.matched().size() >= 2, "bursts found on the capture side: " + r.rows());
            for (BurstRow b : r.matched()) {
                // causality, not speed: the frame before its window, the window cut before it is delivered
                assertTrue(b.frameMs() <= b.deliveredMs() && b.hopWaitMs() >= 0 && b.inferenceMs() >= 0, b.toString());
                assertTrue(b.captureSample() >= 0 && b.onsetFrame() >= 0 && b.window() >= 0, b.toString());
            }
            assertTrue(r.windows() > 0);
        } finally {
            VirtualMicLatency.release(a, script);
        }
    }
}
