package org.emoscope.train;

import org.emoscope.train.Checkpoints.State;

import java.util.List;

/**
 * When training stops and how its learning rate falls: each epoch is judged by its validation score (UA, WA only to
 * break ties, averaged over {@link TrainingSettings#smoothEpochs()} epochs); a better score keeps the epoch's weights,
 * {@link TrainingSettings#patience()} epochs without one stop the run, and {@link TrainingSettings#lrPatience()}
 * epochs without one halve the learning rate. Without validation items every epoch counts as better and all
 * {@link TrainingSettings#maxEpochs()} run. The counters live in the checkpoint's {@link State}, so a resumed run
 * carries on with them.
 */
final class StoppingRule {

    /** What an epoch's score means for the run. */
    enum Verdict {
        /** The best epoch so far: keep its weights. */
        BETTER,
        /** Not better. */
        NOT_BETTER,
        /** Not better, for long enough that the learning rate was halved (to {@link State#learningRate}). */
        HALVE_RATE
    }

    private final TrainingSettings settings;
    private final double initialRate;
    private final boolean validated;

    /**
     * @param initialRate the network spec's learning rate
     * @param validated   whether there are validation items to score epochs on
     */
    StoppingRule(TrainingSettings settings, double initialRate, boolean validated) {
        this.settings = settings;
        this.initialRate = initialRate;
        this.validated = validated;
    }

    /** Whether another epoch runs. */
    boolean goesOn(State state) {
        return state.epoch < settings.maxEpochs() && !stoppedEarly(state);
    }

    /** Whether the run stopped before {@code maxEpochs} for want of a better score. */
    boolean stoppedEarly(State state) {
        return state.badEpochs >= settings.patience();
    }

    /**
     * Judges {@code epoch}, whose validation figures are {@code ua} and {@code wa} (NaN without validation), against
     * the epochs in {@code state.history} (which it must not hold yet), and updates the counters in {@code state}.
     */
    Verdict judge(State state, int epoch, double ua, double wa) {
        double score = validated ? smoothed(state.history, validationScore(ua, wa), settings.smoothEpochs()) : epoch;
        if (score > state.bestScore) {
            state.bestScore = score;
            state.bestEpoch = epoch;
            state.badEpochs = 0;
            state.lrBadEpochs = 0;
            return Verdict.BETTER;
        }
        state.badEpochs++;
        state.lrBadEpochs++;
        if (settings.lrPatience() > 0 && state.lrBadEpochs >= settings.lrPatience()) {
            state.lrBadEpochs = 0;
            state.learningRate = (state.learningRate > 0 ? state.learningRate : initialRate) / 2;
            return Verdict.HALVE_RATE;
        }
        return Verdict.NOT_BETTER;
    }

    /** What early stopping maximises: UA, with WA only to break ties. */
    static double validationScore(double ua, double wa) {
        return ua + 1e-3 * wa;
    }

    /**
     * The validation score {@code current} averaged with the scores of the {@code epochs - 1} epochs before it in
     * {@code history} (as many as there are): {@link TrainingSettings#smoothEpochs()}.
     */
    static double smoothed(List<Trainer.EpochLog> history, double current, int epochs) {
        double sum = current;
        int n = 1;
        for (int i = history.size() - 1; i >= 0 && n < epochs; i--, n++) {
            Trainer.EpochLog e = history.get(i);
            sum += validationScore(e.validationUa(), e.validationWa());
        }
        return sum / n;
    }
}
