package org.iommusim.hw.iommu.stale;

import org.iommusim.hw.iommu.inval.StaleUseRecord;

/**
 * Knows which translations the tables no longer hold but the IOMMU caches may still serve:
 * every removal (an unmap, a guest PTE clear, a parent change) is recorded with a new epoch and
 * stays <em>pending</em> until an invalidation covering it takes effect in the caches. The
 * {@link StaleUseOracle} remembers, beside each cached entry, the epoch at which the walk that
 * filled it read the tables, so a DMA served by an entry is a stale use exactly when a pending
 * removal covering what the entry cached is younger than the entry (the queries here answer that).
 *
 * <p>Granularity: a removal is a range of one domain's input space ({@code [start, end)}),
 * or the whole domain. A parent change under a hardware-nested child is recorded for the child
 * as a <em>parent-GPA removal</em>: the range is the parent's removed input range (child GPAs),
 * not child IOVAs. The IOMMU cannot tell which IOVAs used the changed GPAs, so the child's
 * invalidation is domain-wide and only that (or a global one) covers such a removal; but the
 * simulator knows what each cached entry's translation went through, so it is stale only if
 * that GPA is in the range: for an IOTLB or ATC entry the GPA of its stage-1 output (the oracle
 * keeps it beside the entry), for a stage-1 walk-cache entry the GPA of the guest table it points to (the entry's
 * payload; its HPA came from stage 2). Stage-2 structures (nested TLB, stage-2 walk cache) are
 * tagged with the parent domain and judged by the parent's own removals, by the GPA they
 * translate. Entries of domains that are not hardware-nested pass {@link #NO_GPA}.
 *
 * <p>Removals that freed table
 * pages are what make paging-structure entries stale, and only those that point to a level that
 * went: a removal remembers the highest level of table page it freed ({@code freedLevel}, 0 for a
 * leaf-only removal), and a level-L walk-cache entry (the pointer to a level L−1 table) is stale
 * only if a younger removal overlapping its region freed tables of level L−1 or higher. (An
 * unmap that frees only the leaf table of its page leaves the level-3 entry of the surrounding
 * GiB valid: that table is still there.)
 *
 * <p>What counts (the definition docs/STATISTICS.md gives for {@code stale-uses}): a translation
 * served from a cached entry whose source mapping was removed or changed <em>before the
 * translation was requested</em>. A removal is <em>made</em> when the operation that removed the
 * mapping has returned to its caller: a host operation ({@code ControlOp}) when it completes —
 * under a strict unmap policy after its invalidations took effect, so never stale; under a lazy
 * one as soon as the tables changed, before the flush — and a guest's PTE write at once, or, if
 * the guest follows it with an invalidation (its driver's unmap), when that invalidation operation
 * returns. Until then the removal is <em>in progress</em> and a DMA requested meanwhile raced it
 * (the device used a buffer its driver was still unmapping), which is not a stale use.
 * Removals and their completions are ordered by epochs, a request by the epoch current when it
 * arrived ({@link #epoch()}); the queries answer with the completion epoch of the earliest-made
 * pending removal that makes the entry stale ({@link #NEVER}: none), and a request is a stale use
 * only if that epoch is not younger than its arrival epoch. Only changes are removals: an
 * invalidation of a range whose mapping did not change records nothing (callers record removals
 * from what changed, see {@code IommuInvalidations}).
 *
 * <p>Storage is primitive arrays ({@link PendingRemovals}, which also answers the queries by
 * scanning them — few in strict mode, at most a flush-queue batch in lazy mode — and drops or
 * trims the removals an invalidation covers); this class keeps the epochs and decides when a
 * removal is made and which invalidation forgets it. No allocation in steady state.
 *
 * <p>Does not model: timing (removals and invalidations are instants given by the callers), or
 * which hardware structure holds an entry (the oracle's {@link EntryStamps}).
 */
public final class StaleUseTracker implements StaleUseRecord {
    /** "This entry's translation used no GPA" (its domain is not hardware-nested). */
    public static final long NO_GPA = -1L;
    /** "No pending removal makes the entry stale", as a removal epoch. */
    public static final long NEVER = Long.MAX_VALUE;
    private static final byte MADE = 0;
    /** Recorded by an operation that has not returned yet ({@link #opening}). */
    private static final byte OP_OPEN = 1;
    /** A guest PTE write its guest will follow with an invalidation ({@link #removedByGuest}). */
    private static final byte GUEST_OPEN = 2;

