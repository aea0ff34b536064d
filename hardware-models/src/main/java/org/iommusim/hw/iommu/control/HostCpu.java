package org.iommusim.hw.iommu.control;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.resource.FifoServer;
import org.iommusim.core.resource.ServerConfig;
import org.iommusim.core.stats.StatsRegistry;

/**
 * The host CPU as a contended resource: {@code cores} identical cores in front of one FIFO
 * run queue ({@link FifoServer}, unbounded wait). Control-plane operations
 * ({@link TimedControlPlane}), the fault handler and anything else that needs host CPU time
 * take a core from here, so they delay each other.
 *
 * <p>Does not model: preemption, priorities, per-core run queues or affinity, frequency
 * scaling, SMT, or the guest's own vCPUs (a trap's cost is charged on a host core).
 *
 * <p>Statistics: the {@link FifoServer} set under {@code <prefix>.cores} ({@code utilisation},
 * {@code busy}, {@code queueLength}, {@code wait}, ...).
 */
public final class HostCpu {
    private final FifoServer cores;
    private final HostCpuConfig config;

    public HostCpu(Simulator sim, StatsRegistry stats, String prefix, HostCpuConfig config) {
        this.config = config;
        this.cores = new FifoServer(sim, stats, prefix + ".cores", ServerConfig.unbounded(config.cores()));
    }

    /**
     * One core a poll-mode service (a sidecore vIOMMU) takes whole: it spins on its queues when it
     * has no work, so besides the usual statistics {@code <prefix>.occupied} (1 core, never free for
     * other work) and {@code <prefix>.polling} (the share spent polling idle, 1 − utilisation:
     * occupied but not useful work).
     */
    public static HostCpu pollingCore(Simulator sim, StatsRegistry stats, String prefix) {
        HostCpu core = new HostCpu(sim, stats, prefix, new HostCpuConfig(1));
        stats.derived(prefix + ".occupied", "cores", "host cores a poll-mode service takes whole (busy or"
                + " spinning, never free for other work)", () -> 1.0);
        stats.derived(prefix + ".polling", "ratio", "share of the polled core spent polling idle (not useful"
                + " work; useful work is its cores.utilisation; the two sum to 1)", () -> 1.0 - core.utilisation());
        return core;
    }

    /** The cores as a FIFO server: {@code request(client)}, then {@code release(slot)}. */
    public FifoServer cores() {
        return cores;
    }

    public int coreCount() {
        return config.cores();
    }

    /** Requests that may wait for a core before control-plane workloads are held back. */
    public int queueLimit() {
        return config.queueLimit();
    }

    /** True while fewer than {@link #queueLimit()} requests wait for a core. */
    public boolean accepting() {
        return cores.queueLength() < config.queueLimit();
    }

    /** Time-weighted mean busy cores / cores over the statistics window. */
    public double utilisation() {
        return cores.utilisation();
    }
}
