/**
 * Faults and page requests, one room of the timed IOMMU: what happens to a translation that the
 * walk could not complete.
 *
 * <ul>
 *   <li>{@link org.iommusim.hw.iommu.fault.FaultPath}: the data path hands it a fault in plain
 *       values; it routes it to the table's owner ({@link org.iommusim.hw.iommu.fault.OwnerFaults},
 *       {@link org.iommusim.hw.iommu.fault.OwnerFaultHandler}) or to the host's
 *       {@link org.iommusim.hw.iommu.fault.FaultReporter}, and for a recoverable fault sends a
 *       page request and, at the response, lets the
 *       {@link org.iommusim.hw.iommu.fault.PageRequestHandler} map the page.</li>
 *   <li>{@link org.iommusim.hw.iommu.fault.FaultQueue}: the bounded host fault queue (overflow
 *       counted, never fatal; records in primitive arrays, {@code FaultRing}; a software handler
 *       that drains it, standalone or on host cores).</li>
 *   <li>{@link org.iommusim.hw.iommu.fault.PageRequestPath}: the PCIe PRI timing (a recoverable
 *       fault waits for the handler latency, then the requester retries).</li>
 * </ul>
 *
 * <p>The reason is the simulator's one {@link org.iommusim.hw.pagetable.FaultReason} (produced
 * by the functional walk); {@link org.iommusim.hw.iommu.fault.FaultStage} is the queue's view
 * of the stage. Devices, PASIDs and addresses are plain values: nothing here knows the data
 * path's requests.
 *
 * <p>Does not model: page-request groups, the page-request queue's depth and overflow,
 * response failure codes, the time a fault report takes to reach a guest owner.
 */
package org.iommusim.hw.iommu.fault;
