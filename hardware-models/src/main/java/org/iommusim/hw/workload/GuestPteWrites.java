package org.iommusim.hw.workload;

import org.iommusim.core.stats.Counter;
import org.iommusim.hw.guest.GuestEditHolder;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.ioasid.OpError;
import org.iommusim.hw.iommu.control.TimedControlPlane;
import org.iommusim.hw.pagetable.PageSize;

/**
 * Models a guest IOMMU driver that maps and unmaps one 4 KiB I/O buffer per operation in its
 * bound (bind-invalidate) table, at the rate of {@link GuestPteWritesConfig}. Each tick: if
 * {@code live} buffers are mapped, the oldest is unmapped by a plain PTE write and invalidated
 * (a guest invalidation: trap + ioctl on a host core, and under software nesting the shadow
 * re-walk of the range); then the next slot is mapped by a plain PTE write, followed by an
 * invalidation only in caching mode. Without it a non-present → present change is invisible to
 * a shadow (a DMA to it faults or lazily fills); hardware nesting sees it at once.
 *
 * <p>Statistics under the prefix: those of {@link WorkloadStats}, plus {@code guest-edits}
 * (PTE edits, maps and unmaps) and {@code maps-not-invalidated} (maps left without an
 * invalidation). Does not model: guest CPU time for the edits, the DMA using the buffer (the
 * device workload is separate), guest-side batching of invalidations.
 */
final class GuestPteWrites extends Periodic {
    private static final long PAGE = 4096;

    private final GuestPteWritesConfig config;
    private final GuestPageTable table;
    private final TimedControlPlane tcp;
    private final boolean invalidateMaps;
    private final WorkloadStats stats;
    private final Counter edits;
    private final Counter uninvalidated;
    private final int[] liveRing;
    /** The invalidation requests of the slots, made once per slot. */
    private final RangeRequests requests;
    /** The edit of the current tick, filled by the table (no result object per edit). */
    private final GuestEditHolder edit = new GuestEditHolder();
    private int liveHead;
    private int liveCount;
    private int nextSlot;

    GuestPteWrites(WorkloadContext ctx, String prefix, GuestPteWritesConfig config) {
        super(ctx, prefix, config.ratePerSecond(), config.poisson(), config.interArrival());
        IoasidView x = ctx.cp().ioasid(config.ioasid());
        if (x == null) {
            throw new IllegalArgumentException(prefix + ": no IOASID " + config.ioasid());
        }
        this.table = ctx.guestTables() == null ? null : ctx.guestTables().apply(config.ioasid());
        if (table == null) {
            throw new IllegalArgumentException(prefix + ": IOASID " + config.ioasid() + " has no guest table");
        }
        this.config = config;
        this.tcp = ctx.tcp();
        this.invalidateMaps = switch (config.mapInvalidation()) {
            case FOLLOW_IOASID -> x.cachingMode();
            case ALWAYS -> true;
            case NEVER -> false;
        };
        this.stats = new WorkloadStats(ctx.stats(), prefix);
        this.edits = ctx.stats().counter(prefix + ".guest-edits", "edits", "guest PTE edits (maps and unmaps)");
        this.uninvalidated = ctx.stats().counter(prefix + ".maps-not-invalidated", "maps",
                "maps the guest did not follow with an invalidation (caching mode off)");
        this.liveRing = new int[config.live()];
        this.requests = new RangeRequests(config.slots());
    }

    @Override
    public String name() {
        return GuestPteWritesConfig.NAME;
    }

    @Override
    public WorkloadStats stats() {
        return stats;
    }

    /** Whether this guest invalidates after maps (caching mode or an override). */
    boolean invalidatesMaps() {
        return invalidateMaps;
    }

    @Override
    void tick() {
        if (liveCount == config.live()) {
            int slot = liveRing[liveHead];
            liveHead = (liveHead + 1) % liveRing.length;
            liveCount--;
            edited(table.unmap(config.iovaBase() + slot * PAGE, edit), true);
        }
        int slot = nextSlot;
        nextSlot = (nextSlot + 1) % config.slots();
        OpError error = table.map(config.iovaBase() + slot * PAGE, config.gpaBase() + slot * PAGE, PageSize.SIZE_4K,
                config.prot(), edit);
        if (edited(error, invalidateMaps)) {
            liveRing[(liveHead + liveCount) % liveRing.length] = slot;
            liveCount++;
            if (!invalidateMaps) {
                uninvalidated.increment();
            }
        }
    }

    /**
     * Applies the consequences of the guest edit in {@link #edit} unless it was rejected
     * ({@code error} not null); returns whether it was accepted.
     */
    private boolean edited(OpError error, boolean invalidate) {
        if (error != null) {
            stats.rejectedEdit();
            return false;
        }
        GuestEditHolder e = edit;
        edits.increment();
        tcp.guestEdited(config.ioasid(), e, invalidate);
        if (invalidate) {
            boolean leafOnly = e.tablePagesAllocated() == 0;
            long slot = (e.start() - config.iovaBase()) >>> 12;
            tcp.invalidate(config.ioasid(), requests.get(slot, e.start(), e.length(), leafOnly), true,
                    stats.record(null));
        }
        return true;
    }
}
