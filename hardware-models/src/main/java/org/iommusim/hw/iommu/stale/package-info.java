/**
 * Stale-use accounting as an observer of the timed IOMMU: which DMAs were served by a cached
 * translation (IOTLB, walk cache, nested TLB, device ATC, or a software shadow not yet synced)
 * whose mapping had been removed before the DMA was requested.
 *
 * <ul>
 *   <li>{@link org.iommusim.hw.iommu.stale.StaleUseTracker}: the removals pending until an
 *       invalidation covering them takes effect (recorded by the invalidation side), kept as rows
 *       of {@link org.iommusim.hw.iommu.stale.PendingRemovals}, which also answers the stale
 *       queries.</li>
 *   <li>{@link org.iommusim.hw.iommu.stale.StaleUseOracle}: receives the data path's fill, hit
 *       and removal hooks (slots through {@link org.iommusim.hw.cache.SlotListener}, requests and
 *       walks by their pool numbers), keeps every stamp and GPA beside the caches, judges each
 *       request and counts the stale uses.</li>
 * </ul>
 *
 * <p>The caches, walks and requests carry no stale-use state. Nothing here is thread-safe: one
 * instance per run, on the run's single simulation thread.
 */
package org.iommusim.hw.iommu.stale;
