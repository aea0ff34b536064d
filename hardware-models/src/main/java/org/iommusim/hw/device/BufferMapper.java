package org.iommusim.hw.device;

import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.pagetable.PageSize;

/**
 * How a {@link NicRing}'s driver makes a buffer reachable by the device and takes it back: the
 * strategy behind the ring's per-packet map/unmap and its pool mapping. {@link HostBufferMapper}
 * calls the host's map/unmap on a map-unmap IOASID; {@link GuestBufferMapper} writes guest PTEs
 * in a bound (bind-invalidate) table and issues the guest's invalidations.
 *
 * <p>Each call reports once through its {@link TimedControlPlane.Done}: a rejected result means
 * the mapping did not happen (map) or the buffer is free anyway (unmap). The callback may run
 * before the call returns (a guest PTE write takes no simulated time). Implementations keep no
 * per-buffer state, so one mapper may serve several rings.
 */
interface BufferMapper {
    /** The result of a completion that had nothing to do (made once: results are immutable). */
    Result<Effects> NOTHING_TO_DO = Result.ok(Effects.NONE);

    /**
     * Maps {@code [iova, iova + bytes)} to {@code addr} with pages of {@code pageSize} for one
     * packet; {@code done} tells when the device may use it.
     */
    void map(long iova, long addr, long bytes, PageSize pageSize, TimedControlPlane.Done done);

    /** Unmaps {@code [iova, iova + bytes)}; {@code done} tells when the buffer may be reused. */
    void unmap(long iova, long bytes, TimedControlPlane.Done done);

    /**
     * Maps a ring's whole buffer pool once, before its first packet; by default the same as
     * {@link #map}.
     */
    /**
     * A packet's or I/O's DMA ended: the driver's completion work, then the buffer's unmap if
     * {@code unmap} (per-packet mapping); {@code done} tells when the buffer may be reused. By
     * default no work: the unmap, or done at once.
     */
    default void completed(long iova, long bytes, boolean unmap, TimedControlPlane.Done done) {
        if (unmap) {
            unmap(iova, bytes, done);
        } else {
            done.done(NOTHING_TO_DO, 0);
        }
    }

    default void mapPool(long iova, long addr, long bytes, PageSize pageSize, TimedControlPlane.Done done) {
        map(iova, addr, bytes, pageSize, done);
    }
}
