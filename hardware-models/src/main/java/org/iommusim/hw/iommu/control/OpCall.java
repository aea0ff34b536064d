package org.iommusim.hw.iommu.control;

import java.util.function.Supplier;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.InvalidateRequest;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;

/**
 * The functional change a {@link ControlOp} makes when its entry is paid: a map, an unmap or a
 * guest's invalidation held as plain arguments (the frequent calls: no capturing lambda per
 * operation), or any other call as a supplier. Part of a pooled operation: {@link #clear()}
 * drops the references when the operation is recycled.
 */
final class OpCall {
    private enum What { SUPPLIED, MAP, UNMAP, GUEST_INVALIDATE }

    private What what;
    private Supplier<Result<Effects>> supplier;
    int id;
    private long iova;
    private long pa;
    private long length;
    private Prot prot;
    private PageSize size;
    private InvalidateRequest request;
    /** The stale-use epoch when a guest invalidation was requested. */
    private long startEpoch;

    /** The 4 KiB pages of a map or unmap of {@code length} bytes (its IOVA allocation's size). */
    static long pages(long length) {
        return Math.max(1, (length + 4095) >>> 12);
    }

    void supplied(Supplier<Result<Effects>> op) {
        what = What.SUPPLIED;
        supplier = op;
    }

    void map(int id, long iova, long pa, long length, Prot prot, PageSize size) {
        what = What.MAP;
        this.id = id;
        this.iova = iova;
        this.pa = pa;
        this.length = length;
        this.prot = prot;
        this.size = size;
    }

    void unmap(int id, long iova, long length) {
        what = What.UNMAP;
        this.id = id;
        this.iova = iova;
        this.length = length;
    }

    void guestInvalidate(int id, InvalidateRequest request, long startEpoch) {
        what = What.GUEST_INVALIDATE;
        this.id = id;
        this.request = request;
        this.startEpoch = startEpoch;
    }

    /** Makes the change on {@code tcp}'s functional control plane. */
    Result<Effects> run(TimedControlPlane tcp) {
        switch (what) {
            case MAP:
                return tcp.cp.map(id, iova, pa, length, prot, size);
            case UNMAP:
                return tcp.cp.unmap(id, iova, length);
            case GUEST_INVALIDATE:
                Result<Effects> r = tcp.cp.invalidate(id, request);
                if (r.isOk()) { // a shadow syncs from the guest table in the range
                    long from = request instanceof InvalidateRequest.Range g ? g.start() : 0;
                    long to = request instanceof InvalidateRequest.Range g ? g.start() + g.length() : -1L;
                    tcp.invalidations.shadowSynced(id, from, to);
                }
                return r;
            default:
                return supplier.get();
        }
    }

    /** The operation returned to its caller: a guest invalidation's removals are no longer in progress. */
    void returned(TimedControlPlane tcp) {
        if (what == What.GUEST_INVALIDATE) {
            tcp.invalidations.guestInvalidationReturned(id, startEpoch);
        }
    }

    void clear() {
        supplier = null;
        prot = null;
        size = null;
        request = null;
    }
}
