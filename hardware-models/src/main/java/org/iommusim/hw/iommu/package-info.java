/**
 * The timed IOMMU's translation data path: the functional translation core ({@code translate},
 * {@code ioasid}) and the cache structures ({@code cache}) wired to the event kernel and the
 * memory model. The other rooms are sub-packages: {@code iommu.fault} (faults and page
 * requests), {@code iommu.inval} (invalidation), {@code iommu.ats} (device ATCs) and the timed
 * control plane on the host CPU.
 *
 * <ul>
 *   <li>{@link org.iommusim.hw.iommu.TimedIommu} (configured by
 *       {@link org.iommusim.hw.iommu.TimedIommuConfig}, per-level walk caches
 *       {@link org.iommusim.hw.iommu.WalkCacheLevels}): the data path — in-flight bounds,
 *       IOTLB, walkers with joined walks, trace replay through the walk caches and nested TLB
 *       ({@code WalkPlanner}, {@code Walk}), fills, faults (handed to {@code iommu.fault}),
 *       the context/PASID cache ({@code ContextCache}), device ATCs with ATS (looked up and filled
 *       here; the caches are {@code iommu.ats}), statistics.</li>
 *   <li>{@code CacheInvalidation}: where invalidation descriptors of {@code iommu.inval} take
 *       effect in the caches; {@code StaleUseTracker}: the exact stale-use bookkeeping.</li>
 *   <li>{@link org.iommusim.hw.iommu.control.TimedControlPlane}: control-plane operations on host cores
 *       with costs from their work, their invalidations through the queue, and the strict or
 *       lazy {@link org.iommusim.hw.iommu.inval.UnmapPolicy}.</li>
 *   <li>Extension points: {@link org.iommusim.hw.iommu.PteMemory} (where PTE reads go),
 *       {@link org.iommusim.hw.iommu.fault.FaultReporter} (the host fault queue),
 *       {@link org.iommusim.hw.iommu.fault.OwnerFaultHandler} (the owner of a bound table: its stage-1 faults),
 *       {@link org.iommusim.hw.iommu.fault.PageRequestHandler} (who resolves recoverable faults),
 *       {@link org.iommusim.hw.iommu.TranslationCallback} (who hears results).</li>
 * </ul>
 *
 * <p>Nothing here is thread-safe: one instance per run, on the run's single simulation thread.
 */
package org.iommusim.hw.iommu;
