package org.emoscope.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import be.tarsos.dsp.AudioDispatcher;
import org.emoscope.audio.AudioSource;
import org.emoscope.features.FeatureConfig;
import org.emoscope.features.FeatureDispatchers;

/**
 * The {@link org.emoscope.features.functionals.Functionals} of every analysis window of a finite source, cut and
 * judged as a file analysis cuts and judges them (same feature chain, speech detector, priming and speech rule; the
 * settings' hop, where file analysis rounds it to the network's attention frames, 240 ms for 250), without a model:
 * what a functionals classifier is trained and evaluated on.
 */
public final class WindowStatistics {

    /**
     * One window.
     *
     * @param startSeconds where it starts
     * @param speech       whether the analysis would call it speech ({@link AnalyzerSettings#speechWindow})
     * @param functionals  its statistics
     */
    public record Window(double startSeconds, boolean speech, float[] functionals) {
    }

    private WindowStatistics() {
    }

    /**
     * The windows of {@code source} (which is read to its end and closed).
     *
     * @throws IOException if the source fails, or is not at {@code fc}'s sample rate
     */
    public static List<Window> of(AudioSource source, FeatureConfig fc, AnalyzerSettings settings)
            throws IOException {
        return of(source, fc, settings, Windower.hopFrames(fc, settings));
    }

    /**
     * As {@link #of(AudioSource, FeatureConfig, AnalyzerSettings)}, a window every {@code hopFrames} frames (a file
     * analysis: {@link StreamingAnalyzer#hopFrames}{@code (false)}).
     */
    public static List<Window> of(AudioSource source, FeatureConfig fc, AnalyzerSettings settings, int hopFrames)
            throws IOException {
        List<Window> out = new ArrayList<>();
        int windowFrames = Windower.windowFrames(fc, settings);
        FailureMemory remembering = new FailureMemory(source);
        try (remembering) {
            AudioDispatcher d = FeatureDispatchers.create(remembering, fc);
            Windower windower = StreamingAnalyzer.windower(fc, settings, hopFrames, false, true,
                    new Windower.Sink() {
                @Override
                public void frame(FeatureFrame frame) {
                }

                @Override
                public void window(Windower.WindowJob job) {
                    out.add(new Window(job.startFrame() * fc.hopSeconds(),
                            settings.speechWindow(job.activeFrames(), windowFrames), job.functionals()));
                }
            });
            StreamingAnalyzer.attach(d, fc, windower);
            try {
                d.run();
            } catch (RuntimeException | Error e) {
                if (remembering.failure() != null) throw remembering.failure();
                throw new IOException(source.description() + ": " + e.getMessage(), e);
            }
            if (remembering.failure() != null) throw remembering.failure();
            windower.finish();
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        return out;
    }
}
