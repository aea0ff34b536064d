package org.iommusim.hw.ioasid;

import org.iommusim.hw.nesting.HostActions;
import org.iommusim.hw.shadow.ChangeSet;
import org.iommusim.hw.shadow.SyncWork;

/**
 * The host's side of one control operation on one IOASID, as a nesting hook sees it: each
 * request of the hook becomes an invalidation or a shadow-sync record in the operation's
 * {@link EffectsBuilder}, with the operation's cause, and changes are carried to the children
 * ({@link Propagation}). Each IOASID owns one, readied per operation ({@link #set}): an
 * operation visits an IOASID at most once at a time (the tree has no cycles) and no hook keeps
 * its {@link HostActions} after the call, so no operation allocates one.
 */
final class OpHost implements HostActions {
    private Propagation propagation;
    private final Ioasid x;
    private EffectsBuilder eb;
    private ShadowSync.Cause syncCause;
    private Invalidation.Cause invalidationCause;
    private GuestRequest request;

    /**
     * A guest's invalidation request over {@code [start, end)} of IOASID {@code id}, written with
     * {@code descriptors} descriptors: what a hardware-nested IOASID passes through to the caches.
     * Mutable scratch of {@link GuestOps} ({@link #set} per invalidation), read only during it.
     */
    static final class GuestRequest {
        private int id;
        private InvalidateRequest req;
        private long start;
        private long end;
        private long descriptors;

        GuestRequest set(int id, InvalidateRequest req, long start, long end, long descriptors) {
            this.id = id;
            this.req = req;
            this.start = start;
            this.end = end;
            this.descriptors = descriptors;
            return this;
        }

        Invalidation invalidation() {
            Invalidation.Scope scope = req instanceof InvalidateRequest.Range ? Invalidation.Scope.RANGE
                    : req instanceof InvalidateRequest.Pasid ? Invalidation.Scope.PASID : Invalidation.Scope.ALL;
            int pasid = req instanceof InvalidateRequest.Pasid p ? p.pasid() : -1;
            boolean leafOnly = req instanceof InvalidateRequest.Range r && r.leafOnly();
            long length = scope == Invalidation.Scope.RANGE ? end - start : 0;
            return new Invalidation(id, scope, scope == Invalidation.Scope.RANGE ? start : 0, length, pasid,
                    leafOnly, descriptors, Invalidation.Cause.GUEST_REQUEST);
        }
    }

    /** {@code x}'s host side; {@link #set} readies it for each operation. */
    OpHost(Ioasid x) {
        this.x = x;
    }

    /** Readies this for one operation; returns this. */
    OpHost set(Propagation propagation, EffectsBuilder eb, ShadowSync.Cause syncCause,
               Invalidation.Cause invalidationCause, GuestRequest request) {
        this.propagation = propagation;
        this.eb = eb;
        this.syncCause = syncCause;
        this.invalidationCause = invalidationCause;
        this.request = request;
        return this;
    }

    @Override
    public void invalidateAll() {
        eb.invalidate(new Invalidation(x.id, Invalidation.Scope.ALL, 0, 0, -1, false, 1, cause()));
    }

    @Override
    public void invalidateRange(long start, long end, int freedLevel) {
        propagation.invalidateRange(x, start, end, freedLevel, cause(), eb);
    }

    @Override
    public void passThrough() {
        if (request == null) {
            throw new IllegalStateException("no user invalidation to pass through in a " + syncCause + " operation");
        }
        eb.invalidate(request.invalidation());
    }

    @Override
    public void shadowSynced(SyncWork work, ChangeSet changes) {
        if (syncCause == ShadowSync.Cause.INVALIDATE && !changes.isEmpty() && !changes.hasRemovals()) {
            x.counters.mapOnlyInvalidations++; // the guest's invalidation only added entries
        }
        propagation.shadowChanged(x, syncCause, work, changes, eb);
    }

    @Override
    public void propagate(ChangeSet changes) {
        propagation.afterChange(x, changes, eb);
    }

    private Invalidation.Cause cause() {
        if (invalidationCause == null) {
            throw new IllegalStateException("a " + syncCause + " operation invalidates only through shadow syncs");
        }
        return invalidationCause;
    }
}
