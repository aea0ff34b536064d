/**
 * The timed IOMMU: the functional translation core ({@code translate}, {@code ioasid}) and the
 * cache structures ({@code cache}) wired to the event kernel, the memory model, the
 * invalidation queue, the fault queue and PRI path, and the host CPU.
 *
 * <ul>
 *   <li>{@link org.iommusim.hw.iommu.TimedIommu} (configured by
 *       {@link org.iommusim.hw.iommu.TimedIommuConfig}, per-level walk caches
 *       {@link org.iommusim.hw.iommu.WalkCacheLevels}): the data path — in-flight bounds,
 *       IOTLB, walkers with joined walks, trace replay through the walk caches and nested TLB
 *       ({@code WalkPlanner}, {@code Walk}), fills, faults (handed to {@code iommu.fault}), the context/PASID
 *       cache ({@code ContextCache}), device ATCs with ATS (looked up and filled here; the caches are {@code iommu.ats}),
 *       statistics.</li>
 *   <li>{@link org.iommusim.hw.iommu.IommuInvalidations}: invalidation descriptors taking effect
 *       in the caches, and the exact stale-use bookkeeping ({@code StaleUseTracker}).</li>
 *   <li>{@link org.iommusim.hw.iommu.TimedControlPlane}: control-plane operations on host cores
 *       with costs from their work, their invalidations through the queue, and the strict or
 *       lazy {@link org.iommusim.hw.iommu.UnmapPolicy}.</li>
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
