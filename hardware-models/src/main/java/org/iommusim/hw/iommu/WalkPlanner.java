package org.iommusim.hw.iommu;

import org.iommusim.hw.cache.PagingStructureCache;
import org.iommusim.hw.cache.SetAssociativeCache;
import org.iommusim.hw.pagetable.Pte;
import org.iommusim.hw.functional.Translation;
import org.iommusim.hw.functional.TableKind;
import org.iommusim.hw.functional.WalkTrace;

/**
 * Decides which PTE reads of a functional walk trace the caches save, and fills the caches
 * after a walk. The plan marks each read skipped or not and charges cache lookup latencies at
 * the read where the lookup happens ({@link Walk#pre}); the walk replays the rest as memory
 * reads.
 *
 * <p>Rules (faithful to what each cache holds):
 * <ul>
 *   <li>Stage 1 (the attached table, its shadow, or the guest table of a 2D walk): all enabled
 *       levels are probed at walk start, deepest first, one lookup latency (the largest of
 *       them); an entry at level L (the pointer to the level L−1 table for this address
 *       prefix) skips every read of levels ≥ L — in a 2D walk including the stage-2 groups
 *       that translated those tables' pointers.</li>
 *   <li>Each stage-2 group that translates a guest table pointer first probes the nested TLB
 *       (parent domain, GPA page of the table): a hit skips the whole group. Otherwise, and for
 *       the final group (the output GPA), the stage-2 walk cache is probed like stage 1.</li>
 *   <li>Reads of earlier attempts (a shadow miss fixed by lazy fill) are replayed uncached, and
 *       the lazy fill's host time is charged before the retried walk.</li>
 * </ul>
 * Fills happen when the walk completes successfully: walk-cache entries for every non-leaf
 * entry read, nested-TLB entries for every guest table whose pointer group was read, and the
 * IOTLB entry (combined result under nesting). Each entry is stamped with the walk's epoch.
 * Stale uses: a stage-1 walk-cache hit is remembered for {@link PageWalker} to judge at the walk's
 * end; nested-TLB and stage-2 walk-cache hits are judged when planned, by the parent's removals of
 * the GPA they translate ({@link Walk#staleStageTwoSince}).
 * Does not model: fills while the walk is still running (two concurrent walks of neighbouring
 * pages both miss), walk-cache entries for faulting walks.
 */
final class WalkPlanner {
    private final TranslationCaches caches;
    private final StaleUseTracker tracker;
    private final long lazyFillPs;

    WalkPlanner(TranslationCaches caches, StaleUseTracker tracker, long lazyFillPs) {
        this.caches = caches;
        this.tracker = tracker;
        this.lazyFillPs = lazyFillPs;
    }

    /** Fills {@code w.skip} and {@code w.pre} for the trace in {@code w}. */
    void plan(Walk w) {
        WalkTrace t = w.trace;
        int n = t.size();
        w.ensureCapacity(n);
        for (int i = 0; i < n; i++) {
            w.skip[i] = false;
            w.pre[i] = 0;
        }
        w.tail = 0;
        w.pwcStamp = Walk.NO_STAMP;
        w.staleStageTwoSince = StaleUseTracker.NEVER;
        int from = t.attemptStart();
        charge(w, from, w.out.lazyFills * lazyFillPs);
        if (from >= n) {
            return;
        }
        boolean nested = false;
        for (int i = from; i < n; i++) {
            nested |= t.stage(i) == 2;
        }
        int skipped = stageOneProbe(w, from, n);
        if (nested) {
            planStageTwo(w, skipped + 1, n);
        }
    }

    /** Probes the stage-1 walk cache; marks the reads it saves; returns the last skipped index. */
    private int stageOneProbe(Walk w, int from, int n) {
        if (!caches.pwcEnabled(1)) {
            return from - 1;
        }
        WalkTrace t = w.trace;
        charge(w, from, caches.pwcLatency(1));
        for (int j = n - 1; j >= from; j--) {
            if (t.stage(j) != 1 || !nonLeaf(t, j)) {
                continue;
            }
            int level = t.level(j);
            if (!caches.pwc[1][level].cache().enabled()) {
                continue; // a disabled level is not probed
            }
            int dom = t.ioasid(j);
            int slot = caches.pwc[1][level].lookup(dom, 1, level, w.iova);
            if (slot != PagingStructureCache.MISS) {
                w.pwcStamp = caches.pwcStamp[1][level][slot];
                w.pwcDomain = dom;
                w.pwcLevel = level;
                w.pwcRegion = PagingStructureCache.prefix(w.iova, level);
                w.pwcTableGpa = t.kind(j) == TableKind.GUEST ? caches.pwc[1][level].nextTable(slot)
                        : StaleUseTracker.NO_GPA;
                for (int r = from; r <= j; r++) {
                    w.skip[r] = true;
                }
                return j;
            }
        }
        return from - 1;
    }

