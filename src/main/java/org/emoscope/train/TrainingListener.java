package org.emoscope.train;

/** Follows a training run; all methods are called on the training thread. */
public interface TrainingListener {

    /** After each gradient step. */
    default void onBatch(int epoch, int batch, int batches, double loss) {
    }

    /** After each epoch, with the estimated seconds left (at the epoch limit). */
    default void onEpoch(Trainer.EpochLog log, int bestEpoch, double etaSeconds) {
    }

    /** Anything else worth a line: resuming, early stop. */
    default void message(String text) {
    }

    TrainingListener NONE = new TrainingListener() {
    };
}
