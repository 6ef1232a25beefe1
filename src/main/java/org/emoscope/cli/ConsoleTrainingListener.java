package org.emoscope.cli;

import org.emoscope.train.Trainer;
import org.emoscope.train.TrainingListener;

import java.io.PrintStream;
import java.util.Locale;

/** Training progress on stderr: a live bar per epoch on a terminal, one line per epoch otherwise. */
final class ConsoleTrainingListener implements TrainingListener {
    private final PrintStream err;
    private final boolean terminal = System.console() != null;
    private final int maxEpochs;

    ConsoleTrainingListener(PrintStream err, int maxEpochs) {
        this.err = err;
        this.maxEpochs = maxEpochs;
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, double loss) {
        if (!terminal || (batch % 5 != 0 && batch != batches)) return;
        int width = 30;
        int filled = batch * width / batches;
        err.printf(Locale.ROOT, "\repoch %d/%d [%s%s] %d/%d loss %.3f ", epoch, maxEpochs, "#".repeat(filled),
                ".".repeat(width - filled), batch, batches, loss);
    }

    @Override
    public void onEpoch(Trainer.EpochLog log, int bestEpoch, double etaSeconds) {
        err.printf(Locale.ROOT, "%sepoch %d/%d loss %.4f val UA %s WA %s (best: epoch %d) %.0f s, %.0f windows/s, "
                        + "ETA at most %s%n", terminal ? "\r" : "", log.epoch(), maxEpochs, log.loss(),
                pct(log.validationUa()), pct(log.validationWa()), bestEpoch, log.seconds(), log.windowsPerSecond(),
                eta(etaSeconds));
    }

    @Override
    public void message(String text) {
        err.println((terminal ? "\r" : "") + text);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    private static String eta(double s) {
        long t = Math.round(s);
        return t >= 60 ? (t / 60) + " min " + (t % 60) + " s" : t + " s";
    }
}
