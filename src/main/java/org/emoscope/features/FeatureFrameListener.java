package org.emoscope.features;

/** Receives the features of each frame from an {@link MfccProcessor}, on the dispatcher's thread, in order. */
@FunctionalInterface
public interface FeatureFrameListener {

    /**
     * Called once per frame.
     *
     * @param frameIndex  0 for the first frame of the stream, then 1, 2, ...
     * @param timeSeconds start of the frame: {@code frameIndex * hopSamples / sampleRate}
     * @param mfcc        {@code coefficients} MFCCs; a fresh array the listener may keep
     * @param logMel      {@code melFilters} log-mel energies in dB; a fresh array the listener may keep
     */
    void onFrame(long frameIndex, double timeSeconds, float[] mfcc, float[] logMel);
}
