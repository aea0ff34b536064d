package org.iommusim.hw.iommu.datapath;

import org.iommusim.hw.cache.PagingStructureCache;
import org.iommusim.hw.cache.SetAssociativeCache;
import org.iommusim.hw.iommu.TranslationCaches;
import org.iommusim.hw.iommu.stale.StaleUseOracle;
import org.iommusim.hw.iommu.stale.StaleUseTracker;
import org.iommusim.hw.pagetable.Pte;
import org.iommusim.hw.functional.Translation;
import org.iommusim.hw.functional.TableKind;
import org.iommusim.hw.functional.WalkTrace;

/**
 * Decides which PTE reads of a functional walk trace the caches save, and fills the caches
 * after a walk. The plan marks each read skipped or not and charges cache lookup latencies at
 * the read where the lookup happens ({@link WalkPlan}); the walk replays the rest as memory
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
 * IOTLB entry (combined result under nesting). Stale uses: every cache hit the plan uses is
 * told to the {@link StaleUseOracle}, which judges it (the walk carries nothing of it).
 * Does not model: fills while the walk is still running (two concurrent walks of neighbouring
 * pages both miss), walk-cache entries for faulting walks.
 */
final class WalkPlanner {
    private final TranslationCaches caches;
    private final StaleUseOracle oracle;
    private final long lazyFillPs;

    WalkPlanner(TranslationCaches caches, StaleUseOracle oracle, long lazyFillPs) {
        this.caches = caches;
        this.oracle = oracle;
        this.lazyFillPs = lazyFillPs;
    }

    /** Plans the replay of trace {@code t} (result {@code out}) of walk {@code walk} at {@code iova} into {@code w}. */
    void plan(WalkPlan w, WalkTrace t, Translation out, long iova, int walk) {
        int n = t.size();
        w.reset(n);
        int from = t.attemptStart();
        w.charge(from, n, out.lazyFills * lazyFillPs);
        if (from >= n) {
            return;
        }
        boolean nested = false;
        for (int i = from; i < n; i++) {
            nested |= t.stage(i) == 2;
        }
        int skipped = stageOneProbe(w, t, iova, walk, from, n);
        if (nested) {
            planStageTwo(w, t, walk, skipped + 1, n);
        }
    }

    /** Probes the stage-1 walk cache; marks the reads it saves; returns the last skipped index. */
    private int stageOneProbe(WalkPlan w, WalkTrace t, long iova, int walk, int from, int n) {
        if (!caches.pwcEnabled(1)) {
            return from - 1;
        }
        w.charge(from, n, caches.pwcLatency(1));
        for (int j = n - 1; j >= from; j--) {
            if (t.stage(j) != 1 || !nonLeaf(t, j)) {
                continue;
            }
            int level = t.level(j);
            if (!caches.pwc(1, level).cache().enabled()) {
                continue; // a disabled level is not probed
            }
            int dom = t.ioasid(j);
            int slot = caches.pwc(1, level).lookup(dom, 1, level, iova);
            if (slot != PagingStructureCache.MISS) {
                oracle.stageOneWalkCacheHit(walk, dom, level, iova, slot, t.kind(j) == TableKind.GUEST
                        ? caches.pwc(1, level).nextTable(slot) : StaleUseTracker.NO_GPA);
                w.skip(from, j);
                return j;
            }
        }
        return from - 1;
    }

    private void planStageTwo(WalkPlan w, WalkTrace t, int walk, int start, int n) {
        SetAssociativeCache nestedTlb = caches.nestedTlb();
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
                w.charge(g, n, nestedTlb.config().latencyPs());
                int slot = nestedTlb.lookup(pdom, gpa >>> 12);
                if (slot != SetAssociativeCache.MISS) {
                    oracle.nestedTlbHit(walk, pdom, gpa, slot);
                    w.skip(g, i - 1);
                    continue;
                }
            }
            if (caches.pwcEnabled(2)) {
                w.charge(g, n, caches.pwcLatency(2));
                for (int j = i - 1; j >= g; j--) {
                    if (!nonLeaf(t, j) || !caches.pwc(2, t.level(j)).cache().enabled()) {
                        continue;
                    }
                    int level = t.level(j);
                    int slot = caches.pwc(2, level).lookup(pdom, 2, level, gpa);
                    if (slot != PagingStructureCache.MISS) {
                        oracle.stageTwoWalkCacheHit(walk, pdom, level, gpa, slot);
                        w.skip(g, j);
                        break;
                    }
                }
            }
        }
    }

    /** After a successful walk: fills walk caches, nested TLB and IOTLB (the oracle watches the slots). */
    void fill(WalkPlan w, WalkTrace t, Translation out, int pasid, long iova, int walk) {
        int n = t.size();
        oracle.fillFromWalk(walk);
        for (int i = t.attemptStart(); i < n; i++) {
            if (w.skipped(i)) {
                continue;
            }
            if (nonLeaf(t, i)) {
                int stage = t.stage(i);
                int level = t.level(i);
                PagingStructureCache c = caches.pwc(stage, level);
                if (c.cache().enabled()) {
                    c.fill(t.ioasid(i), stage, level, t.input(i), t.pteValue(i) & Pte.ADDR_MASK);
                }
            }
            boolean groupEnd = t.stage(i) == 2 && i + 1 < n && t.stage(i + 1) == 1;
            if (groupEnd && caches.nestedTlb().enabled()) {
                int g = i;
                while (g > t.attemptStart() && t.stage(g - 1) == 2) {
                    g--;
                }
                long tablePage = t.pteAddress(i + 1) & Pte.ADDR_MASK;
                long tag = t.input(g) >>> 12;
                caches.nestedTlb().insert(t.ioasid(g), tag, tablePage);
            }
        }
        if (caches.iotlb().cache().enabled()) {
            long size = 1L << out.pageShift;
            caches.iotlb().fill(out.ioasid, pasid, iova, size, out.hpa & -size, out.perms);
        }
    }

    /** A present entry that points to a table (levels 2..5). */
    static boolean nonLeaf(WalkTrace t, int i) {
        long pte = t.pteValue(i);
        int level = t.level(i);
        return level >= PagingStructureCache.MIN_LEVEL && Pte.isPresent(pte) && !Pte.isLeaf(pte, level);
    }
}
