/**
 * Invalidation, one room of the timed IOMMU (gem5's SMMU "command execution"): how a change of
 * the translation tables reaches the caches that still remember the old translation.
 *
 * <ul>
 *   <li>{@link org.iommusim.hw.iommu.inval.InvalidationSubmitter}: the host driver's side —
 *       turns the control plane's {@code Invalidation}s into descriptors
 *       ({@link org.iommusim.hw.iommu.inval.InvBatch}; ranges split into aligned power-of-two
 *       blocks by the one descriptor-counting rule, {@link org.iommusim.hw.pagetable.RangeSplitter}),
 *       device-ATC descriptors for ATS devices, and an optional wait descriptor that runs a
 *       continuation.</li>
 *   <li>{@link org.iommusim.hw.iommu.inval.InvalidationQueue} (configured by
 *       {@link org.iommusim.hw.iommu.inval.InvQueueConfig}): the bounded queue, FIFO processing
 *       one descriptor at a time, blocking submitters, wait descriptors.</li>
 *   <li>{@link org.iommusim.hw.iommu.inval.IommuInvalidations}: each descriptor takes effect
 *       at the end of its processing — in the IOMMU's caches
 *       ({@link org.iommusim.hw.iommu.inval.InvalidationTarget}, implemented by the data path),
 *       in the device ATCs, and in the stale-use accounting
 *       ({@link org.iommusim.hw.iommu.inval.StaleUseRecord}), which also hears every functional
 *       removal at the instant it happens. This is the only path into the caches.</li>
 *   <li>{@link org.iommusim.hw.iommu.inval.UnmapPolicy}: strict unmaps, or lazy ones with
 *       Linux's flush queue (the flush queue itself runs in the timed control plane).</li>
 * </ul>
 *
 * <p>Ids (domain, PASID, device) are plain ints so any control plane can drive the queue.
 * Does not model: invalidation-completion interrupts, invalidation time-outs and queue errors,
 * the driver's over-invalidation to save descriptors.
 */
package org.iommusim.hw.iommu.inval;