    private final PendingRemovals r = new PendingRemovals();
    private long epoch;
    /** Removals recorded now belong to an operation in progress. */
    private boolean opening;

    /**
     * The current epoch: stamp a walk with it when it reads the tables, and a request when it
     * arrives (a removal of an epoch up to the request's happened before it was requested).
     */
    @Override
    public long epoch() {
        return epoch;
    }

    boolean anyPending() {
        return r.size > 0;
    }

    @Override
    public int pending() {
        return r.size;
    }

    /**
     * Records that {@code [from, to)} of {@code dom} no longer translates as before, freeing table
     * pages up to level {@code tablesFreed} (0: none); returns its epoch.
     */
    @Override
    public long removed(int dom, long from, long to, int tablesFreed) {
        return add(dom, from, to, tablesFreed, false);
    }

    /**
     * Records that the parent of hardware-nested {@code child} no longer translates GPAs
     * {@code [gpaFrom, gpaTo)} as before: the child's cached translations through them are
     * stale until a domain-wide invalidation of the child takes effect; returns its epoch.
     */
    @Override
    public long removedViaParent(int child, long gpaFrom, long gpaTo) {
        return add(child, gpaFrom, gpaTo, 0, true);
    }

    private long add(int dom, long from, long to, int tablesFreed, boolean parent) {
        epoch++;
        r.add(dom, from, to, epoch, tablesFreed, parent, opening ? OP_OPEN : MADE, opening ? NEVER : epoch);
        return epoch;
    }

    /**
     * While {@code open}, the removals recorded belong to an operation that has not returned:
     * they are in progress until {@link #returned} is told its epochs.
     */
    @Override
    public void opening(boolean open) {
        this.opening = open;
    }

    /** The operation whose removals were recorded with epochs {@code [from, to]} returned: they are made now. */
    @Override
    public void returned(long from, long to) {
        boolean any = false;
        for (int i = 0; i < r.size; i++) {
            if (r.state[i] == OP_OPEN && r.removedAt[i] >= from && r.removedAt[i] <= to) {
                if (!any) {
                    epoch++;
                    any = true;
                }
                r.state[i] = MADE;
                r.madeAt[i] = epoch;
            }
        }
    }

    /**
     * A guest cleared or replaced {@code [from, to)} of {@code dom} (no tables freed): with
     * {@code invalidationFollows}, in progress until {@link #guestReturned}; with {@code shadowed}
     * ({@code dom} is software-nested), the shadow still holds the old entry until
     * {@link #shadowSynced}: a walk through it, and any cache entry filled from it, is stale.
     */
    @Override
    public long removedByGuest(int dom, long from, long to, boolean invalidationFollows, boolean shadowed) {
        long e = add(dom, from, to, 0, false);
        int last = r.size - 1;
        if (invalidationFollows) {
            r.state[last] = GUEST_OPEN;
            r.madeAt[last] = NEVER;
        }
        if (shadowed) {
            r.unsynced[last] = true;
            r.unsyncedCount++;
        }
        return e;
    }

    /** True if some guest write has not been taken in by its shadow yet. */
    boolean anyUnsynced() {
        return r.unsyncedCount > 0;
    }

    /** The shadow of {@code dom} took in the guest's table over {@code [from, to)}. */
    @Override
    public void shadowSynced(int dom, long from, long to) {
        if (r.unsyncedCount == 0) {
            return;
        }
        for (int i = 0; i < r.size; i++) {
            if (r.unsynced[i] && r.domain[i] == dom && r.overlaps(i, from, to)) {
                r.unsynced[i] = false;
                r.unsyncedCount--;
            }
        }
    }

    /**
     * When a removal the shadow of {@code dom} has not taken in, covering {@code addr}, was made
     * ({@link #NEVER}: none): a walk of the shadow at {@code addr} requested at or after it used
     * a stale shadow entry.
     */
    long unsyncedSince(int dom, long addr) {
        return r.unsyncedSince(dom, addr);
    }

