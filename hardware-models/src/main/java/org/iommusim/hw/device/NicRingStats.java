package org.iommusim.hw.device;

import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.Tally;

/**
 * Statistics of one {@link NicRing}, under its prefix: {@code arrivals}, {@code packets}
 * (returned after a successful DMA), {@code dropped}, {@code map-failures},
 * {@code dma-failures}, {@code packet-time} (arrival to the descriptor's return, ps),
 * {@code descriptor-fetches}, {@code write-backs}, {@code interrupts} and {@code refills} (RX
 * tail writes).
 */
final class NicRingStats {
    final Counter arrivalCount;
    final Counter packets;
    final Counter dropped;
    final Counter mapFailures;
    final Counter dmaFailures;
    final Counter fetches;
    final Counter writeBacks;
    final Counter interrupts;
    final Counter refills;
    final Tally packetTime;

    NicRingStats(StatsRegistry registry, String prefix) {
        String p = prefix + ".";
        arrivalCount = registry.counter(p + "arrivals", "packets", "packets that arrived at the ring");
        packets = registry.counter(p + "packets", "packets", "packets whose buffer DMA completed");
        dropped = registry.counter(p + "dropped", "packets", "packets dropped: next descriptor not the NIC's");
        mapFailures = registry.counter(p + "map-failures", "packets", "per-packet buffer maps rejected");
        dmaFailures = registry.counter(p + "dma-failures", "packets", "packets whose DMA a translation fault aborted");
        fetches = registry.counter(p + "descriptor-fetches", "DMAs", "descriptor reads by the NIC");
        writeBacks = registry.counter(p + "write-backs", "DMAs", "descriptor write-backs by the NIC");
        interrupts = registry.counter(p + "interrupts", "interrupts", "MSI-X interrupts of the ring (moderated)");
        refills = registry.counter(p + "refills", "tail writes", "RX descriptor batches returned to the NIC");
        packetTime = registry.tally(p + "packet-time", "ps", "packet arrival to its descriptor being returned");
    }
}
