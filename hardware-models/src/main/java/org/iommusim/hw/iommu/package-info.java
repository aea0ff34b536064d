/**
 * The timed IOMMU, one room per sub-package, as gem5 splits its SMMU: the translation data path
 * ({@code datapath}: {@code TimedIommu}, the front the devices talk to, one translation process
 * per request, the page walk), stale-use accounting as its observer ({@code stale}), faults and
 * page requests ({@code fault}), invalidation ({@code inval}), device ATCs ({@code ats}) and the
 * host CPU with the timed control plane ({@code control}).
 *
 * <ul>
 *   <li>Here: the configuration ({@link org.iommusim.hw.iommu.TimedIommuConfig},
 *       {@link org.iommusim.hw.iommu.PipelineConfig}, {@link org.iommusim.hw.iommu.WalkCacheLevels});
 *       the caches shared by the data path and the invalidation side
 *       ({@link org.iommusim.hw.iommu.TranslationCaches}, {@link org.iommusim.hw.iommu.ContextCache}
 *       with {@link org.iommusim.hw.iommu.ContextStageTwo}, the stage-2 translation of context
 *       structures addressed by IPA) and {@code CacheInvalidation}, where invalidation descriptors take effect in them.</li>
 * </ul>
 *
 * <p>Nothing here is thread-safe: one instance per run, on the run's single simulation thread.
 */
package org.iommusim.hw.iommu;
