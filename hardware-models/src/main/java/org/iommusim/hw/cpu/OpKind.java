package org.iommusim.hw.cpu;

import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.LatencyHistogram;
import org.iommusim.core.stats.StatsRegistry;

/**
 * A kind of control-plane operation ({@code map}, {@code unmap}, {@code invalidate},
 * {@code bind}, {@code guest-pte-write}, ...) with its statistics, declared once by
 * {@link ControlPlaneExecutor#kind(String)} under {@code <prefix>.op.<name>}: {@code count}
 * (completed operations), {@code cpu-time} (ps of core time charged), {@code latency}
 * (histogram, from run to done, queueing included) and {@code queueing} (histogram, waiting
 * for a core).
 */
public final class OpKind {
    private final String name;
    final Counter count;
    final Counter cpuTime;
    final LatencyHistogram latency;
    final LatencyHistogram queueing;

    OpKind(StatsRegistry stats, String prefix, String name) {
        this.name = name;
        String p = prefix + ".op." + name + ".";
        count = stats.counter(p + "count", "operations", "'" + name + "' operations completed");
        cpuTime = stats.counter(p + "cpu-time", "ps", "host CPU time charged to '" + name + "' operations");
        latency = stats.histogram(p + "latency", "ps",
                "'" + name + "' operation latency: waiting for a core plus CPU time");
        queueing = stats.histogram(p + "queueing", "ps", "time '" + name + "' operations waited for a core");
    }

    /** The stable name given by the caller. */
    public String name() {
        return name;
    }

    public long completed() {
        return count.get();
    }

    public long cpuTimePs() {
        return cpuTime.get();
    }

    public LatencyHistogram latency() {
        return latency;
    }

    @Override
    public String toString() {
        return name;
    }
}
