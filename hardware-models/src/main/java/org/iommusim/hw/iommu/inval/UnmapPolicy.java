package org.iommusim.hw.iommu.inval;

import org.iommusim.core.kernel.SimTime;

/**
 * When an unmap's IOMMU invalidation happens (DESIGN §1, "Invalidation and security").
 * <ul>
 *   <li><b>strict</b>: the unmap submits its invalidation descriptors and a wait descriptor and
 *       completes only when the wait has, holding its core meanwhile (Linux {@code iommu.strict=1}).
 *       No stale translation can be used after the unmap returns.</li>
 *   <li><b>lazy</b> (Linux's flush queue): the unmap returns once the tables are changed; its
 *       invalidations wait in a flush queue that is drained (descriptors plus one wait) when it
 *       holds {@code batchSize} invalidations or {@code flushTimeoutPs} after its oldest entry.
 *       Defaults 256 entries and 10 ms: {@code IOVA_FQ_SIZE} and {@code IOVA_FQ_TIMEOUT} of
 *       Linux {@code drivers/iommu/dma-iommu.c}. A timeout of 0 means no deferral: each unmap
 *       drains the queue and completes when the drain has, as in strict mode.</li>
 * </ul>
 */
public record UnmapPolicy(boolean strict, int batchSize, long flushTimeoutPs) {
    public static final int DEFAULT_BATCH = 256;
    public static final long DEFAULT_TIMEOUT_PS = 10 * SimTime.MS;

    public UnmapPolicy {
        if (batchSize < 1) {
            throw new IllegalArgumentException("flush-queue batch size must be >= 1, got " + batchSize);
        }
        if (flushTimeoutPs < 0) {
            throw new IllegalArgumentException("flush timeout must be >= 0 ps, got " + flushTimeoutPs);
        }
    }

    public static UnmapPolicy strictPolicy() {
        return new UnmapPolicy(true, 1, 0);
    }

    public static UnmapPolicy lazy(int batchSize, long flushTimeoutPs) {
        return new UnmapPolicy(false, batchSize, flushTimeoutPs);
    }

    /** Lazy with Linux's flush-queue defaults. */
    public static UnmapPolicy defaults() {
        return lazy(DEFAULT_BATCH, DEFAULT_TIMEOUT_PS);
    }

    /** Whether an unmap waits for its invalidation before it completes. */
    public boolean synchronous() {
        return strict || flushTimeoutPs == 0;
    }
}
