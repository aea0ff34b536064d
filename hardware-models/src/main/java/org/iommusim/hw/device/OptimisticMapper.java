package org.iommusim.hw.device;

import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.pagetable.PageSize;

/**
 * Optimistic teardown (Amit et al., vIOMMU, USENIX ATC 2011) around any {@link BufferMapper}:
 * an unmap keeps the mapping and frees the buffer at once; a later map of the same IOVA to the
 * same address reuses it with no work; a map of the IOVA to another address first unmaps the
 * kept one. A driver that recycles its buffers (a NIC ring) so maps each buffer once.
 *
 * <p>The device may reach a kept buffer after the driver's unmap: the protection given up for
 * the speed (not counted as a stale use — the mapping is still present). Does not model: the
 * paper's teardown timeout and quota of kept mappings (buffers here are reused long before it).
 */
final class OptimisticMapper implements BufferMapper {
    private static final Result<Effects> OK = Result.ok(Effects.NONE);

    private final BufferMapper inner;
    private final Long2LongOpenHashMap kept = new Long2LongOpenHashMap();

    OptimisticMapper(BufferMapper inner) {
        this.inner = inner;
        kept.defaultReturnValue(-1);
    }

    @Override
    public void map(long iova, long addr, long bytes, PageSize pageSize, TimedControlPlane.Done done) {
        long was = kept.get(iova);
        if (was == addr) {
            done.done(OK, 0);
            return;
        }
        if (was != -1) {
            kept.remove(iova);
            inner.unmap(iova, bytes, (r, lat) -> mapAndKeep(iova, addr, bytes, pageSize, done));
            return;
        }
        mapAndKeep(iova, addr, bytes, pageSize, done);
    }

    private void mapAndKeep(long iova, long addr, long bytes, PageSize pageSize, TimedControlPlane.Done done) {
        inner.map(iova, addr, bytes, pageSize, (r, lat) -> {
            if (r.isOk()) {
                kept.put(iova, addr);
            }
            done.done(r, lat);
        });
    }

    @Override
    public void unmap(long iova, long bytes, TimedControlPlane.Done done) {
        done.done(OK, 0); // the mapping stays, for the buffer's next map
    }

    @Override
    public void mapPool(long iova, long addr, long bytes, PageSize pageSize, TimedControlPlane.Done done) {
        inner.mapPool(iova, addr, bytes, pageSize, done);
    }
}
