package org.iommusim.hw.iommu.inval;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayDeque;
import java.util.List;
import org.iommusim.hw.ioasid.Invalidation;

/**
 * The host driver's side of the invalidation queue: turns the control plane's
 * {@link Invalidation}s into the commands the configured architecture's Linux driver writes
 * ({@link QueueDriver} of the queue's {@link QueueFormats format}: VT-d descriptors, SMMUv3
 * commands, AMD commands), and, if asked, ends the batch with the format's wait command
 * (invalidation wait, CMD_SYNC, COMPLETION_WAIT) that runs a continuation when it completes.
 *
 * <p>Bookkeeping for stale-use accounting, whatever the driver wrote: a range invalidation
 * followed by device-ATC commands stays pending until the last of them took effect; a wider
 * scope with device-ATC commands waits for them too ({@link AtcRoundTrips}). Hardware-nested
 * children met in an operation are registered with their parent, so VMID-wide effects find
 * them. Batches are pooled; a blocked submitter (full queue) simply waits, as the queue
 * arranges. The commands take effect in {@link IommuInvalidations} through the queue's effect
 * hook.
 */
public final class InvalidationSubmitter implements WaitListener {
    private final InvalidationQueue queue;
    private final IommuInvalidations invalidations;
    private final QueueFormat format;
    private final DriverView view;
    private final ArrayDeque<InvBatch> batches = new ArrayDeque<>();
    private final Long2ObjectOpenHashMap<Runnable> waits = new Long2ObjectOpenHashMap<>();
    private final SubmitListener recycle = (batch, blockedPs) -> batches.push(batch.clear());
    private final InvBatch scratch;
    private long nextTag;

    /** Submits to {@code queue}, whose descriptors take effect in {@code invalidations}. */
    public InvalidationSubmitter(InvalidationQueue queue, IommuInvalidations invalidations) {
        this.queue = queue;
        this.invalidations = invalidations;
        this.format = queue.config().format().format();
        this.view = new DriverView(invalidations, queue.config());
        this.scratch = queue.newBatch();
    }

    /** Commands for {@code invs}, then, if {@code done} is not null, a wait that runs it. Returns commands. */
    public int submit(List<Invalidation> invs, Runnable done) {
        InvBatch b = batches.isEmpty() ? queue.newBatch() : batches.pop();
        int n = 0;
        for (int i = 0; i < invs.size(); i++) {
            Invalidation inv = invs.get(i);
            registerNested(inv);
            if (inv.scope() == Invalidation.Scope.ALL && inv.cause() == Invalidation.Cause.PARENT_CHANGE) {
                invalidations.countParentChangeFlush();
            }
        }
        for (int i = 0; i < invs.size(); i++) {
            int from = b.size();
            n += format.driver().emit(invs, i, view, b);
            book(invs.get(i), b, from);
        }
        if (done != null) {
            long tag = nextTag++;
            waits.put(tag, done);
            n += b.addWait(format.waitCommand(), this, tag);
        }
        if (b.size() == 0) {
            batches.push(b);
            return 0;
        }
        queue.submit(b, recycle);
        return n;
    }

    /**
     * The configured architecture's command(s) for the explicit request {@code e}, then a wait
     * that runs {@code done} (may be null: no wait). Returns the commands written (wait included).
     * An explicit command changes no table, so nothing is recorded as removed; it prunes pending
     * removals it covers like any invalidation.
     */
    public int submitExplicit(ExplicitInvalidation e, Runnable done) {
        InvBatch b = batches.isEmpty() ? queue.newBatch() : batches.pop();
        int n = format.driver().explicit(e, view, b);
        int atc = 0;
        for (int j = 0; j < b.size(); j++) {
            atc += b.kind(j) == InvKind.DEVICE_ATC ? 1 : 0;
        }
        if (atc > 0) { // every device-ATC descriptor belongs to a booked round trip
            invalidations.roundTrips().expect(e.domain(), -2, e.firstPage() << 12, (e.firstPage() + e.pages()) << 12,
                    false, atc);
        }
        if (done != null) {
            long tag = nextTag++;
            waits.put(tag, done);
            n += b.addWait(format.waitCommand(), this, tag);
        }
        queue.submit(b, recycle);
        return n;
    }

    /** How many commands {@link #submitExplicit} writes for {@code e} (the wait not included). */
    public long descriptorsFor(ExplicitInvalidation e) {
        scratch.clear();
        return format.driver().explicit(e, view, scratch);
    }

    /**
     * How many commands {@link #submit} writes for the operation {@code invs} (the wait not
     * included): the driver's list for the whole operation, each invalidation in the context of
     * the others (an SMMUv3 stage-2 change writes one TLBI_NH_ALL for all nested children). The
     * one count a control-plane operation's descriptor CPU is priced on.
     */
    public long commandsFor(List<Invalidation> invs) {
        scratch.clear();
        return emit(invs, scratch);
    }

    /** The commands {@link #submit} would write for {@code invs} (no wait), for tests and tracing. */
    public InvBatch preview(List<Invalidation> invs) {
        InvBatch b = queue.newBatch();
        emit(invs, b);
        return b;
    }

    /** The driver's commands for the operation {@code invs} into {@code b}, as {@link #submit} writes them. */
    private int emit(List<Invalidation> invs, InvBatch b) {
        for (int i = 0; i < invs.size(); i++) {
            registerNested(invs.get(i));
        }
        int n = 0;
        for (int i = 0; i < invs.size(); i++) {
            n += format.driver().emit(invs, i, view, b);
        }
        return n;
    }

    private void registerNested(Invalidation inv) {
        int parent = view.nestedParent(inv.ioasid());
        if (parent >= 0) {
            invalidations.registerNested(parent, inv.ioasid());
        }
    }

    /** Device-ATC round trips the driver wrote for {@code inv} (from index {@code from} of {@code b}). */
    private void book(Invalidation inv, InvBatch b, int from) {
        int atc = 0;
        for (int j = from; j < b.size(); j++) {
            if (b.kind(j) == InvKind.DEVICE_ATC) {
                atc++;
            }
        }
        if (atc == 0) {
            return;
        }
        AtcRoundTrips roundTrips = invalidations.roundTrips();
        if (inv.scope() == Invalidation.Scope.RANGE) {
            long first = DriverView.firstPage(inv);
            roundTrips.expect(inv.ioasid(), -2, first << 12, (first + DriverView.pages(inv)) << 12, inv.leafOnly(), atc);
        } else {
            int pasid = inv.scope() == Invalidation.Scope.PASID ? inv.pasid() : InvBatch.ANY_PASID;
            roundTrips.awaitRoundTrips(inv.ioasid(), pasid);
            roundTrips.expect(inv.ioasid(), pasid, 0, -1L, false, atc);
        }
    }

    @Override
    public void waitComplete(long tag, long latencyPs) {
        Runnable r = waits.remove(tag);
        if (r != null) {
            r.run();
        }
    }
}
