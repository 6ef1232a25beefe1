package org.emoscope.features;

import be.tarsos.dsp.AudioDispatcher;
import be.tarsos.dsp.io.TarsosDSPAudioFormat;
import be.tarsos.dsp.io.TarsosDSPAudioInputStream;
import org.emoscope.audio.AudioSource;

/** Builds TarsosDSP dispatchers that deliver exactly the analysis frames of a {@link FeatureConfig}. */
public final class FeatureDispatchers {

    private FeatureDispatchers() {
    }

    /**
     * A dispatcher over {@code source} (through an {@link AudioSourceStream}) for an {@link MfccProcessor}; see
     * {@link #create(TarsosDSPAudioInputStream, FeatureConfig)}. The dispatcher closes the source when it stops.
     *
     * @throws IllegalArgumentException if the source is not at the configured sample rate (the source stays open)
     */
    public static AudioDispatcher create(AudioSource source, FeatureConfig config) {
        return create(new AudioSourceStream(source), config);
    }

    /**
     * A dispatcher over a mono {@code stream} at {@code config.sampleRate()} whose buffers are exactly the frames of
     * {@link FeatureConfig#frameCount}: buffer size {@code windowSamples}, overlap {@code windowSamples - hopSamples},
     * no padding before the first frame, and an incomplete remainder at the end withheld from the dispatcher (left
     * to TarsosDSP it would arrive zero-padded, indistinguishable from a real frame, or shortened, which crashes
     * TarsosDSP 2.4.1 when the whole stream is shorter than one window). Add processors, then {@code run()} it;
     * closing the dispatcher's stream closes {@code stream}.
     *
     * @throws IllegalArgumentException if the stream is not mono or not at the configured sample rate
     */
    public static AudioDispatcher create(TarsosDSPAudioInputStream stream, FeatureConfig config) {
        TarsosDSPAudioFormat format = stream.getFormat();
        if (format.getChannels() != 1 || format.getSampleRate() != config.sampleRate()) {
            throw new IllegalArgumentException("need mono audio at " + config.sampleRate() + " Hz, got "
                    + format.getChannels() + " channel(s) at " + format.getSampleRate() + " Hz");
        }
        return new AudioDispatcher(new WholeFrameStream(stream, config.windowSamples(), config.hopSamples()),
                config.windowSamples(), config.windowSamples() - config.hopSamples());
    }
}
