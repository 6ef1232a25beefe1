package org.emoscope.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Per-file progress on stderr: a live percentage on a terminal when files are analysed one at a time, and one line per
 * file as each is done.
 */
final class Progress {
    private final PrintStream err;
    private final boolean quiet;
    /** Whether a percentage is shown while a file is analysed: on a terminal, one file at a time. */
    private final boolean live;
    private final boolean terminal;
    private final int total;
    private volatile String prefix = "";
    private volatile int lastPercent = -1;

    /** @param oneAtATime whether files are analysed one after another (else no live percentage: lines only) */
    Progress(PrintStream err, boolean quiet, int total, boolean oneAtATime) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = System.console() != null;
        this.live = terminal && oneAtATime;
        this.total = total;
    }

    void start(int index, Path file) {
        if (!live) return;
        prefix = prefix(index, file);
        lastPercent = -1;
        if (!quiet) err.print("\r" + prefix + " ...");
    }

    void update(double fraction) {
        int pct = (int) Math.round(100 * fraction);
        if (quiet || !live || pct == lastPercent) return;
        lastPercent = pct;
        err.print("\r" + prefix + " " + pct + "%   ");
    }

    synchronized void done(int index, Path file, String what) {
        if (quiet) return;
        err.println((live ? "\r" : "") + prefix(index, file) + ": " + what + (live ? "      " : ""));
    }

    private String prefix(int index, Path file) {
        return String.format(Locale.ROOT, "[%d/%d] %s", index + 1, total, file.getFileName());
    }
}
