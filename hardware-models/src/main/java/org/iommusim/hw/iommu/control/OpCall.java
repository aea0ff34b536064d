package org.iommusim.hw.iommu.control;

import java.util.function.Supplier;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.EffectsBuilder;
import org.iommusim.hw.ioasid.InvalidateRequest;
import org.iommusim.hw.ioasid.OpError;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;

/**
 * The functional change a {@link ControlOp} makes when its entry is paid: a map, an unmap or a
 * guest's invalidation held as plain arguments (the frequent calls: no capturing lambda per
 * operation) and made into the operation's {@link EffectsBuilder} (no result objects), work
 * already done ({@link #given}), or any other call as a supplier of its {@link Result}. Part of
 * a pooled operation: {@link #clear()} drops the references when the operation is recycled.
 */
final class OpCall {
    private enum What { SUPPLIED, GIVEN, MAP, UNMAP, GUEST_INVALIDATE }

    private What what;
    private Supplier<Result<Effects>> supplier;
    /** What the supplier returned, or the given effects as a result (made when first asked for). */
    private Result<Effects> result;
    private Effects given;
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

    /** Work whose functional change is already made: {@code effects}. */
    void given(Effects effects) {
        what = What.GIVEN;
        given = effects;
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

    /**
     * Makes the change on {@code tcp}'s functional control plane, its effects into {@code into};
     * returns null if it was accepted, else the error.
     */
    OpError run(TimedControlPlane tcp, EffectsBuilder into) {
        switch (what) {
            case MAP:
                return tcp.cp.map(id, iova, pa, length, prot, size, into);
            case UNMAP:
                return tcp.cp.unmap(id, iova, length, into);
            case GUEST_INVALIDATE:
                OpError e = tcp.cp.invalidate(id, request, into);
                if (e == null) { // a shadow syncs from the guest table in the range
                    long from = request instanceof InvalidateRequest.Range g ? g.start() : 0;
                    long to = request instanceof InvalidateRequest.Range g ? g.start() + g.length() : -1L;
                    tcp.invalidations.shadowSynced(id, from, to);
                }
                return e;
            case GIVEN:
                into.set(given);
                return null;
            default:
                result = supplier.get();
                if (result.isOk()) {
                    into.set(result.value());
                    return null;
                }
                into.clear();
                return result.error();
        }
    }

    /**
     * The change's outcome as a {@link Result}, for a caller that reads it: the supplier's own,
     * else made now from {@code effects} and {@code error} (what {@link #run} returned).
     */
    Result<Effects> result(EffectsBuilder effects, OpError error) {
        if (result != null) {
            return result;
        }
        if (error != null) {
            return Result.err(error);
        }
        return Result.ok(what == What.GIVEN ? given : effects.build());
    }

    /** The operation returned to its caller: a guest invalidation's removals are no longer in progress. */
    void returned(TimedControlPlane tcp) {
        if (what == What.GUEST_INVALIDATE) {
            tcp.invalidations.guestInvalidationReturned(id, startEpoch);
        }
    }

    void clear() {
        supplier = null;
        result = null;
        given = null;
        prot = null;
        size = null;
        request = null;
    }
}
