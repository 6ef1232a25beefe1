package org.emoscope.features;

import be.tarsos.dsp.AudioEvent;
import be.tarsos.dsp.AudioProcessor;

import java.util.Objects;

/**
 * Computes MFCCs and log-mel energies for each buffer of a TarsosDSP {@code AudioDispatcher} and hands them to a
 * {@link FeatureFrameListener}. Over a dispatcher from {@link FeatureDispatchers} it produces exactly the frames
 * of {@link Mfcc#computeAll} on the same samples, bit for bit.
 *
 * <p>Every buffer must be one analysis window: {@code windowSamples} long, the first not zero-padded, each later
 * one overlapping the previous by {@code windowSamples - hopSamples}, at the configured sample rate; anything else
 * is rejected. A plain {@code AudioDispatcher} with these sizes also works, except at the end of a stream, where
 * TarsosDSP zero-pads the incomplete remainder into a buffer that cannot be told apart from a real frame (it would
 * be emitted as one extra frame); {@link FeatureDispatchers} withholds that remainder.
 *
 * <p>One instance per stream: frame indices and times count from the first buffer this processor sees.
 */
public final class MfccProcessor implements AudioProcessor {

    private final FeatureConfig config;
    private final Mfcc mfcc;
    private final FeatureFrameListener listener;
    private long frameIndex;

    /** A processor for audio at {@code config.sampleRate()} that reports every frame to {@code listener}. */
    public MfccProcessor(FeatureConfig config, FeatureFrameListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.listener = Objects.requireNonNull(listener, "listener");
        mfcc = new Mfcc(config);
    }

    /**
     * Computes one frame and calls the listener.
     *
     * @return always true: later processors in the chain still run
     * @throws IllegalStateException if the buffer is not the next analysis window as described in the class comment
     */
    @Override
    public boolean process(AudioEvent event) {
        float[] buffer = event.getFloatBuffer();
        int window = config.windowSamples();
        int expectedOverlap = frameIndex == 0 ? 0 : window - config.hopSamples();
        if (buffer.length != window || event.getOverlap() != expectedOverlap
                || event.getSampleRate() != config.sampleRate()) {
            throw new IllegalStateException("dispatcher delivers " + buffer.length + "-sample buffers overlapping by "
                    + event.getOverlap() + " at " + event.getSampleRate() + " Hz; frame " + frameIndex + " needs "
                    + window + " overlapping by " + expectedOverlap + " at " + config.sampleRate()
                    + " Hz (see FeatureDispatchers)");
        }
        float[] coefficients = new float[config.coefficients()];
        float[] logMel = new float[config.melFilters()];
        mfcc.computeFrame(buffer, 0, coefficients, logMel);
        long index = frameIndex++;
        listener.onFrame(index, index * config.hopSamples() / (double) config.sampleRate(), coefficients, logMel);
        return true;
    }

    /** Nothing to flush: every whole frame has been emitted by {@link #process}. */
    @Override
    public void processingFinished() {
        // no state beyond the frame counter
    }
}
