/**
 * Faults and page requests, one room of the timed IOMMU: what happens to a translation that the
 * walk could not complete.
 *
 * <ul>
 *   <li>{@link org.iommusim.hw.iommu.fault.FaultPath}: the data path hands it a fault in plain
 *       values; it routes it to the table's owner ({@link org.iommusim.hw.iommu.fault.OwnerFaults},
 *       {@link org.iommusim.hw.iommu.fault.OwnerFaultHandler}) or to the host's
 *       {@link org.iommusim.hw.iommu.fault.FaultReporter}; a recoverable fault it records
 *       nowhere (the failed translation goes back to its device).</li>
 *   <li>{@link org.iommusim.hw.iommu.fault.FaultQueue}: the bounded host fault queue (overflow
 *       counted, never fatal; records in primitive arrays, {@code FaultRing}; a software handler
 *       that drains it, standalone or on host cores).</li>
 *   <li>{@link org.iommusim.hw.iommu.fault.PageRequestGroups}: the device side of PCIe PRI — a
 *       DMA's failed pages as one page request group under the device's outstanding-request
 *       allocation, and the retry of its translations at the group's response.</li>
 *   <li>{@link org.iommusim.hw.iommu.fault.PageRequestPath}: the host side — the page request
 *       queue (a group that does not fit is auto-responded), the handler latency, the
 *       {@link org.iommusim.hw.iommu.fault.PageRequestHandler} mapping a group's pages, and one
 *       response per group ({@link org.iommusim.hw.iommu.fault.PageGroup}).</li>
 * </ul>
 *
 * <p>The reason is the simulator's one {@link org.iommusim.hw.pagetable.FaultReason} (produced
 * by the functional walk); {@link org.iommusim.hw.iommu.fault.FaultStage} is the queue's view
 * of the stage. Devices, PASIDs and addresses are plain values: nothing here knows the data
 * path's requests.
 *
 * <p>Does not model: Stop PASID markers, response failure codes, the time a fault report takes
 * to reach a guest owner.
 */
package org.iommusim.hw.iommu.fault;