    /** The guest's invalidation of {@code dom}, started at epoch {@code upTo}, returned: its earlier writes are made. */
    @Override
    public void guestReturned(int dom, long upTo) {
        boolean any = false;
        for (int i = 0; i < r.size; i++) {
            if (r.state[i] == GUEST_OPEN && r.domain[i] == dom && r.removedAt[i] <= upTo) {
                if (!any) {
                    epoch++;
                    any = true;
                }
                r.state[i] = MADE;
                r.madeAt[i] = epoch;
            }
        }
    }

    /** Records the removal of every translation of {@code dom}. */
    @Override
    public long removedAll(int dom) {
        return removed(dom, 0, -1L, org.iommusim.hw.ioasid.Invalidation.ANY_LEVEL);
    }

    /**
     * When an entry of {@code dom} covering {@code addr}, filled at epoch {@code stamp}, whose
     * translation of {@code addr} went through GPA {@code gpa} ({@link #NO_GPA}: none), became
     * stale: the epoch at which a younger pending removal covering {@code addr}, or younger
     * parent-GPA removal covering {@code gpa} was first made ({@link #NEVER}: none, or none made yet). With
     * {@code tablesOnly}, only removals that freed tables count (for paging-structure entries; a
     * parent-GPA removal always counts). A use requested at or after that epoch is a stale use.
     */
    long staleSince(int dom, long addr, long gpa, long stamp, boolean tablesOnly) {
        return r.staleSince(dom, addr, gpa, stamp, tablesOnly);
    }

    /**
     * {@link #staleRegionSince} for the level-{@code level} walk-cache entry of input prefix
     * {@code prefix}; also stale if it points to a guest table at GPA {@code tableGpa} (not
     * {@link #NO_GPA}: the entry belongs to a hardware-nested child) that a younger parent-GPA
     * removal covers. Returns the earliest epoch at which such a removal was made, {@link #NEVER} if none.
     */
    long staleWalkCacheEntrySince(int dom, int level, long prefix, long tableGpa, long stamp) {
        int shift = 12 + 9 * (level - 1);
        long from = prefix << shift;
        long since = staleRegionSince(dom, from, from + (1L << shift), level - 1, stamp);
        return tableGpa == NO_GPA ? since : Math.min(since, staleGpaSince(dom, tableGpa, stamp));
    }

    /** When the first parent-GPA removal of {@code dom} younger than {@code stamp} covering {@code gpa} was made, or NEVER. */
    long staleGpaSince(int dom, long gpa, long stamp) {
        return r.staleGpaSince(dom, gpa, stamp);
    }

    /**
     * Since which epoch a walk-cache entry of {@code dom} covering {@code [from, to)} and pointing to a table
     * of level {@code tableLevel}, filled at epoch {@code stamp}, came to possibly point to a freed
     * table: the earliest made-epoch of a younger pending removal overlapping the region that freed
     * tables of that level or higher (an over-approximation only when a removal freed some but not all of the
     * region's tables); {@link #NEVER} if none. Parent-GPA removals do not count here (their ranges
     * are GPAs; see {@link #staleWalkCacheEntrySince}).
     */
    long staleRegionSince(int dom, long from, long to, int tableLevel, long stamp) {
        return r.staleRegionSince(dom, from, to, tableLevel, stamp);
    }

    /**
     * An invalidation of {@code [from, to)} of {@code dom} took effect ({@code to == -1}: all
     * of it; {@code leafOnly}: paging-structure entries kept): forget the removals it covers.
     * A removal that overlaps the range at one end is trimmed. A parent-GPA removal is covered
     * only by a whole-domain invalidation (a range is of the child's IOVAs, not GPAs). A guest
     * write its shadow has not taken in stays: invalidating the caches does not mend the shadow.
     */
    @Override
    public void invalidated(int dom, long from, long to, boolean leafOnly) {
        invalidated(dom, from, to, leafOnly, NEVER);
    }

    /** {@link #invalidated(int, long, long, boolean)} for the removals recorded up to epoch {@code upTo} only. */
    @Override
    public void invalidated(int dom, long from, long to, boolean leafOnly, long upTo) {
        r.forgetCovered(dom, from, to, leafOnly, upTo);
    }

    /** A global invalidation took effect: nothing is pending any more (but unsynced guest writes). */
    @Override
    public void invalidatedAll() {
        r.keepUnsynced();
    }
}