    private void planStageTwo(Walk w, int start, int n) {
        WalkTrace t = w.trace;
        SetAssociativeCache nestedTlb = caches.nestedTlb;
        int i = start;
        while (i < n) {
            if (t.stage(i) != 2) {
                i++;
                continue;
            }
            int g = i;
            while (i < n && t.stage(i) == 2) {
                i++;
            }
            boolean pointer = i < n;
            long gpa = t.input(g);
            int pdom = t.ioasid(g);
            if (pointer && nestedTlb.enabled()) {
                charge(w, g, nestedTlb.config().latencyPs());
                int slot = nestedTlb.lookup(pdom, gpa >>> 12);
                if (slot != SetAssociativeCache.MISS) {
                    // the guest table's HPA, cached: stale if the parent removed its GPA since
                    if (tracker.anyPending()) {
                        w.staleStageTwoSince = Math.min(w.staleStageTwoSince, tracker.staleSince(pdom, gpa,
                                StaleUseTracker.NO_GPA, caches.nestedStamp[slot], false));
                    }
                    for (int r = g; r < i; r++) {
                        w.skip[r] = true;
                    }
                    continue;
                }
            }
            if (caches.pwcEnabled(2)) {
                charge(w, g, caches.pwcLatency(2));
                for (int j = i - 1; j >= g; j--) {
                    if (!nonLeaf(t, j) || !caches.pwc[2][t.level(j)].cache().enabled()) {
                        continue;
                    }
                    int level = t.level(j);
                    int slot = caches.pwc[2][level].lookup(pdom, 2, level, gpa);
                    if (slot != PagingStructureCache.MISS) {
                        // a pointer to a parent table: stale if the parent freed that table since
                        if (tracker.anyPending()) {
                            w.staleStageTwoSince = Math.min(w.staleStageTwoSince, tracker.staleWalkCacheEntrySince(
                                    pdom, level, PagingStructureCache.prefix(gpa, level), StaleUseTracker.NO_GPA,
                                    caches.pwcStamp[2][level][slot]));
                        }
                        for (int r = g; r <= j; r++) {
                            w.skip[r] = true;
                        }
                        break;
                    }
                }
            }
        }
    }

    /** After a successful walk: fills walk caches, nested TLB and IOTLB, stamped with the walk's epoch. */
    void fill(Walk w) {
        WalkTrace t = w.trace;
        Translation out = w.out;
        int n = t.size();
        long stamp = w.epoch;
        for (int i = t.attemptStart(); i < n; i++) {
            if (w.skip[i]) {
                continue;
            }
            if (nonLeaf(t, i)) {
                int stage = t.stage(i);
                int level = t.level(i);
                PagingStructureCache c = caches.pwc[stage][level];
                if (c.cache().enabled()) {
                    c.fill(t.ioasid(i), stage, level, t.input(i), t.pteValue(i) & Pte.ADDR_MASK);
                    caches.pwcStamp[stage][level][c.cache().lastSlot()] = stamp;
                }
            }
            boolean groupEnd = t.stage(i) == 2 && i + 1 < n && t.stage(i + 1) == 1;
            if (groupEnd && caches.nestedTlb.enabled()) {
                int g = i;
                while (g > t.attemptStart() && t.stage(g - 1) == 2) {
                    g--;
                }
                long tablePage = t.pteAddress(i + 1) & Pte.ADDR_MASK;
                long tag = t.input(g) >>> 12;
                caches.nestedTlb.insert(t.ioasid(g), tag, tablePage);
                caches.nestedStamp[caches.nestedTlb.lastSlot()] = stamp;
            }
        }
        if (caches.iotlb.cache().enabled()) {
            long size = 1L << out.pageShift;
            caches.iotlb.fill(out.ioasid, w.pasid, w.iova, size, out.hpa & -size, out.perms);
            int slot = caches.iotlb.cache().lastSlot();
            caches.iotlbStamp[slot] = stamp;
            long gpa = outputGpa(w);
            caches.iotlbGpa[slot] = gpa == StaleUseTracker.NO_GPA ? gpa : gpa & -size;
        }
    }

    /**
     * The GPA of a successful walk's stage-1 output — the input of its last read, a stage-2
     * read — or {@link StaleUseTracker#NO_GPA} when the walk was not two-dimensional.
     */
    static long outputGpa(Walk w) {
        WalkTrace t = w.trace;
        int n = t.size();
        return w.out.ok && n > t.attemptStart() && t.stage(n - 1) == 2 ? t.input(n - 1) : StaleUseTracker.NO_GPA;
    }

    /** A present entry that points to a table (levels 2..5). */
    static boolean nonLeaf(WalkTrace t, int i) {
        long pte = t.pteValue(i);
        int level = t.level(i);
        return level >= PagingStructureCache.MIN_LEVEL && Pte.isPresent(pte) && !Pte.isLeaf(pte, level);
    }

    private static void charge(Walk w, int index, long ps) {
        if (ps == 0) {
            return;
        }
        if (index < w.trace.size()) {
            w.pre[index] += ps;
        } else {
            w.tail += ps;
        }
    }
}
