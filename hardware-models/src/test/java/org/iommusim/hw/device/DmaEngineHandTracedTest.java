package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.pagetable.FaultReason;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pcie.LinkConfig;
import org.iommusim.hw.pcie.LinkDirection;
import org.iommusim.hw.pcie.PcieGeneration;
import org.iommusim.hw.pcie.Tlps;
import org.junit.jupiter.api.Test;

/**
 * Single requests traced by hand: how a request splits into TLPs, each translated, and that its
 * latency is exactly the sum of its phases.
 */
class DmaEngineHandTracedTest {
    private static final long MEM = 80 * SimTime.NS;
    private static final LinkConfig LINK = LinkConfig.defaults().withLink(PcieGeneration.GEN3, 8);

    /** One request: closed loop of depth 1, stopped at once so it is not replaced. */
    private static DeviceRig one(DmaConfig config, long iova, long mapped) {
        DeviceRig rig = new DeviceRig(1, TimedIommuConfig.defaults(), 100 * SimTime.NS, LINK, mapped, PageSize.SIZE_4K);
        DmaEngine e = rig.device(config.withMaxOutstanding(1), new IssueMode.ClosedLoop(1),
                PatternSpec.of("sequential", iova, config.requestBytes(), config.requestBytes()));
        e.start();
        e.stop();
        rig.sim.run();
        return rig;
    }

    @Test
    void unalignedWrite_translatesEachOfItsMpsTlps() {
        // 8192 B at page offset 2100: [2100, 10292) touches pages 0, 1, 2 and MPS-256 blocks 8..40 = 33 TLPs.
        long iova = DeviceRig.BASE + 2100;
        DeviceRig rig = one(DmaConfig.defaults().withRequestBytes(8192).withReadFraction(0), iova, 1 << 20);

        assertThat(rig.counter("dev1.translations")).as("one per TLP").isEqualTo(33);
        assertThat(rig.counter("iommu.translations")).isEqualTo(33);
        // one walk per page, the page's other TLPs join it or hit; a TLP admitted late (16 per
        // device in the IOMMU) may miss just before its page's walk ends and walk again
        assertThat(rig.counter("iommu.walk.count")).isBetween(3L, 8L);
        assertThat(rig.counter("link.up.tlps")).isEqualTo(33);
        assertThat(rig.counter("link.up.wire-bytes")).isEqualTo(8192 + 33 * 24);
        assertThat(rig.counter("link.down.tlps")).as("a write has no completions").isZero();
        assertThat(rig.counter("dev1.write-bytes")).isEqualTo(8192);
        assertThat(rig.engine.stats().completed()).isEqualTo(1);
    }

    @Test
    void alignedRead_splitsRequestsAtMrrsAndCompletionsAtCompletionSize() {
        DeviceRig rig = one(DmaConfig.defaults().withRequestBytes(4096), DeviceRig.BASE, 1 << 20);

        assertThat(rig.counter("dev1.translations")).as("one per MRRS request TLP").isEqualTo(8);
        assertThat(rig.counter("link.up.tlps")).as("4096 / MRRS 512").isEqualTo(8);
        assertThat(rig.counter("link.up.payload-bytes")).isZero();
        assertThat(rig.counter("link.down.tlps")).as("4096 / 256").isEqualTo(16);
        assertThat(rig.counter("link.up.wire-bytes")).as("8 requests of 8 B framing + 4-DW header").isEqualTo(8 * 24);
        assertThat(rig.counter("link.down.wire-bytes")).as("16 completions of 8 B framing + 3-DW header")
                .isEqualTo(4096 + 16 * 20);
        assertThat(rig.counter("dev1.read-bytes")).isEqualTo(4096);
    }

    @Test
    void readLatency_isSumOfPhases() {
        DeviceRig rig = one(DmaConfig.defaults().withRequestBytes(4096).withMemoryLatency(MEM), DeviceRig.BASE,
                1 << 20);
        long translation = rig.engine.stats().translationBlockedPs();
        long up = LINK.serializationPs(Tlps.readRequestWireBytes(0, 4096, 512, 24));
        long down = rig.link.transferTimePs(4096, LinkDirection.DOWNSTREAM);
        long expected = up + LINK.latencyPs() + translation + MEM + down + LINK.latencyPs();

        assertThat(translation).as("a cold 4-level walk with 4 context reads").isGreaterThanOrEqualTo(400 * SimTime.NS);
        assertThat((long) rig.engine.stats().meanLatencyPs()).isEqualTo(expected);
        assertThat((double) rig.engine.stats().translationLatency().percentile(100)).as("histogram, 3 digits")
                .isCloseTo(translation, org.assertj.core.api.Assertions.withinPercentage(0.1));
    }

    @Test
    void unmappedPage_abortsRequestAndCountsFaultByReason() {
        // 8192 B starting at the last mapped page: page 0 translates, page 1 is not present.
        long mapped = 1 << 20;
        DeviceRig rig = one(DmaConfig.defaults().withRequestBytes(8192), DeviceRig.BASE + mapped - 4096, mapped);

        assertThat(rig.engine.stats().aborted()).isEqualTo(1);
        assertThat(rig.engine.stats().completed()).isZero();
        assertThat(rig.engine.stats().faults(FaultReason.NOT_PRESENT)).as("the 8 request TLPs of page 1")
                .isEqualTo(8);
        assertThat(rig.counter("dev1.bytes")).isZero();
        assertThat(rig.counter("link.down.tlps")).as("no completions for an aborted read").isZero();
        assertThat(rig.engine.outstanding()).isZero();
    }
}
