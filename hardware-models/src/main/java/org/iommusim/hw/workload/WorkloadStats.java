package org.iommusim.hw.workload;

import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.ioasid.OpError;
import org.iommusim.hw.iommu.control.TimedControlPlane;

/**
 * Statistics of one workload under its prefix — only what the control plane's per-kind
 * statistics ({@code op.<kind>.*}, {@code shadow.*}) cannot attribute to a workload:
 * {@code operations} (control-plane operations it issued and that completed), {@code rejected}
 * (of those, rejected with an errno, plus guest edits that failed), and {@code latency}
 * (histogram of its operations, request to completion, ps).
 */
public final class WorkloadStats {
    private final Counter operations;
    private final Counter rejected;
    private final LatencyHistogram latency;

    WorkloadStats(StatsRegistry r, String prefix) {
        operations = r.counter(prefix + ".operations", "operations", "control-plane operations completed");
        rejected = r.counter(prefix + ".rejected", "operations", "operations or guest edits rejected");
        latency = r.histogram(prefix + ".latency", "ps", "operation latency, request to completion");
    }

    /**
     * A callback recording a completed operation, then, if it succeeded, running {@code then} (may
     * be null: then the one callback made with these statistics, not a new one per operation). A
     * {@link TimedControlPlane.Status}: the operation makes no result objects for it.
     */
    TimedControlPlane.Status record(Runnable then) {
        if (then == null) {
            return recordOnly;
        }
        return (OpError error, long latencyPs) -> {
            recorded(error, latencyPs);
            if (error == null) {
                then.run();
            }
        };
    }

    private final TimedControlPlane.Status recordOnly = this::recorded;

    private void recorded(OpError error, long latencyPs) {
        operations.increment();
        if (error != null) {
            rejected.increment();
        }
        latency.record(latencyPs);
    }

    void rejectedEdit() {
        rejected.increment();
    }

    public long operations() {
        return operations.get();
    }

    public long rejected() {
        return rejected.get();
    }

    public LatencyHistogram latency() {
        return latency;
    }
}
