package org.emoscope.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** Per-file progress on stderr: a live percentage on a terminal, one line per file otherwise. */
final class Progress {
    private final PrintStream err;
    private final boolean quiet;
    private final boolean terminal;
    private final int total;
    private String prefix = "";
    private volatile int lastPercent = -1;

    Progress(PrintStream err, boolean quiet, int total) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = System.console() != null;
        this.total = total;
    }

    void start(int index, Path file) {
        prefix = String.format(Locale.ROOT, "[%d/%d] %s", index + 1, total, file.getFileName());
        lastPercent = -1;
        if (!quiet && terminal) err.print("\r" + prefix + " ...");
    }

    void update(double fraction) {
        int pct = (int) Math.round(100 * fraction);
        if (quiet || !terminal || pct == lastPercent) return;
        lastPercent = pct;
        err.print("\r" + prefix + " " + pct + "%   ");
    }

    void done(String what) {
        if (quiet) return;
        err.println((terminal ? "\r" : "") + prefix + ": " + what + "      ");
    }
}
