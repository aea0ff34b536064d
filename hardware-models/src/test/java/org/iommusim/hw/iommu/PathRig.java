package org.iommusim.hw.iommu;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.iommu.control.CostModel;
import org.iommusim.hw.iommu.control.HostCpu;
import org.iommusim.hw.iommu.control.HostCpuConfig;
import org.iommusim.hw.iommu.control.PathConfig;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.inval.InvalidationQueue;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.testing.TreeFixture;

/**
 * A timed control plane on one 4-level map-unmap IOASID (device 1, PASID 0) with chosen costs,
 * software paths and invalidation-queue timing, for the software-path tests; {@link #done}
 * records each operation's latency.
 */
final class PathRig {
    static final long PAGE = 4096;
    static final long IOVA = 0x20_0000L;
    static final long HPA = 0x40_0000_0000L;

    final TimedRig rig;
    final TimedControlPlane tcp;
    final int root;
    final List<Long> latencies = new ArrayList<>();

    PathRig(CostModel costs, PathConfig paths, InvQueueConfig queue, UnmapPolicy policy) {
        TreeFixture f = new TreeFixture();
        root = f.root(4);
        f.attach(1, 0, root);
        rig = new TimedRig(f, TimedIommuConfig.defaults(), 80 * SimTime.NS);
        HostCpu cpu = new HostCpu(rig.sim, rig.stats, "host", new HostCpuConfig(1));
        InvalidationQueue q = new InvalidationQueue(rig.sim, rig.stats, "invq", queue, rig.iommu.effectHook());
        tcp = new TimedControlPlane(rig.sim, rig.stats, "cp", f.cp, rig.iommu, cpu, costs, q, policy);
        tcp.configurePaths(paths);
    }

    TimedControlPlane.Done done() {
        return (Result<Effects> r, long latency) -> {
            if (!r.isOk()) {
                throw new AssertionError("operation rejected: " + r.error());
            }
            latencies.add(latency);
        };
    }

    long counter(String name) {
        return ((org.iommusim.core.stats.Counter) rig.stats.get(name)).get();
    }
}
