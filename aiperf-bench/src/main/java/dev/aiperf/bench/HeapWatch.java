package dev.aiperf.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap's peak occupancy (garbage included: what it held just before its fullest collection) and its largest live
 * size (after a collection), from the collectors' notifications, so a bench can say what a workload needs.
 */
final class HeapWatch {
    private final AtomicLong maxAfterGc = new AtomicLong();
    private final AtomicLong maxBeforeGc = new AtomicLong();

    HeapWatch() {
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                heapPools.add(p.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                if (!n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                maxAfterGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageAfterGc(), heapPools),
                        Math::max);
                maxBeforeGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc(), heapPools),
                        Math::max);
            }, null, null);
        }
    }

    private static long heapUsed(Map<String, MemoryUsage> pools, Set<String> heapPools) {
        return pools.entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed()).sum();
    }

    /** A full collection, its notification delivered, then the watch starts over. */
    void settle() throws InterruptedException {
        System.gc();
        Thread.sleep(300);
        reset();
    }

    void reset() {
        maxAfterGc.set(0);
        maxBeforeGc.set(0);
    }

    /** The heap's largest occupancy, garbage included: what it held just before its fullest collection. */
    double peakMb() {
        return maxBeforeGc.get() / 1048576.0;
    }

    double liveMb() {
        return maxAfterGc.get() / 1048576.0;
    }
}
