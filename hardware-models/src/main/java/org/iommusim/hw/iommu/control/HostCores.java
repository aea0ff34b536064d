package org.iommusim.hw.iommu.control;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.resource.FifoServer;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;

/**
 * Where the control operations of a {@link TimedControlPlane} run, by the software paths'
 * settings ({@link PathConfig}): on the host CPU's cores; a guest's call through a sidecore
 * vIOMMU on that vIOMMU's dedicated polling core ({@link HostCpu#pollingCore}, made when the
 * paths first ask for it); a guest's call through hardware guest queues on no core at all (its
 * times are latency only). Also the back-pressure of the host work queue: whether workloads may
 * submit now, and the count of what they held back ({@code <prefix>.refused}).
 *
 * <p>Does not model: several host CPUs or NUMA placement, core affinity of an operation (any
 * free core serves it), or a sidecore shared by several VMs.
 */
final class HostCores {
    private final Simulator sim;
    private final StatsRegistry registry;
    private final HostCpu cpu;
    private PathConfig paths = PathConfig.defaults();
    /** The dedicated polling core of a sidecore vIOMMU; null otherwise. */
    private HostCpu sidecore;
    private final Counter refused;

    HostCores(Simulator sim, StatsRegistry registry, String prefix, HostCpu cpu) {
        this.sim = sim;
        this.registry = registry;
        this.cpu = cpu;
        this.refused = registry.counter(prefix + ".refused", "operations",
                "operations workloads could not submit because the host work queue was full (back-pressure)");
    }

    /** Sets the software paths; a sidecore vIOMMU gets its dedicated polled core. */
    void configure(PathConfig config) {
        this.paths = config;
        if (config.viommu() == ViommuMode.SIDECORE && sidecore == null) {
            sidecore = HostCpu.pollingCore(sim, registry, "host.sidecore");
        }
    }

    PathConfig paths() {
        return paths;
    }

    HostCpu cpu() {
        return cpu;
    }

    /** The cores {@code o} runs on: the host's, a sidecore's, or none (null: hardware guest queues). */
    FifoServer serverFor(ControlOp o) {
        if (o.guest && o.entry == ControlOp.Entry.CALL) {
            if (!paths.viommu().hostCpu()) {
                return null;
            }
            if (paths.viommu() == ViommuMode.SIDECORE) {
                return sidecore.cores();
            }
        }
        return cpu.cores();
    }

    /** Whether workloads may submit new work: the host cores' wait queue is below its limit. */
    boolean accepting() {
        return cpu.accepting();
    }

    void refuse() {
        refused.increment();
    }

    long refused() {
        return refused.get();
    }
}
