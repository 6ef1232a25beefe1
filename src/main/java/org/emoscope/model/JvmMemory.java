package org.emoscope.model;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/** What the JVM's management beans say about collections and the heap. */
public final class JvmMemory {

    private JvmMemory() {
    }

    /** Collections so far by the collectors that reclaim the whole heap (not the young-generation ones). */
    public static long fullCollections() {
        long count = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String name = gc.getName();
            if (name.contains("Young") || name.contains("Scavenge") || name.equals("Copy")
                    || name.contains("ParNew")) continue;
            count += Math.max(0, gc.getCollectionCount());
        }
        return count;
    }

    /**
     * Heap left in use by the most recent collection of each heap pool, summed, in bytes. Unlike the heap in use
     * now, it does not saw up and down with allocation, so it shows whether live data grows.
     */
    public static long heapAfterLastCollection() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP) continue;
            MemoryUsage u = pool.getCollectionUsage();
            if (u != null) sum += u.getUsed();
        }
        return sum;
    }
}
