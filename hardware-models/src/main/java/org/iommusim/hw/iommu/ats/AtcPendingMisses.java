package org.iommusim.hw.iommu.ats;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.core.stats.TimeWeighted;
import org.iommusim.hw.pagetable.FaultReason;

/**
 * The pending-miss entries of one device's ATC (its miss-status registers): each ATS
 * translation request the device has outstanding holds one entry, keyed by (PASID, 4 KiB page
 * of the missing address). A later ATC miss to a page whose request is outstanding does not send
 * another request: it waits on the entry and is answered with it (a merged miss, hit under
 * miss). A miss to another page while every entry is taken waits for one to free.
 *
 * <p>Models: miss merging per page and the bound on a device's outstanding translation
 * requests. Does not model: merging across 4 KiB pages of one large page (the device learns the
 * page size only from the answer). A failed answer (no translation for the page) answers every
 * waiter of the page with the same failure. With 0 entries there is no table:
 * every miss sends its own request (no merging, no bound).
 */
public final class AtcPendingMisses {
    /** A translation request waiting on this table. */
    public interface Waiter {
        /**
         * The request of the page this waiter merged with was answered: it filled the ATC with a
         * page of {@code pageSize} bytes, or ({@code pageSize} 0) it failed with {@code reason}
         * at {@code stage} — an answer for the page, which the waiter takes as its own.
         */
        void mergedAnswer(long pageSize, FaultReason reason, int stage);

        /** An entry became free: look the ATC up again (it may hit now, merge, or take the entry). */
        void retryAtc();
    }

    /** {@link #miss}: no table, send the request untracked. */
    public static final int UNTRACKED = -1;
    /** {@link #miss}: merged with the outstanding request of the same page. */
    public static final int MERGED = -2;
    /** {@link #miss}: every entry is taken; waits for one. */
    public static final int QUEUED = -3;

    private final int[] pasid;
    private final long[] page;
    private final boolean[] used;
    private final List<List<Waiter>> merged;
    private final ArrayDeque<Waiter> waitingForEntry = new ArrayDeque<>();
    private List<Waiter> spare = new ArrayList<>();
    private int inUse;
    private final Counter mergedMisses;
    private final Counter fullWaits;
    private final TimeWeighted pending;

    AtcPendingMisses(int entries, StatsRegistry stats, String name, String label) {
        pasid = new int[entries];
        page = new long[entries];
        used = new boolean[entries];
        merged = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            merged.add(new ArrayList<>());
        }
        mergedMisses = stats.counter(name + ".merged-misses", "translations",
                label + ": ATC misses that found their page's translation request outstanding and waited for its "
                        + "answer instead of sending another (hit under miss)");
        fullWaits = stats.counter(name + ".pending-full", "translations",
                label + ": ATC misses that waited for a free pending-miss entry");
        pending = stats.timeWeighted(name + ".pending", "requests",
                label + ": ATS translation requests outstanding (pending-miss entries in use), time-weighted");
    }

    /**
     * An ATC miss of {@code w} at (PASID, address): the entry it takes (≥ 0; the caller sends the
     * request and calls {@link #answered} with it), {@link #UNTRACKED}, {@link #MERGED} or
     * {@link #QUEUED} (then {@code w} is called back).
     */
    public int miss(int pas, long address, Waiter w) {
        if (used.length == 0) {
            return UNTRACKED;
        }
        long p = address >>> 12;
        int free = -1;
        for (int i = 0; i < used.length; i++) {
            if (used[i] && pasid[i] == pas && page[i] == p) {
                merged.get(i).add(w);
                mergedMisses.increment();
                return MERGED;
            }
            if (!used[i] && free < 0) {
                free = i;
            }
        }
        if (free < 0) {
            waitingForEntry.add(w);
            fullWaits.increment();
            return QUEUED;
        }
        used[free] = true;
        pasid[free] = pas;
        page[free] = p;
        pending.set(++inUse);
        return free;
    }

    /**
     * The request of {@code entry} was answered ({@code pageSize} bytes filled into the ATC, or 0
     * and the failure's {@code reason} and {@code stage}): the entry frees, its merged waiters take the answer in arrival order, then the
     * requests waiting for an entry look the ATC up again, oldest first, while entries are free.
     */
    public void answered(int entry, long pageSize, FaultReason reason, int stage) {
        used[entry] = false;
        pending.set(--inUse);
        List<Waiter> ws = merged.get(entry);
        if (!ws.isEmpty()) {
            merged.set(entry, spare); // a waiter that asks again may take this entry anew
            for (int i = 0; i < ws.size(); i++) {
                ws.get(i).mergedAnswer(pageSize, reason, stage);
            }
            ws.clear();
            spare = ws;
        }
        while (inUse < used.length && !waitingForEntry.isEmpty()) {
            waitingForEntry.poll().retryAtc();
        }
    }

    /** Entries in use now. */
    public int inUse() {
        return inUse;
    }
}
