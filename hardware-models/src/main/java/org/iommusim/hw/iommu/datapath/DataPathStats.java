package org.iommusim.hw.iommu.datapath;

import java.util.Arrays;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.pagetable.FaultReason;

/**
 * The data path's statistics, declared once under a prefix with stable names (cache and walker
 * statistics live with their components): {@code walk.count}, {@code walk.joined},
 * {@code walk.pteReadsPerWalk} (histogram of memory reads per walk), {@code walk.pteReads.s<S>.l<L>}
 * (reads by stage and level), {@code walk.step-latency.s<S>.l<L>} (histogram: the walk's time per
 * PTE read by stage and level; walk-cache hits and misses by stage and level are the caches' own
 * {@code pwc.s<S>.l<L>.*}), {@code walk.latency} (slot grant to end), {@code translations},
 * {@code iotlbServed}, {@code staleUses}, {@code faults.<reason>.s<stage>} (aborted DMAs),
 * {@code faults.overflows}, {@code faults.pageRequests}, and
 * {@code device<N>.latency} (per device, declared at the device's first request).
 */
final class DataPathStats {
    private final StatsRegistry stats;
    private final String prefix;
    final Counter walks;
    final Counter joined;
    final LatencyHistogram pteReadsPerWalk;
    final LatencyHistogram walkLatency;
    final Counter translations;
    final Counter iotlbServed;
    final Counter staleUses;
    final Counter faultQueueOverflows;
    final Counter pageRequests;
    private final Counter[][] reads = new Counter[3][6];
    private final LatencyHistogram[][] stepLatency = new LatencyHistogram[3][6];
    private final Counter[][] faults = new Counter[FaultReason.values().length][3];
    private LatencyHistogram[] deviceLatency = new LatencyHistogram[0];

    DataPathStats(StatsRegistry stats, String prefix) {
        this.stats = stats;
        this.prefix = prefix;
        String p = prefix + ".";
        walks = stats.counter(p + "walk.count", "walks", "page walks performed (joined misses excluded)");
        joined = stats.counter(p + "walk.joined", "translations",
                "IOTLB misses that joined a walk already in flight for the same page");
        pteReadsPerWalk = stats.histogram(p + "walk.pte-reads-per-walk", "reads", "PTE memory reads per walk");
        walkLatency = stats.histogram(p + "walk.latency", "ps", "walk time from walker grant to the walk's end");
        translations = stats.counter(p + "translations", "translations", "translation requests completed");
        iotlbServed = stats.counter(p + "iotlb-served", "translations", "translations served by an IOTLB hit");
        staleUses = stats.counter(p + "stale-uses", "translations",
                "DMA translations served from a cached entry (IOTLB, walk cache, nested TLB, device ATC) whose "
                        + "source mapping was removed or changed before the translation was requested. An invalidation "
                        + "is not a change (invalidating an unchanged range makes nothing stale); a removal is made when "
                        + "the operation that removed it returned to its caller (a strict unmap: after its invalidation "
                        + "took effect; a lazy one: before its flush; a guest PTE write: at once, or when the guest's "
                        + "invalidation that follows it returned), and a DMA requested before that raced the removal "
                        + "and is not counted");
        faultQueueOverflows = stats.counter(p + "faults.overflows", "faults",
                "faults dropped because the fault queue was full");
        pageRequests = stats.counter(p + "faults.page-requests", "requests",
                "recoverable faults sent as page requests (PRI); the DMA waits and is retried");
        for (int stage = 1; stage <= 2; stage++) {
            for (int level = 1; level <= 5; level++) {
                reads[stage][level] = stats.counter(p + "walk.pte-reads.s" + stage + ".l" + level, "reads",
                        "PTE memory reads at stage " + stage + ", level " + level);
                stepLatency[stage][level] = stats.histogram(p + "walk.step-latency.s" + stage + ".l" + level, "ps",
                        "walk time spent on one stage-" + stage + " level-" + level + " PTE read: from the previous "
                                + "read's data (or the walker grant) to this read's data — the cache lookups charged "
                                + "before it, the wait for the read port and the memory read");
            }
        }
        for (FaultReason r : FaultReason.values()) {
            for (int stage = 0; stage <= 2; stage++) {
                faults[r.ordinal()][stage] = stats.counter(p + "faults." + r.statName() + ".s" + stage,
                        "faults", "translations that faulted with " + r + " at stage " + stage);
            }
        }
    }

    void read(int stage, int level) {
        reads[stage][level].increment();
    }

    void stepDone(int stage, int level, long ps) {
        stepLatency[stage][level].record(ps);
    }

    long reads(int stage, int level) {
        return reads[stage][level].get();
    }

    void fault(FaultReason reason, int stage) {
        faults[reason.ordinal()][stage].increment();
    }

    long faults(FaultReason reason, int stage) {
        return faults[reason.ordinal()][stage].get();
    }

    LatencyHistogram deviceLatency(int device) {
        if (device >= deviceLatency.length) {
            deviceLatency = Arrays.copyOf(deviceLatency, Math.max(device + 1, deviceLatency.length * 2));
        }
        LatencyHistogram h = deviceLatency[device];
        if (h == null) {
            h = stats.histogram(prefix + ".device" + device + ".latency", "ps",
                    "translation latency of device " + device + " (request to completion)");
            deviceLatency[device] = h;
        }
        return h;
    }
}
