package org.iommusim.hw.device;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.iommu.control.CostModel;
import org.iommusim.hw.iommu.control.HostCpu;
import org.iommusim.hw.iommu.control.HostCpuConfig;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.inval.InvalidationQueue;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.LinkConfig;

/**
 * A {@link DeviceRig} with nothing mapped plus host CPU (4 cores), invalidation queue and timed
 * control plane, and a {@link Nic} (prefix {@code nic}, engine {@code dev1}) whose buffers start
 * at {@link DeviceRig#BASE} / {@link DeviceRig#HPA} in the device's IOASID.
 */
final class NicRig {
    final DeviceRig rig;
    final TimedControlPlane tcp;
    final Nic nic;

    NicRig(long seed, TimedIommuConfig iommuConfig, UnmapPolicy policy, NicConfig config) {
        this(seed, iommuConfig, policy, config, null);
    }

    /** With {@code driver} (null: the iommufd-style host driver of {@link Nic}'s public constructor). */
    NicRig(long seed, TimedIommuConfig iommuConfig, UnmapPolicy policy, NicConfig config, DriverConfig driver) {
        rig = new DeviceRig(seed, iommuConfig, 80 * SimTime.NS, LinkConfig.defaults(), 0, PageSize.SIZE_4K);
        HostCpu cpu = new HostCpu(rig.sim, rig.stats, "host", new HostCpuConfig(4));
        InvalidationQueue queue = new InvalidationQueue(rig.sim, rig.stats, "invq", InvQueueConfig.defaults(),
                rig.iommu.effectHook());
        tcp = new TimedControlPlane(rig.sim, rig.stats, "cp", rig.f.cp, rig.iommu, cpu, CostModel.defaults(), queue,
                policy);
        DmaEngine engine = new DmaEngine(rig.sim, rig.stats, rig.streams, "dev1", DeviceRig.DEVICE,
                DmaConfig.defaults(), new IssueMode.Driven(), null, rig.iommu, rig.link);
        int ioasid = rig.f.cp.attached(DeviceRig.DEVICE, 0).id();
        nic = driver == null ? new Nic(rig.sim, rig.stats, "nic", config, engine, tcp, ioasid, DeviceRig.BASE,
                DeviceRig.HPA) : Nic.withDriver(rig.sim, rig.stats, "nic", config, engine, tcp, ioasid, null,
                DeviceRig.BASE, DeviceRig.HPA, driver);
    }

    long counter(String name) {
        return rig.counter(name);
    }
}
