/**
 * Invalidation, one room of the timed IOMMU (gem5's SMMU "command execution"): how a change of
 * the translation tables reaches the caches that still remember the old translation.
 *
 * <ul>
 *   <li>{@link org.iommusim.hw.iommu.inval.QueueFormats}: the registry of architectures (Intel
 *       VT-d queued invalidation, Arm SMMUv3 command queue, AMD-Vi command buffer), one
 *       {@link org.iommusim.hw.iommu.inval.QueueFormat} record each with its Linux queue size and
 *       its {@link org.iommusim.hw.iommu.inval.QueueDriver} — what that architecture's Linux
 *       driver writes per operation ({@link org.iommusim.hw.iommu.inval.InvCommand}s, each with an
 *       effect {@link org.iommusim.hw.iommu.inval.InvKind}); the stage-2 flush under nesting
 *       ({@link org.iommusim.hw.iommu.inval.Stage2Flush}); explicit commands
 *       ({@link org.iommusim.hw.iommu.inval.ExplicitInvalidation}).</li>
 *   <li>{@link org.iommusim.hw.iommu.inval.InvalidationSubmitter}: the host driver's side —
 *       turns the control plane's {@code Invalidation}s into the format's commands
 *       ({@link org.iommusim.hw.iommu.inval.InvBatch}), books device-ATC round trips, and ends a
 *       batch with the format's wait command that runs a continuation.</li>
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
 * SMMUv3 without range commands, Linux's batching of several operations' commands into one
 * submission.
 */
package org.iommusim.hw.iommu.inval;
