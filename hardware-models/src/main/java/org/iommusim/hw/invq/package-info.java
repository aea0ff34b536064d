/**
 * The IOMMU's invalidation queue as a timed component:
 * {@link org.iommusim.hw.invq.InvalidationQueue} (bounded ring, FIFO processing one
 * descriptor at a time, blocking submitters, wait descriptors),
 * {@link org.iommusim.hw.invq.InvQueueConfig} (depth, per-kind processing times, range limit),
 * {@link org.iommusim.hw.invq.InvBatch} (a submitter's reusable descriptor list) and
 * {@link org.iommusim.hw.invq.RangeSplitter} (arbitrary page range to aligned power-of-two
 * descriptors).
 *
 * <p>Nothing here touches a cache: the {@link org.iommusim.hw.invq.InvalidationEffect} hook
 * tells the timing model when each descriptor takes effect, and that model drops the entries.
 * Ids (domain, PASID, device) are plain ints so any control plane can drive the queue.
 */
package org.iommusim.hw.invq;
