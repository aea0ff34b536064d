package org.iommusim.hw.iommu.stale;

import java.util.Arrays;

/**
 * The pending removals of a {@link StaleUseTracker} and the questions asked of them: one row per
 * removal in parallel primitive arrays (domain, input range, epochs, freed table level, whether
 * it came through the parent, its state, whether a shadow has not taken it in yet), grown by
 * doubling, compacted in place when an invalidation forgets some. The queries scan every row:
 * there are few in strict mode and at most a flush-queue batch in lazy mode. No allocation in
 * steady state.
 *
 * <p>Does not model: anything by itself; what a removal means and when it is made or forgotten
 * is the tracker's (see its header), the epochs too.
 */
final class PendingRemovals {
    int size;
    int[] domain = new int[16];
    long[] start = new long[16];
    long[] end = new long[16];
    long[] removedAt = new long[16];
    int[] freedLevel = new int[16];
    /** True for a parent-GPA removal: {@code [start, end)} is a range of the child's GPAs. */
    boolean[] viaParent = new boolean[16];
    /** The epoch at which each removal was made (its operation returned), NEVER while in progress. */
    long[] madeAt = new long[16];
    byte[] state = new byte[16];
    /** A guest write to a software-shadowed IOASID that its shadow has not taken in yet. */
    boolean[] unsynced = new boolean[16];
    int unsyncedCount;

    /** Appends a removal (synced) and returns its row. */
    int add(int dom, long from, long to, long epoch, int tablesFreed, boolean parent, byte st, long made) {
        if (size == domain.length) {
            int n = size * 2;
            domain = Arrays.copyOf(domain, n);
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
            removedAt = Arrays.copyOf(removedAt, n);
            freedLevel = Arrays.copyOf(freedLevel, n);
            viaParent = Arrays.copyOf(viaParent, n);
            madeAt = Arrays.copyOf(madeAt, n);
            state = Arrays.copyOf(state, n);
            unsynced = Arrays.copyOf(unsynced, n);
        }
        domain[size] = dom;
        start[size] = from;
        end[size] = to;
        removedAt[size] = epoch;
        freedLevel[size] = tablesFreed;
        viaParent[size] = parent;
        state[size] = st;
        madeAt[size] = made;
        unsynced[size] = false;
        return size++;
    }

    /** Moves row {@code from} to row {@code to} (compaction; {@code to <= from}). */
    void copy(int from, int to) {
        if (from != to) {
            domain[to] = domain[from];
            start[to] = start[from];
            end[to] = end[from];
            removedAt[to] = removedAt[from];
            freedLevel[to] = freedLevel[from];
            viaParent[to] = viaParent[from];
            madeAt[to] = madeAt[from];
            state[to] = state[from];
            unsynced[to] = unsynced[from];
        }
    }

    /** See {@link StaleUseTracker#unsyncedSince}. */
    long unsyncedSince(int dom, long addr) {
        long since = StaleUseTracker.NEVER;
        if (unsyncedCount == 0) {
            return since;
        }
        for (int i = 0; i < size; i++) {
            if (unsynced[i] && domain[i] == dom && within(addr, i)) {
                since = Math.min(since, madeAt[i]);
            }
        }
        return since;
    }

    /** See {@link StaleUseTracker#staleSince}. */
    long staleSince(int dom, long addr, long gpa, long stamp, boolean tablesOnly) {
        long since = StaleUseTracker.NEVER;
        for (int i = 0; i < size; i++) {
            if (domain[i] != dom || removedAt[i] <= stamp && !unsynced[i]) {
                continue; // (an entry filled from a shadow that had not taken the removal in is stale too)
            }
            if (viaParent[i]) {
                if (gpa != StaleUseTracker.NO_GPA && within(gpa, i)) {
                    since = Math.min(since, madeAt[i]);
                }
            } else if ((!tablesOnly || freedLevel[i] > 0) && within(addr, i)) {
                since = Math.min(since, madeAt[i]);
            }
        }
        return since;
    }

    /** See {@link StaleUseTracker#staleGpaSince}. */
    long staleGpaSince(int dom, long gpa, long stamp) {
        long since = StaleUseTracker.NEVER;
        for (int i = 0; i < size; i++) {
            if (viaParent[i] && domain[i] == dom && removedAt[i] > stamp && within(gpa, i)) {
                since = Math.min(since, madeAt[i]);
            }
        }
        return since;
    }

    /** See {@link StaleUseTracker#staleRegionSince}. */
    long staleRegionSince(int dom, long from, long to, int tableLevel, long stamp) {
        long since = StaleUseTracker.NEVER;
        for (int i = 0; i < size; i++) {
            if (domain[i] == dom && !viaParent[i] && removedAt[i] > stamp && freedLevel[i] >= tableLevel
                    && ult(start[i], to) && ult(from, end[i])) {
                since = Math.min(since, madeAt[i]);
            }
        }
        return since;
    }

    /**
     * Drops the removals of {@code dom} recorded up to epoch {@code upTo} that an invalidation of
     * {@code [from, to)} covers ({@code to == -1} and {@code from == 0}: the whole domain;
     * {@code leafOnly}: not those that freed tables) and trims one that it overlaps at one end. A
     * parent-GPA removal goes only with the whole domain; an unsynced guest write stays (see
     * {@link StaleUseTracker#invalidated(int, long, long, boolean)}).
     */
    void forgetCovered(int dom, long from, long to, boolean leafOnly, long upTo) {
        int w = 0;
        boolean whole = to == -1L && from == 0;
        for (int i = 0; i < size; i++) {
            boolean keep = true;
            if (unsynced[i] || removedAt[i] > upTo) {
                keep = true;
            } else if (domain[i] == dom && viaParent[i]) {
                keep = !whole;
            } else if (domain[i] == dom && !(leafOnly && freedLevel[i] > 0)) {
                long s = start[i];
                long e = end[i];
                if (whole || (ule(from, s) && ule(e, to))) {
                    keep = false;
                } else if (ult(s, from) && ult(from, e) && ule(e, to)) {
                    end[i] = from;
                } else if (ule(from, s) && ult(s, to) && ult(to, e)) {
                    start[i] = to;
                }
            }
            if (keep) {
                copy(i, w++);
            }
        }
        size = w;
    }

    /** Drops every removal but the guest writes a shadow has not taken in (a global invalidation). */
    void keepUnsynced() {
        int w = 0;
        for (int i = 0; i < size; i++) {
            if (unsynced[i]) {
                copy(i, w++);
            }
        }
        size = w;
    }

    /** Whether row {@code i}'s range holds {@code addr}. */
    boolean within(long addr, int i) {
        return Long.compareUnsigned(addr, start[i]) >= 0 && Long.compareUnsigned(addr, end[i] - 1) <= 0;
    }

    /** Whether row {@code i}'s range overlaps {@code [from, to)}. */
    boolean overlaps(int i, long from, long to) {
        return ult(start[i], to) && ult(from, end[i]);
    }

    static boolean ule(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0;
    }

    static boolean ult(long a, long b) {
        return Long.compareUnsigned(a, b) < 0;
    }
}
