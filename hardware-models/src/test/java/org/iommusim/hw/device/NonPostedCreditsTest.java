package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.pcie.LinkConfig;
import org.iommusim.hw.pcie.PcieGeneration;
import org.junit.jupiter.api.Test;

/**
 * Reads need a tag and one non-posted-header credit of the root port per request TLP; whichever
 * runs out first bounds the reads in flight. A credit is held from the send to the request's
 * arrival at the root port (serialisation + one link latency, no IOMMU on the path) plus the
 * UpdateFC's link latency back; a tag for the whole round trip. Closed forms on a gen3 x8 link,
 * 158 ns one way, 270 ns to memory (docs/CALIBRATION.md, PCIe link).
 */
class NonPostedCreditsTest {
    private static final LinkConfig GEN3_X8 = CreditRig.GEN3_X8;

    private static DmaEngine run(LinkConfig link, int tags, int bytes) {
        return CreditRig.run(link, 1, tags, bytes);
    }

    /** One read's round trip with no contention: request up, memory, completion down. */
    private static double roundTrip(LinkConfig link, int bytes) {
        return link.serializationPs(link.requestOverheadBytes()) + 158_000.0 + 270_000.0
                + link.serializationPs(bytes + link.completionOverheadBytes()) + 158_000.0;
    }

    @Test
    void nonPostedCredits_bindWhenFewerThanTheTagsTheyCycle() {
        LinkConfig link = GEN3_X8.withNonPostedCredits(2);
        DmaEngine e = run(link, 32, 64);
        // a credit cycles in serialisation + 158 ns up + 158 ns UpdateFC back: 2 credits, not 32 tags, bound
        double creditCycle = link.serializationPs(link.requestOverheadBytes()) + 2 * 158_000.0;
        assertThat(e.stats().iops()).isCloseTo(2 * SimTime.S / creditCycle, withinPercentage(1));
        assertThat(e.stats().iops()).isLessThan(32 * SimTime.S / roundTrip(link, 64));
    }

    @Test
    void nonPostedCredits_doNotBindWhenTheyCoverTheirCycle() {
        // Intel IIO x8: 36 credits; 32 tags make 32 / 605 ns, below 36 / 319 ns: tags bind, as with 4096 credits
        DmaEngine iio = run(GEN3_X8.withNonPostedCredits(36), 32, 64);
        DmaEngine plenty = run(GEN3_X8.withNonPostedCredits(4096), 32, 64);
        assertThat(iio.stats().iops()).isCloseTo(32 * SimTime.S / roundTrip(GEN3_X8, 64), withinPercentage(1));
        assertThat(iio.stats().iops()).isEqualTo(plenty.stats().iops());
    }

    @Test
    void defaultAdvertisement_scalesTheIioGen2PoolWithTheLaneRate() {
        assertThat(LinkConfig.scaledNonPostedHeaderCredits(PcieGeneration.GEN2, 8)).isEqualTo(36);
        assertThat(LinkConfig.scaledNonPostedHeaderCredits(PcieGeneration.GEN2, 16)).isEqualTo(72);
        assertThat(LinkConfig.scaledNonPostedHeaderCredits(PcieGeneration.GEN3, 8)).isEqualTo(71);
        assertThat(LinkConfig.scaledNonPostedHeaderCredits(PcieGeneration.GEN4, 4)).isEqualTo(71);
        assertThat(LinkConfig.scaledNonPostedHeaderCredits(PcieGeneration.GEN4, 16)).isEqualTo(284);
        assertThat(GEN3_X8.nonPostedHeaderCreditsAdvertised()).as("0 = the default").isEqualTo(71);
        assertThat(GEN3_X8.withNonPostedCredits(36).nonPostedHeaderCreditsAdvertised()).isEqualTo(36);
    }

    @Test
    void readWithMoreRequestsThanCredits_isSentInChunksAndCompletes() {
        // a 64 KiB read is 128 MRRS requests, more than the 36 credits: sent as credits come back, never stuck
        LinkConfig link = GEN3_X8.withNonPostedCredits(36);
        DmaEngine e = run(link, 1, 65536);
        double creditCycle = link.serializationPs(36L * link.requestOverheadBytes()) + 2 * 158_000.0;
        // 128 requests need 4 credit cycles (36 + 36 + 36 + 20); the completions (64 KiB downstream) follow
        assertThat(e.stats().iops()).isGreaterThan(0);
        assertThat(e.stats().meanLatencyPs()).isGreaterThan(3 * creditCycle);
        assertThat(run(GEN3_X8.withNonPostedCredits(4096), 1, 65536).stats().meanLatencyPs())
                .isLessThan(e.stats().meanLatencyPs());
    }

    @Test
    void nonPostedCredits_areTakenPerRequestTlp() {
        // a 2 KiB read is 4 MRRS (512 B) requests: 4 credits carry 4 request TLPs per credit cycle, one read's worth;
        // a read that finds too few free sends what it can and the rest as credits return, so each credit cycles
        // in one request's serialisation + 158 ns up + 158 ns back
        LinkConfig link = GEN3_X8.withNonPostedCredits(4);
        DmaEngine e = run(link, 8, 2048);
        double creditCycle = link.serializationPs(link.requestOverheadBytes()) + 2 * 158_000.0;
        assertThat(e.stats().iops()).isCloseTo(4 * SimTime.S / creditCycle / 4, withinPercentage(1));
    }

    @Test
    void readsWaitingForTheIommu_holdTheirCredits_unlessTheDeviceTranslatesThemWithAts() {
        // one translation at a time, 4 us walks: without ATS a read's request waits for admission in the root port
        // and holds its credit; with ATS the device sends translated requests, freed on arrival: a credit is then
        // held one request's serialisation + 158 ns up + 158 ns back (Little's law: held = in use / request rate)
        double creditCycle = GEN3_X8.serializationPs(GEN3_X8.requestOverheadBytes()) + 2 * 158_000.0;
        assertThat(creditHoldingPs(true)).as("with ATS").isCloseTo(creditCycle, withinPercentage(2));
        assertThat(creditHoldingPs(false)).as("without ATS").isGreaterThan(3 * creditCycle);
    }

    private static double creditHoldingPs(boolean ats) {
        return CreditRig.headerCreditHoldingPs(GEN3_X8.withNonPostedCredits(8), 1, ats, "non-posted");
    }
}
