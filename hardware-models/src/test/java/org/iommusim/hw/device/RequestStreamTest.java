package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.iommu.PipelineConfig;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.pagetable.PageSize;
import org.junit.jupiter.api.Test;

/**
 * The device's serial request stream ({@link RequestStream}): every request TLP holds it for the
 * device's time per request h, an IOTLB miss for the IOMMU's miss occupancy s more, so a device
 * whose stream binds runs at 1 / (h + s·m) request TLPs per second. Closed forms on the pcie-bench
 * NIC's gen3 x8 link (158 ns one way, 270 ns to memory), 64 tags so tags do not bind (64 / 600 ns
 * = 107 M/s), h = 18.2 ns (54.9 M/s) and s = 33.8 ns (docs/CALIBRATION.md); uniform random 64 B
 * DMAs over 64 MiB, seed 3 of {@link DeviceRig}, 200 µs after 20 µs of warm-up.
 */
class RequestStreamTest {
    private static final long H = 18_200;
    private static final long S = 33_800;
    private static final long WINDOW = 64L << 20;
    private static final int TAGS = 64;

    private enum Path { NONE, IOMMU, PASS_THROUGH }

    /** Runs 64 B reads ({@code readFraction} 1) or writes (0) and returns the engine and its rig. */
    private static DeviceRig run(Path path, PageSize pages, double readFraction, long h, long s) {
        TimedIommuConfig iommu = TimedIommuConfig.defaults().withPipeline(new PipelineConfig(false, 0, 0, 0, 0, true, s));
        DeviceRig rig = new DeviceRig(3, iommu, 270 * SimTime.NS, CreditRig.GEN3_X8, WINDOW, pages);
        DmaConfig c = DmaConfig.defaults().withReadFraction(readFraction).withRequestBytes(64).withMaxOutstanding(TAGS)
                .withMemoryLatency(270 * SimTime.NS).withRequestOccupancy(h);
        PatternSpec pattern = PatternSpec.of("uniform", DeviceRig.BASE, WINDOW, 64);
        if (path == Path.PASS_THROUGH) {
            rig.iommu.setPassThrough(DeviceRig.DEVICE);
        }
        DmaEngine e = path == Path.NONE ? rig.deviceWithoutIommu(c, new IssueMode.ClosedLoop(TAGS), pattern)
                : rig.device(c, new IssueMode.ClosedLoop(TAGS), pattern);
        e.start();
        rig.stats.resetAfter(20 * SimTime.US);
        rig.sim.runUntil(220 * SimTime.US);
        return rig;
    }

    private static double iops(DeviceRig rig) {
        return rig.engine.stats().iops();
    }

    @Test
    void noIommu_readsAndWritesSaturateAtOneRequestPerH() {
        double limit = (double) SimTime.S / H; // 54.9 M/s, below the link (92 M reads/s, 88 M writes/s) and the tags
        assertThat(iops(run(Path.NONE, PageSize.SIZE_4K, 1, H, S))).isCloseTo(limit, withinPercentage(1));
        assertThat(iops(run(Path.NONE, PageSize.SIZE_4K, 0, H, S))).isCloseTo(limit, withinPercentage(1));
    }

    @Test
    void noIommu_withoutATimeOfItsOwn_writesRunAtTheLink() {
        // h = 0: no stream limit; 64 B posted writes are 88 B on a 7.7784 GB/s link = 88.4 M/s
        assertThat(iops(run(Path.NONE, PageSize.SIZE_4K, 0, 0, S))).isCloseTo(88.39e6, withinPercentage(1));
    }

    @Test
    void everyTlpHits_theIommuCostsNothing_forReadsAndWrites() {
        // 64 MiB in 2 MiB pages: 32 IOTLB entries, every TLP hits after warm-up, so no miss holds the stream
        for (double readFraction : new double[] {1, 0}) {
            double off = iops(run(Path.NONE, PageSize.SIZE_4K, readFraction, H, S));
            double on = iops(run(Path.IOMMU, PageSize.SIZE_2M, readFraction, H, S));
            assertThat(on / off).as("ratio, readFraction %s", readFraction).isCloseTo(1.0, within(0.01));
        }
    }

    @Test
    void passThroughDomain_isBoundByTheDevicesOwnTimeOnly() {
        double limit = (double) SimTime.S / H;
        assertThat(iops(run(Path.PASS_THROUGH, PageSize.SIZE_4K, 0, H, S))).isCloseTo(limit, withinPercentage(1));
    }

    @Test
    void missRatioM_givesOneOverHPlusSm() {
        // 16,384 pages of 4 KiB against the default 2,048-entry IOTLB: m about 0.875
        for (double readFraction : new double[] {1, 0}) {
            DeviceRig rig = run(Path.IOMMU, PageSize.SIZE_4K, readFraction, H, S);
            double m = 1 - (double) rig.counter("iommu.iotlb-served") / rig.counter("dev1.translations");
            assertThat(m).isBetween(0.8, 0.95);
            assertThat(iops(rig)).as("readFraction %s, m %.3f", readFraction, m)
                    .isCloseTo(SimTime.S / (H + S * m), withinPercentage(2));
        }
    }

    @Test
    void missHold_onAFreeStream_delaysTheNextRequestOnlyBySFromTheMiss() {
        // one DMA in flight: the stream is free at each miss, so s is not on any request's path; the read's
        // latency is the round trip plus the walk, as without a stream
        DeviceRig rig = new DeviceRig(3, TimedIommuConfig.defaults().withPipeline(new PipelineConfig(false, 0, 0, 0, 0,
                true, S)), 270 * SimTime.NS, CreditRig.GEN3_X8, WINDOW, PageSize.SIZE_4K);
        DeviceRig none = new DeviceRig(3, TimedIommuConfig.defaults(), 270 * SimTime.NS, CreditRig.GEN3_X8, WINDOW,
                PageSize.SIZE_4K);
        for (DeviceRig r : new DeviceRig[] {rig, none}) {
            r.device(DmaConfig.defaults().withRequestBytes(64).withMaxOutstanding(1).withMemoryLatency(270 * SimTime.NS)
                    .withRequestOccupancy(H), new IssueMode.ClosedLoop(1), PatternSpec.of("uniform", DeviceRig.BASE, WINDOW,
                    64)).start();
            r.stats.resetAfter(20 * SimTime.US);
            r.sim.runUntil(220 * SimTime.US);
        }
        assertThat(rig.engine.stats().meanLatencyPs()).isEqualTo(none.engine.stats().meanLatencyPs());
    }
}
