package org.iommusim.hw.iommu.fault;

import org.iommusim.hw.pagetable.Access;

/**
 * The page requests of one PCIe page request group (PRG) as they reach the host: one device and
 * PASID, {@link #size()} 4 KiB pages sharing a PRG index, the last with the Last bit set. The
 * host answers the group once ({@link #answered}); the device then retries the translations of
 * every page of it.
 */
public interface PageGroup {
    int device();

    int pasid();

    /** Page requests in the group (at least 1). */
    int size();

    /** The 4 KiB page address of request {@code i}, 0 ≤ i &lt; {@link #size()}. */
    long page(int i);

    /** The access the device asks for (its page requests' R/W bits). */
    Access access();

    /**
     * The group's response reached the device: software handled every request of it, or
     * ({@code automatic}) the hardware answered Success without queueing it (the page request
     * queue had no room) and nothing was mapped. {@code latencyPs}: request to response.
     */
    void answered(boolean automatic, long latencyPs);
}
