package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.iommu.TimedIommuConfig;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.pagetable.PageSize;
import org.junit.jupiter.api.Test;

/**
 * The NIC's rings on PCIe: per packet RX writes the data and its descriptor back, TX also reads
 * its descriptor first; RX descriptors go back to the NIC a refill batch at a time, each batch
 * one descriptor read; interrupts are one per completion without moderation and one per
 * interval with it; a refill batch as large as the ring starves the NIC into drops.
 */
class NicRingProtocolTest {
    private static final double TEN_G = 10e9;

    private static NicRig drained(NicConfig c, long runPs) {
        NicRig r = new NicRig(5, TimedIommuConfig.defaults(), UnmapPolicy.strictPolicy(), c);
        r.nic.start();
        r.rig.sim.runUntil(runPs);
        r.nic.stop();
        r.rig.sim.runUntil(runPs + SimTime.MS);
        return r;
    }

    private static NicConfig pool(int rx, int tx, RingProtocol p) {
        return NicConfig.defaults().withRings(rx, tx).withLineRate(TEN_G)
                .withDriver(NicConfig.Driver.PREMAPPED_POOL, PageSize.SIZE_4K).withProtocol(p);
    }

    @Test
    void everyPacket_makesItsDataAndWriteBackDmas_andRxFetchesOncePerRefillBatch() {
        int ring = 256;
        int batch = 16;
        NicRig r = drained(pool(ring, ring, RingProtocol.defaults().withRefillBatch(batch)), SimTime.MS);
        long rxPackets = r.counter("nic.rx.packets");
        long txPackets = r.counter("nic.tx.packets");
        assertThat(rxPackets).isGreaterThan(200).isEqualTo(r.counter("nic.rx.arrivals"));
        assertThat(r.counter("nic.rx.dropped") + r.counter("nic.rx.dma-failures")).isZero();
        assertThat(r.counter("nic.rx.write-backs")).isEqualTo(rxPackets);
        assertThat(r.counter("nic.tx.write-backs")).isEqualTo(txPackets);
        assertThat(r.counter("nic.tx.descriptor-fetches")).as("one per TX packet").isEqualTo(txPackets);
        // the whole ring is posted at start, then every returned descriptor, a batch per read
        assertThat(r.counter("nic.rx.descriptor-fetches")).isEqualTo((ring + rxPackets) / batch);
        assertThat(r.counter("nic.rx.refills")).isEqualTo((ring + rxPackets) / batch);
        long dmas = 2 * rxPackets + 3 * txPackets + r.counter("nic.rx.descriptor-fetches")
                + r.counter("nic.rx.interrupts") + r.counter("nic.tx.interrupts");
        assertThat(r.counter("dev1.completed")).as("data, descriptors and MSI-X writes").isEqualTo(dmas);
    }

    @Test
    void withoutModeration_everyCompletionInterrupts() {
        NicConfig c = pool(64, 0, RingProtocol.defaults().withInterruptInterval(0)).withLineRate(1e9);
        NicRig r = drained(c, SimTime.MS);
        assertThat(r.counter("nic.rx.packets")).isGreaterThan(50);
        assertThat(r.counter("nic.rx.interrupts")).isEqualTo(r.counter("nic.rx.packets"));
    }

    @Test
    void withModeration_oneInterruptPerInterval() {
        long interval = 50 * SimTime.US;
        long run = 2 * SimTime.MS;
        NicRig r = drained(c(interval), run);
        long irqs = r.counter("nic.rx.interrupts");
        long packets = r.counter("nic.rx.packets");
        System.out.printf("10 Gb/s RX, ITR 50 us, 2 ms: %d packets, %d interrupts%n", packets, irqs);
        // completions every 1.23 us keep one pending from the first packet on (the pool map comes
        // first): the first at once, then one per interval, the last after the last packet
        double active = packets * 1e12 / c(interval).packetsPerSecond();
        assertThat(irqs).isBetween((long) (active / interval), (long) (active / interval) + 2);
        assertThat(irqs).isLessThan(run / interval + 2);
    }

    private static NicConfig c(long interval) {
        return pool(1024, 0, RingProtocol.defaults().withInterruptInterval(interval));
    }

    @Test
    void refillBatchAsLargeAsTheRing_starvesTheNic() {
        // 100 Gb/s: a packet every 123 ns, a 64-descriptor ring lasts 7.9 us, a packet's DMAs and
        // interrupt take a few us: returned one by one the NIC never runs out, returned 64 at once
        // the whole ring is in the driver's hands until its last packet is done
        NicConfig byOne = pool(64, 0, RingProtocol.defaults().withRefillBatch(1).withInterruptInterval(0))
                .withLineRate(100e9);
        NicConfig whole = pool(64, 0, RingProtocol.defaults().withRefillBatch(64).withInterruptInterval(0))
                .withLineRate(100e9);
        NicRig a = drained(byOne, 200 * SimTime.US);
        NicRig b = drained(whole, 200 * SimTime.US);
        System.out.printf("ring 64 at 100 Gb/s: refill 1 dropped %d, refill 64 dropped %d%n",
                a.counter("nic.rx.dropped"), b.counter("nic.rx.dropped"));
        assertThat(a.counter("nic.rx.dropped")).isZero();
        assertThat(b.counter("nic.rx.dropped")).isPositive();
    }
}
