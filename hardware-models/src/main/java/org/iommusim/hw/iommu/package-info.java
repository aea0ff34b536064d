/**
 * The timed IOMMU around its data path: the functional translation core ({@code translate},
 * {@code ioasid}) and the cache structures ({@code cache}) wired to the event kernel, the memory
 * model, the invalidation queue, the fault queue and PRI path, and the host CPU.
 *
 * <ul>
 *   <li>{@code datapath}: the translation data path ({@code TimedIommu}, the front the devices
 *       talk to; one translation process per request; the page walk).</li>
 *   <li>{@code stale}: stale-use accounting, an observer of the data path.</li>
 *   <li>Here: the configuration ({@link org.iommusim.hw.iommu.TimedIommuConfig},
 *       {@link org.iommusim.hw.iommu.PipelineConfig}, {@link org.iommusim.hw.iommu.WalkCacheLevels},
 *       {@link org.iommusim.hw.iommu.AtsConfig}); the caches shared by the data path and the
 *       invalidation side ({@link org.iommusim.hw.iommu.TranslationCaches},
 *       {@link org.iommusim.hw.iommu.ContextCache}); device ATCs ({@code DeviceAtcs}); faults
 *       ({@link org.iommusim.hw.iommu.FaultPath}); invalidations taking effect
 *       ({@link org.iommusim.hw.iommu.IommuInvalidations}); and the timed control plane
 *       ({@link org.iommusim.hw.iommu.TimedControlPlane}, {@link org.iommusim.hw.iommu.UnmapPolicy}).</li>
 *   <li>Extension points: {@link org.iommusim.hw.iommu.FaultReporter} (the host fault queue),
 *       {@link org.iommusim.hw.iommu.OwnerFaultHandler} (the owner of a bound table: its stage-1 faults),
 *       {@link org.iommusim.hw.iommu.PageRequestHandler} (who resolves recoverable faults).</li>
 * </ul>
 *
 * <p>Nothing here is thread-safe: one instance per run, on the run's single simulation thread.
 */
package org.iommusim.hw.iommu;
