package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.pcie.LinkConfig;
import org.junit.jupiter.api.Test;

/**
 * Posted writes (PCIe: a memory write gets no completion): the device's tag comes back when the
 * write's last TLP has left the device, so the write rate is bounded by the link and the root
 * port's posted credits, not by tags × the time to memory. Closed forms on a gen3 x8 link
 * (B = 7.7784 GB/s of TLP bandwidth), 158 ns one way, no IOMMU on the path.
 */
class PostedWriteTest {
    private static final LinkConfig GEN3_X8 = CreditRig.GEN3_X8;

    private static DmaEngine run(LinkConfig link, int tags, int bytes) {
        return CreditRig.run(link, 0, tags, bytes);
    }

    @Test
    void postedWrite_freesItsTagWhenItsLastTlpLeaves() {
        DmaEngine e = run(GEN3_X8, 1, 64);
        double serialise = GEN3_X8.serializationPs(64 + GEN3_X8.requestOverheadBytes());
        // one tag, yet back-to-back on the link: 88 B per write, 11.3 ns each (was 1 / 439 ns)
        assertThat(e.stats().iops()).isCloseTo(SimTime.S / serialise, withinPercentage(0.5));
        assertThat(e.stats().meanTagTimePs()).isCloseTo(serialise, withinPercentage(0.5));
        // the write itself still ends when its data is in memory
        assertThat(e.stats().meanLatencyPs()).isCloseTo(serialise + 158_000 + 270_000, withinPercentage(0.5));
    }

    @Test
    void postedCredits_boundWritesByCreditsOverTheirRoundTrip() {
        LinkConfig link = GEN3_X8.withPostedCredits(4, 160);
        DmaEngine e = run(link, 32, 64);
        // a header credit is held from send to arrival (serialisation + 158 ns) plus the UpdateFC's 158 ns back
        double roundTrip = link.serializationPs(88) + 2 * 158_000.0;
        assertThat(e.stats().iops()).isCloseTo(4 * SimTime.S / roundTrip, withinPercentage(1));
    }

    @Test
    void postedDataCredits_boundLargeWritesTlpByTlp() {
        // 4 KiB writes need 256 data credits but the port has 32 (two 256 B TLPs): sent TLP by TLP, never stuck
        LinkConfig link = GEN3_X8.withPostedCredits(32, 32);
        DmaEngine e = run(link, 4, 4096);
        double roundTrip = link.serializationPs(256 + link.requestOverheadBytes()) + 2 * 158_000.0;
        double tlpsPerSecond = 2 * SimTime.S / roundTrip;
        assertThat(e.stats().iops()).isCloseTo(tlpsPerSecond / 16, withinPercentage(1));
    }

    @Test
    void writesWaitingForTheIommu_holdTheirPostedCredits_unlessTheDeviceTranslatesThemWithAts() {
        // one translation at a time, 1 us walks: without ATS a write TLP waits for admission in the root port and
        // holds its credits; with ATS the device sends it once translated (ATC miss: ATS round trip first), so the
        // root port frees it on arrival: a credit is held one TLP's serialisation + 158 ns up + 158 ns back
        double creditCycle = GEN3_X8.serializationPs(64 + GEN3_X8.requestOverheadBytes()) + 2 * 158_000.0;
        assertThat(postedCreditHoldingPs(true)).as("with ATS").isCloseTo(creditCycle, withinPercentage(2));
        assertThat(postedCreditHoldingPs(false)).as("without ATS").isGreaterThan(3 * creditCycle);
    }

    private static double postedCreditHoldingPs(boolean ats) {
        return CreditRig.headerCreditHoldingPs(GEN3_X8.withPostedCredits(8, 64), 0, ats, "posted");
    }
}
