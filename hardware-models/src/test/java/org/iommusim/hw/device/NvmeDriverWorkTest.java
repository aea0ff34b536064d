package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.control.CostModel;
import org.iommusim.hw.iommu.control.HostCpu;
import org.iommusim.hw.iommu.control.HostCpuConfig;
import org.iommusim.hw.iommu.control.HostEvents.Category;
import org.iommusim.hw.iommu.control.OpStats;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.inval.InvalidationQueue;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.LinkConfig;
import org.junit.jupiter.api.Test;

/**
 * The NVMe driver's host CPU per I/O ({@link NvmeDrive} through {@link DriverWork}): each I/O
 * charges its cost to the {@code driver} category, and a drive whose cores cannot keep up does
 * cores / cost I/Os per second.
 */
class NvmeDriverWorkTest {
    private static final long WORKING_SET = 64L << 20;
    private static final long US = SimTime.US;

    /** A host-driven drive on {@code cores} cores, its driver paying {@code perIoPs} per I/O. */
    private record Rig(DeviceRig rig, TimedControlPlane tcp, NvmeDrive drive) {
        static Rig of(long seed, int cores, long perIoPs, FlashConfig flash, int qd) {
            DeviceRig rig = new DeviceRig(seed, TimedIommuConfig.defaults(), 80 * SimTime.NS, LinkConfig.defaults(),
                    WORKING_SET, PageSize.SIZE_4K);
            HostCpu cpu = new HostCpu(rig.sim, rig.stats, "host", new HostCpuConfig(cores));
            InvalidationQueue queue = new InvalidationQueue(rig.sim, rig.stats, "invq", InvQueueConfig.defaults(),
                    rig.iommu.effectHook());
            TimedControlPlane tcp = new TimedControlPlane(rig.sim, rig.stats, "cp", rig.f.cp, rig.iommu, cpu,
                    CostModel.defaults(), queue, UnmapPolicy.strictPolicy());
            NvmeConfig c = NvmeConfig.defaults().withWorkingSet(WORKING_SET).withQueueDepth(qd).withReadFraction(1.0)
                    .withFlash(flash);
            DmaEngine e = c.createEngine(rig.sim, rig.stats, rig.streams, "dev1", DeviceRig.DEVICE, rig.iommu,
                    rig.link);
            int ioasid = rig.f.cp.attached(DeviceRig.DEVICE, 0).id();
            NvmeDrive d = NvmeDrive.onHost(rig.sim, rig.stats, rig.streams, "dev1", c, e, tcp, ioasid, DeviceRig.BASE,
                    DeviceRig.BASE + WORKING_SET, DeviceRig.HPA + WORKING_SET, perIoPs);
            return new Rig(rig, tcp, d);
        }
    }

    @Test
    void perIoCost_isChargedToTheDriverCategory_onceForEveryIo() {
        long cost = 1_250_000;
        Rig r = Rig.of(21, 4, cost, FlashConfig.defaults(), 8);
        r.drive().start();
        r.rig().sim.runUntil(SimTime.MS);
        r.drive().stop();
        r.rig().sim.run(); // I/Os in flight finish
        long ios = r.drive().stats().completed();
        assertThat(ios).isGreaterThan(100);
        assertThat(r.tcp().events().cpu(Category.DRIVER)).as("%d I/Os at %d ps", ios, cost).isEqualTo(ios * cost);
        assertThat(r.tcp().stats().cpuTime(OpStats.Kind.DRIVER)).isEqualTo(ios * cost);
    }

    @Test
    void zeroCost_chargesNothing_andTakesNoCore() {
        Rig r = Rig.of(22, 4, 0, FlashConfig.defaults(), 8);
        r.drive().start();
        r.rig().sim.runUntil(SimTime.MS);
        assertThat(r.drive().stats().completed()).isGreaterThan(100);
        assertThat(r.tcp().events().cpu(Category.DRIVER)).isZero();
    }

    @Test
    void cpuLimitedDrive_doesCoresOverCostIops() {
        // a flash far faster than the CPU: 4096 dies at 5 us; 2 cores at 4 us per I/O carry 500 k IOPS
        FlashConfig fast = FlashConfig.defaults().withDies(4096, 64).withRead(5 * US, 5 * US);
        int cores = 2;
        long cost = 4 * US;
        Rig r = Rig.of(23, cores, cost, fast, 128);
        r.drive().start();
        r.rig().stats.resetAfter(200 * US);
        r.rig().sim.runUntil(2200 * US);
        double iops = r.drive().stats().iops();
        System.out.printf("seed 23 CPU-limited drive: %.0f IOPS, cores/cost %.0f%n", iops, cores * 1e6 / 4);
        assertThat(iops).isCloseTo(cores * (double) SimTime.S / cost, withinPercentage(2));
        assertThat(r.tcp().cpu().utilisation()).isGreaterThan(0.98);
    }
}
