package org.iommusim.hw.iommu.control;

import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;

/**
 * Statistics of timed control-plane operations, per kind, declared up front with stable names:
 * {@code op.<kind>.count}, {@code op.<kind>.rejected}, {@code op.<kind>.latency} (histogram,
 * request to completion), {@code op.<kind>.cpuTime} (core time charged, waits on the
 * invalidation queue included), plus shadow-sync work over all operations:
 * {@code shadow.guest-ptes-read}, {@code shadow.ptes-written}, {@code shadow.rmap-entries}, and the
 * kernel's software walks of its own tables, {@code kernel.ptes-read}. All are recorded when an
 * operation completes, so the work counts and {@code op.<kind>.count} cover the same operations.
 */
public final class OpStats {
    /** Operation kinds with their stable statistic names. */
    public enum Kind {
        MAP("map"), UNMAP("unmap"), BIND("bind"), INVALIDATE("invalidate"), GUEST_WRITE("guest-write"),
        ATTACH("attach"), DETACH("detach"), ALLOC("alloc"), FREE("free"), PAGE_REQUEST("page-request"),
        LAZY_FILL("lazy-fill"), DRIVER("driver"), REPLACE("replace"), QUIESCE("quiesce");

        private final String statName;

        Kind(String statName) {
            this.statName = statName;
        }

        public String statName() {
            return statName;
        }
    }

    private final Counter[] count = new Counter[Kind.values().length];
    private final Counter[] rejected = new Counter[Kind.values().length];
    private final LatencyHistogram[] latency = new LatencyHistogram[Kind.values().length];
    private final Counter[] cpuTime = new Counter[Kind.values().length];
    final Counter guestPtesRead;
    final Counter shadowPtesWritten;
    final Counter rmapEntries;
    final Counter kernelPtesRead;

    OpStats(StatsRegistry stats, String prefix) {
        for (Kind k : Kind.values()) {
            String p = prefix + ".op." + k.statName() + ".";
            int i = k.ordinal();
            count[i] = stats.counter(p + "count", "operations", k.statName() + " operations completed");
            rejected[i] = stats.counter(p + "rejected", "operations", k.statName() + " operations rejected (errno)");
            latency[i] = stats.histogram(p + "latency", "ps", k.statName() + " latency, request to completion");
            cpuTime[i] = stats.counter(p + "cpu-time", "ps",
                    "host core time held by " + k.statName() + " operations");
        }
        kernelPtesRead = stats.counter(prefix + ".kernel.ptes-read", "PTEs",
                "PTEs the kernel read walking its own tables in map and unmap (software walk)");
        guestPtesRead = stats.counter(prefix + ".shadow.guest-ptes-read", "PTEs", "guest PTEs read by shadow syncs");
        shadowPtesWritten = stats.counter(prefix + ".shadow.ptes-written", "PTEs",
                "shadow PTEs written by shadow syncs");
        rmapEntries = stats.counter(prefix + ".shadow.rmap-entries", "entries",
                "reverse-map entries touched by shadow syncs");
    }

    void completed(Kind k, boolean ok, long latencyPs, long corePs) {
        int i = k.ordinal();
        count[i].increment();
        if (!ok) {
            rejected[i].increment();
        }
        latency[i].record(latencyPs);
        cpuTime[i].add(corePs);
    }

    public long count(Kind k) {
        return count[k.ordinal()].get();
    }

    public long cpuTime(Kind k) {
        return cpuTime[k.ordinal()].get();
    }

    public LatencyHistogram latency(Kind k) {
        return latency[k.ordinal()];
    }
}
