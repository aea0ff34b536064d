package org.iommusim.hw.device;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.Tally;
import org.iommusim.core.stats.TimeWeighted;
import org.iommusim.hw.pagetable.FaultReason;

/**
 * Statistics of one DMA engine, declared under its prefix: {@code issued}, {@code completed},
 * {@code aborted} (requests), {@code bytes}, {@code read-bytes}, {@code write-bytes} (of
 * completed requests), {@code translations}, {@code faults.<reason>} (failed translations by
 * reason, kebab-case), {@code dma-latency} (histogram, arrival to completion, ps) and
 * {@code dma-time} (its exact mean, tally), {@code tag-time} (tally: how long a request holds
 * its tag — a posted write gives it back when its last TLP leaves), {@code translation-latency} (histogram per page
 * translation), {@code translation-blocked} (ps requests spent waiting for their translations,
 * summed), {@code outstanding} and {@code backlog} (time-weighted), and derived
 * {@code throughput} (bytes/s), {@code iops} (1/s) and {@code translation-blocked-share}
 * (blocked time / total DMA time).
 */
public final class DmaStats {
    final Counter issued;
    final Counter completed;
    final Counter aborted;
    final Counter bytes;
    final Counter readBytes;
    final Counter writeBytes;
    final Counter translations;
    final Counter[] faults = new Counter[FaultReason.values().length];
    final LatencyHistogram dmaLatency;
    final Tally dmaTime;
    final Tally tagTime;
    final LatencyHistogram translationLatency;
    final Counter translationBlocked;
    final TimeWeighted outstanding;
    final TimeWeighted backlog;
    private final Simulator sim;

    DmaStats(Simulator sim, StatsRegistry r, String prefix) {
        this.sim = sim;
        String p = prefix + ".";
        issued = r.counter(p + "issued", "requests", "DMA requests started (tag taken)");
        completed = r.counter(p + "completed", "requests", "DMA requests completed");
        aborted = r.counter(p + "aborted", "requests", "DMA requests aborted by a translation fault");
        bytes = r.counter(p + "bytes", "bytes", "data bytes of completed requests");
        readBytes = r.counter(p + "read-bytes", "bytes", "bytes of completed DMA reads");
        writeBytes = r.counter(p + "write-bytes", "bytes", "bytes of completed DMA writes");
        translations = r.counter(p + "translations", "translations", "translations requested (one per request TLP)");
        for (FaultReason reason : FaultReason.values()) {
            String n = reason.statName();
            faults[reason.ordinal()] = r.counter(p + "faults." + n, "translations", "translations that faulted: " + n);
        }
        dmaLatency = r.histogram(p + "dma-latency", "ps", "request arrival to completion or abort");
        dmaTime = r.tally(p + "dma-time", "ps", "request arrival to completion or abort (exact mean)");
        tagTime = r.tally(p + "tag-time", "ps", "time a request holds its tag: to its completions (reads), to its "
                + "last TLP leaving the device (posted writes), or to its abort");
        translationLatency = r.histogram(p + "translation-latency", "ps", "latency of one translation (one per request TLP)");
        translationBlocked = r.counter(p + "translation-blocked", "ps",
                "time requests spent waiting for their translations, summed over requests");
        outstanding = r.timeWeighted(p + "outstanding", "requests", "requests holding a tag, time-weighted");
        backlog = r.timeWeighted(p + "backlog", "requests", "open-loop arrivals waiting for a tag, time-weighted");
        r.derived(p + "throughput", "bytes/s", "completed bytes per second of simulated time",
                () -> perSecond(bytes.get()));
        r.derived(p + "iops", "1/s", "completed requests per second of simulated time",
                () -> perSecond(completed.get()));
        r.derived(p + "translation-blocked-share", "ratio", "translation-blocked / total DMA time",
                () -> dmaTime.count() == 0 ? 0 : translationBlocked.get() / (dmaTime.mean() * dmaTime.count()));
    }

    private double perSecond(long n) {
        long window = sim.now() - outstanding.windowStart();
        return window <= 0 ? 0 : n * (double) SimTime.S / window;
    }

    public double throughputBytesPerSecond() {
        return perSecond(bytes.get());
    }

    public double iops() {
        return perSecond(completed.get());
    }

    /** Data bytes of completed requests. */
    public long bytes() {
        return bytes.get();
    }

    /** Page translations requested. */
    public long translations() {
        return translations.get();
    }

    public long completed() {
        return completed.get();
    }

    public long aborted() {
        return aborted.get();
    }

    public long faults(FaultReason reason) {
        return faults[reason.ordinal()].get();
    }

    public double meanLatencyPs() {
        return dmaTime.mean();
    }

    /** Mean time a request held its tag (Little's law: outstanding = rate × this). */
    public double meanTagTimePs() {
        return tagTime.mean();
    }

    public double meanOutstanding() {
        return outstanding.mean();
    }

    public LatencyHistogram dmaLatency() {
        return dmaLatency;
    }

    public LatencyHistogram translationLatency() {
        return translationLatency;
    }

    public long translationBlockedPs() {
        return translationBlocked.get();
    }
}
