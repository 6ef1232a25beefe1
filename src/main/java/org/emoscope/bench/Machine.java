package org.emoscope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the benchmark ran on, and the process's memory, read from {@code /proc} on Linux. */
public final class Machine {

    private Machine() {
    }

    /** Logical processors available to the JVM. */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** CPU model name from {@code /proc/cpuinfo}, or "unknown". */
    public static String cpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                int colon = line.indexOf(':');
                if (colon >= 0) return line.substring(colon + 1).trim();
            }
        }
        return "unknown";
    }

    /** Total RAM in kB from {@code /proc/meminfo} ({@code MemTotal}), or -1. */
    public static long memTotalKb() {
        return field(Path.of("/proc/meminfo"), "MemTotal:");
    }

    /** Resident set size of this process now, kB ({@code VmRSS}), or -1 when unknown. */
    public static long rssKb() {
        return field(Path.of("/proc/self/status"), "VmRSS:");
    }

    /** Peak resident set size of this process so far, kB ({@code VmHWM}), or -1 when unknown. */
    public static long peakRssKb() {
        return field(Path.of("/proc/self/status"), "VmHWM:");
    }

    /** Heap in use now (committed minus free), bytes. */
    public static long heapUsedBytes() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Heap committed by the JVM now (used or not), bytes. */
    public static long heapCommittedBytes() {
        return Runtime.getRuntime().totalMemory();
    }

    /** Garbage collections so far, all collectors: {count, milliseconds}. */
    public static long[] gc() {
        long count = 0;
        long millis = 0;
        for (java.lang.management.GarbageCollectorMXBean b
                : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, b.getCollectionCount());
            millis += Math.max(0, b.getCollectionTime());
        }
        return new long[]{count, millis};
    }

    /**
     * CPU time so far, in clock ticks (USER_HZ, 100 per second on Linux): {machine-wide busy time over all cores,
     * this process, this process's waited-for children}; null when {@code /proc} cannot be read.
     */
    public static long[] cpuTicks() {
        List<String> stat = lines(Path.of("/proc/stat"));
        List<String> self = lines(Path.of("/proc/self/stat"));
        if (stat.isEmpty() || self.isEmpty() || !stat.get(0).startsWith("cpu ")) return null;
        try {
            String[] c = stat.get(0).trim().split("\\s+");
            long busy = 0;
            // user nice system idle iowait irq softirq steal: everything but idle (4) and iowait (5)
            for (int i = 1; i <= Math.min(8, c.length - 1); i++) if (i != 4 && i != 5) busy += Long.parseLong(c[i]);
            String line = self.get(0);
            String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
            // fields after the command: state(3) ... utime(14) stime(15) cutime(16) cstime(17) -> indices 11..14
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            long children = Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return new long[]{busy, own, children};
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Average number of cores other processes kept busy between two {@link #cpuTicks()} readings taken
     * {@code seconds} apart (machine busy time minus this process and its children), or NaN.
     */
    public static double otherProcessesCores(long[] start, long[] end, double seconds) {
        if (start == null || end == null || !(seconds > 0)) return Double.NaN;
        long other = (end[0] - start[0]) - (end[1] - start[1]) - (end[2] - start[2]);
        return Math.max(0, other) / 100.0 / seconds;
    }

    /** The 1-minute load average from {@code /proc/loadavg}, or NaN. */
    public static double loadAverage() {
        List<String> l = lines(Path.of("/proc/loadavg"));
        if (l.isEmpty()) return Double.NaN;
        try {
            return Double.parseDouble(l.get(0).trim().split("\\s+")[0]);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** JVM name and version. */
    public static String jvm() {
        return System.getProperty("java.vm.name", "?") + " " + System.getProperty("java.runtime.version",
                System.getProperty("java.version", "?")) + " (" + System.getProperty("java.vm.vendor", "?") + ")";
    }

    /** Operating system name, version and architecture. */
    public static String os() {
        return System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "?") + " "
                + System.getProperty("os.arch", "?");
    }

    /** kB as MB (1 MB = 1024 kB), formatted, or "n/a" for an unknown (negative) value. */
    public static String mb(long kb) {
        return kb < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", kb / 1024.0);
    }

    static long field(Path file, String name) {
        for (String line : lines(file)) {
            if (line.startsWith(name)) {
                String[] parts = line.substring(name.length()).trim().split("\\s+");
                try {
                    return Long.parseLong(parts[0]);
                } catch (RuntimeException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
