package org.emoscope.pipeline;

/**
 * Receives what a running analysis produces. Called from the analysis threads, never from the thread that
 * started the session: a UI must hand results over to its own thread. Implementations should return quickly.
 */
public interface AnalysisListener {

    /** Every feature frame (100 per second by default), on the capture thread. */
    default void onFrame(FeatureFrame frame) {
    }

    /** Every analysed window, in order, on the inference thread. */
    default void onWindow(WindowResult result) {
    }

    /** The source failed (e.g. a microphone unplugged) or the model failed; the session then ends. */
    default void onError(Exception error) {
    }

    /** The session ended: end of stream, {@link AnalysisSession#stop()}, or after {@link #onError}. Called once. */
    default void onFinished(AnalysisStats stats) {
    }
}
