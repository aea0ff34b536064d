/**
 * The timed translation data path: what happens to one DMA TLP's translation request inside the
 * IOMMU, each flow in one class that reads top to bottom.
 *
 * <ul>
 *   <li>{@link org.iommusim.hw.iommu.datapath.TimedIommu}: the front the devices talk to
 *       ({@code translate}) and the configuration and observation surface.</li>
 *   <li>{@code TranslationProcess}: one request, its continuations in execution order (arrive →
 *       ATC (the device side, in its base class {@code AtcSteps}) → admit → context → IOTLB → miss slot → walk → walked → complete or fault → ATS
 *       return → hand back in order); {@code IommuUnits} are the shared units it uses
 *       ({@code Admission}, {@code DevicePipelines}, the caches, {@code PageWalkers},
 *       {@code DataPathStats}). {@code TlpRuns}: the consecutive TLPs of one page that arrive
 *       together travel as one process carrying their count where that is the same as one by one
 *       ({@code translateRun}); a TLP arriving alone behind its DMA's waiting run joins it
 *       ({@code WaitingRuns}).</li>
 *   <li>{@code Walk}: one page walk, its steps in order (slot → functional trace → plan
 *       ({@code WalkPlanner}, {@code WalkPlan}) → PTE reads through {@code PteReadPort} → fill
 *       port → fill → results), given everything it uses at construction ({@code WalkUnits});
 *       {@code InFlightWalks} is the joinable list and the pool.</li>
 *   <li>Extension points: {@link org.iommusim.hw.iommu.datapath.PteMemory} (where PTE reads go),
 *       {@link org.iommusim.hw.iommu.datapath.TranslationCallback} (who hears results; a
 *       {@link org.iommusim.hw.iommu.datapath.RunCallback} also hears runs),
 *       {@link org.iommusim.hw.iommu.datapath.LazyFillSink} (who prices lazy shadow fills).</li>
 * </ul>
 *
 * <p>The caches themselves ({@code hw.iommu.TranslationCaches}, {@code ContextCache}) are shared
 * with the invalidation side; stale-use accounting watches from {@code hw.iommu.stale}. Nothing
 * here is thread-safe: one instance per run, on the run's single simulation thread.
 */
package org.iommusim.hw.iommu.datapath;
