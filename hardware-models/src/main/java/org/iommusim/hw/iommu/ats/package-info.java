/**
 * PCIe Address Translation Services, the device-interface room of the timed IOMMU: the
 * translation caches (ATCs) of the devices that enable ATS and their link parameters.
 *
 * <ul>
 *   <li>{@link org.iommusim.hw.iommu.ats.AtsConfig}: one device's ATC geometry and the one-way
 *       PCIe latency of a translation request or completion.</li>
 *   <li>{@link org.iommusim.hw.iommu.ats.DeviceAtcs}: the ATCs themselves (lookup, fill, the
 *       effects of device-ATC invalidations) and the answers the invalidation room needs: which
 *       devices have ATCs, which (device, PASID) pairs hold a domain's entries.</li>
 *   <li>{@link org.iommusim.hw.iommu.ats.AtcPendingMisses}: an ATC's pending-miss entries, one
 *       per outstanding ATS translation request; later misses to that page merge with it.</li>
 * </ul>
 *
 * <p>The data path ({@code TimedIommu}) decides when a device looks in its ATC and when an ATS
 * request crosses the link; the invalidation room ({@code iommu.inval}) decides when device-ATC
 * descriptors are sent and take effect. Miss merging is per 4 KiB page. Does not model: ATS invalidation completion messages,
 * translated (pre-translated) requests and their checks, link contention, the ATC's own
 * invalidation queue in the device.
 */
package org.iommusim.hw.iommu.ats;
