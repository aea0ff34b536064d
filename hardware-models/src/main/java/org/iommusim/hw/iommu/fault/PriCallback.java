package org.iommusim.hw.iommu.fault;

/**
 * Told once, when the handler has answered a page request: the requester may retry its
 * access. Caller-owned (a device's pending-request state), so a request allocates nothing.
 */
@FunctionalInterface
public interface PriCallback {
    /** @param latencyPs time from the request to the response (now) */
    void pageReady(int device, int pasid, long address, long latencyPs);
}
