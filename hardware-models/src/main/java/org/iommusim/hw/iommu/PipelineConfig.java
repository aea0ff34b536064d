package org.iommusim.hw.iommu;

/**
 * How the {@code TimedIommu} orders and overlaps the translations of one device, and what a walk
 * occupies besides its latency. Defaults keep every mechanism off (translations complete out of
 * order, misses overlap up to the walkers, a walk holds only its walker slot); each value is a
 * scenario parameter, and docs/CALIBRATION.md gives the sources of the values a host preset uses.
 * <ul>
 *   <li>{@code inOrder} = false: true — the device's translations leave the IOMMU in arrival order
 *       (a reorder buffer per device: a finished translation waits for every older one of its
 *       device), and the pipeline stalls when a miss cannot get a miss slot: the requests behind
 *       it are not looked up until it has one (head-of-line blocking). False — a finished
 *       translation may overtake up to {@code reorderWindow − 1} older unfinished ones.</li>
 *   <li>{@code reorderWindow} = 0: 0 = unlimited (fully out of order); only without
 *       {@code inOrder}.</li>
 *   <li>{@code missesPerDevice} = 0: pending-miss slots per device (miss-status registers): a
 *       device's IOTLB misses beyond this wait for one of its misses to finish; 0 = unlimited (the
 *       walkers bound them).</li>
 *   <li>{@code pteReadsInFlight} = 0: PTE reads the walkers may have outstanding at once (the
 *       walkers' read port); a walk's next read waits for a free one; 0 = unlimited.</li>
 *   <li>{@code fillPs} = 0: time a finished walk keeps its walker slot to write the IOTLB and walk
 *       caches (the fill path) before its requests complete.</li>
 *   <li>{@code hitLatencyHidden} = true: a context-cache hit and an IOTLB hit add no latency — the
 *       lookups are pipelined with the root complex's request processing, as pcie-bench's
 *       unchanged read latency for windows within the IOTLB shows; false charges both lookup
 *       latencies on hits too. Misses always pay the lookups before the walk.</li>
 *   <li>{@code missOccupancyPs} = 0: the time an IOTLB miss holds its device's request stream
 *       (the root port's in-order translation of the stream stalls while the miss takes a
 *       page-walk-tracker entry and the request is parked for re-dispatch): the device's next
 *       request TLP is not taken in meanwhile, so each miss adds a constant serial time to its
 *       device's stream whatever the hits around it. A miss that joins the walk in flight for
 *       its page merges into it and holds nothing (one walk-tracker entry per walk). The stream and the device's own time per
 *       request TLP are the device's ({@code hw.device.RequestStream}); the IOMMU tells the
 *       requester ({@code TranslationCallback#streamHeld}). Not latency: the miss's own walk is
 *       not delayed.</li>
 * </ul>
 */
public record PipelineConfig(boolean inOrder, int reorderWindow, int missesPerDevice, int pteReadsInFlight,
                             long fillPs, boolean hitLatencyHidden, long missOccupancyPs) {

    public PipelineConfig {
        if (reorderWindow < 0) {
            throw new IllegalArgumentException("reorderWindow must be >= 0 (0 = unlimited), got " + reorderWindow);
        }
        if (inOrder && reorderWindow > 1) {
            throw new IllegalArgumentException("reorderWindow " + reorderWindow
                    + " contradicts inOrder (in order means a window of 1); set one of them");
        }
        if (missesPerDevice < 0) {
            throw new IllegalArgumentException("missesPerDevice must be >= 0 (0 = unlimited), got " + missesPerDevice);
        }
        if (pteReadsInFlight < 0) {
            throw new IllegalArgumentException("pteReadsInFlight must be >= 0 (0 = unlimited), got "
                    + pteReadsInFlight);
        }
        if (fillPs < 0) {
            throw new IllegalArgumentException("fillPs must be >= 0, got " + fillPs);
        }
        if (missOccupancyPs < 0) {
            throw new IllegalArgumentException("missOccupancyPs must be >= 0, got " + missOccupancyPs);
        }
    }

    /** The mechanisms of the first six values; a miss holds no request stream (miss occupancy 0). */
    public PipelineConfig(boolean inOrder, int reorderWindow, int missesPerDevice, int pteReadsInFlight,
                          long fillPs, boolean hitLatencyHidden) {
        this(inOrder, reorderWindow, missesPerDevice, pteReadsInFlight, fillPs, hitLatencyHidden, 0);
    }

    /** The defaults: out of order, unlimited, no fill time, hits add no latency, a miss holds no stream. */
    public static PipelineConfig defaults() {
        return new PipelineConfig(false, 0, 0, 0, 0, true, 0);
    }

    /** The reorder window in effect: 1 in order, else {@code reorderWindow} (0 = unlimited). */
    public int window() {
        return inOrder ? 1 : reorderWindow;
    }
}
