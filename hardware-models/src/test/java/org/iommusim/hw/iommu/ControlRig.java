package org.iommusim.hw.iommu;

import org.iommusim.hw.iommu.control.CostModel;
import org.iommusim.hw.iommu.control.HostCpu;
import org.iommusim.hw.iommu.control.HostCpuConfig;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.inval.InvalidationQueue;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.testing.TreeFixture;

/** A {@link TimedRig} plus host CPU, invalidation queue and timed control plane. */
final class ControlRig {
    final TimedRig rig;
    final HostCpu cpu;
    final InvalidationQueue queue;
    final TimedControlPlane tcp;
    final CostModel costs = CostModel.defaults();

    ControlRig(TreeFixture f, TimedIommuConfig config, long memoryLatencyPs, int cores, UnmapPolicy policy) {
        this(f, config, memoryLatencyPs, cores, policy, InvQueueConfig.defaults());
    }

    /** With the invalidation queue {@code queueConfig} (another architecture's format, stage-2 flush). */
    ControlRig(TreeFixture f, TimedIommuConfig config, long memoryLatencyPs, int cores, UnmapPolicy policy,
               InvQueueConfig queueConfig) {
        rig = new TimedRig(f, config, memoryLatencyPs);
        cpu = new HostCpu(rig.sim, rig.stats, "host", new HostCpuConfig(cores));
        queue = new InvalidationQueue(rig.sim, rig.stats, "invq", queueConfig, rig.iommu.effectHook());
        tcp = new TimedControlPlane(rig.sim, rig.stats, "cp", f.cp, rig.iommu, cpu, costs, queue, policy);
    }
}
