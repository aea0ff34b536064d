package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.control.HostEvents.Category;
import org.iommusim.hw.iommu.control.HostPath;
import org.iommusim.hw.iommu.control.OpStats;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.pagetable.PageSize;
import org.junit.jupiter.api.Test;

/**
 * A NIC's driver (issue 16): its per-packet host work makes it CPU-bound at cores / cost; its
 * path decides what each packet's map costs (DMA-API: a call and an IOVA; identity: nothing);
 * optimistic teardown maps each buffer once. The rig has 4 host cores.
 */
class NicDriverTest {
    private static final long US = SimTime.US;

    private static NicRig run(NicConfig config, DriverConfig driver, long untilPs) {
        NicRig r = new NicRig(3, TimedIommuConfig.defaults(), UnmapPolicy.strictPolicy(), config, driver);
        r.nic.start();
        r.rig.sim.runUntil(untilPs);
        return r;
    }

    @Test
    void perPacketCost_makesTheNicCpuBound_atCoresOverCost() {
        // 100 Gb/s offers 8.13 Mpps to the RX ring; 4 cores at 2 us per packet carry 2 Mpps
        NicConfig c = NicConfig.defaults().withRings(256, 0).withDriver(NicConfig.Driver.PREMAPPED_POOL,
                PageSize.SIZE_4K);
        DriverConfig d = DriverConfig.defaults().withPath(HostPath.STATIC).withPerPacket(2 * US);
        NicRig r = run(c, d, 100 * US);
        long before = r.counter("nic.rx.packets");
        r.rig.sim.runUntil(600 * US);
        double mpps = (r.counter("nic.rx.packets") - before) / 500.0; // packets per us = Mpps
        assertThat(mpps).as("cores / cost = 4 / 2 us").isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.02));
        assertThat(r.counter("nic.rx.dropped")).as("the ring overflows").isPositive();
        r.nic.stop();
        r.rig.sim.run(); // packets in flight finish: every charged picosecond belongs to a completed operation
        assertThat(r.tcp.events().cpu(Category.DRIVER)).isEqualTo(r.tcp.stats().cpuTime(OpStats.Kind.DRIVER));
    }

    @Test
    void dmaApiPath_chargesCallsAndIovas_notSyscallsOrPinning() {
        NicConfig c = NicConfig.defaults().withRings(64, 0).withLineRate(1e9);
        NicRig r = run(c, DriverConfig.defaults(), 500 * US);
        var ev = r.tcp.events();
        long packets = r.counter("nic.rx.packets");
        assertThat(packets).isPositive();
        assertThat(ev.dmaApiCalls()).isGreaterThanOrEqualTo(2 * packets);
        assertThat(ev.iovaAllocs()).isGreaterThanOrEqualTo(packets);
        assertThat(ev.iovaSlowPaths()).as("after the first buffers, IOVAs come from the rcache")
                .isLessThan(ev.iovaAllocs() / 2);
        assertThat(ev.cpu(Category.SYSCALL) + ev.cpu(Category.PINNING)).isZero();
        assertThat(ev.pagesPinned()).isZero();
    }

    @Test
    void vfioPathPerPacket_pinsEveryBuffer() {
        NicConfig c = NicConfig.defaults().withRings(64, 0).withLineRate(1e9);
        NicRig r = run(c, DriverConfig.defaults().withPath(HostPath.VFIO), 500 * US);
        assertThat(r.tcp.events().pagesPinned()).isGreaterThanOrEqualTo(r.counter("nic.rx.packets"));
        assertThat(r.tcp.events().cpu(Category.SYSCALL)).isPositive();
    }

    @Test
    void identityPath_makesNoControlPlaneOperation() {
        NicConfig c = NicConfig.defaults().withRings(64, 0).withLineRate(1e9);
        NicRig r = run(c, DriverConfig.defaults().withPath(HostPath.IDENTITY), 100 * US);
        assertThat(r.tcp.stats().count(OpStats.Kind.MAP) + r.tcp.stats().count(OpStats.Kind.UNMAP)).isZero();
    }

    @Test
    void optimisticTeardown_mapsEachBufferOnce() {
        NicConfig c = NicConfig.defaults().withRings(16, 0).withLineRate(10e9);
        NicRig r = run(c, DriverConfig.defaults().withFlush(DriverConfig.FlushPolicy.OPTIMISTIC, 1, 0), 200 * US);
        assertThat(r.counter("nic.rx.packets")).as("the ring went round several times").isGreaterThan(64);
        assertThat(r.tcp.stats().count(OpStats.Kind.MAP)).isEqualTo(16);
        assertThat(r.tcp.stats().count(OpStats.Kind.UNMAP)).isZero();
    }
}
