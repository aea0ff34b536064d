package org.iommusim.hw.iommu.stale;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.hw.cache.CacheStats;
import org.iommusim.hw.cache.Iotlb;
import org.iommusim.hw.cache.PagingStructureCache;
import org.iommusim.hw.functional.TableKind;
import org.iommusim.hw.functional.WalkTrace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stale-use oracle on its own: its hooks are driven by hand (no IOMMU, no simulator) over
 * real caches whose slots it watches, and each verdict is checked against the definition — a
 * hit on an entry older than a removal made before the request arrived is a stale use.
 */
class StaleUseOracleTest {
    private static final int DOM = 7;
    private static final long PAGE = 4096;
    private static final long IOVA = 0x4000_0000L;

    private Counter staleUses;
    private StaleUseOracle oracle;
    private Iotlb iotlb;
    private PagingStructureCache pwc1l2;

    @BeforeEach
    void setUp() {
        staleUses = new StatsRegistry(new Simulator()).counter("stale-uses", "translations", "test");
        oracle = new StaleUseOracle(staleUses);
        iotlb = new Iotlb(CacheConfig.of(16, 4, "lru"), null, CacheStats.standalone("iotlb"));
        pwc1l2 = new PagingStructureCache(CacheConfig.of(16, 4, "lru"), null, CacheStats.standalone("pwc"));
        oracle.watch(StaleUseOracle.Structure.IOTLB, 0, 0, iotlb.cache());
        oracle.watch(StaleUseOracle.Structure.WALK_CACHE, 1, 2, pwc1l2.cache());
    }

    /** Walk number {@code walk} reads the tables now and fills the IOTLB with IOVA's page. */
    private void walkFillsIotlb(int walk) {
        oracle.walkStarted(walk);
        oracle.walkEnded(walk, true, new WalkTrace());
        oracle.fillFromWalk(walk);
        iotlb.fill(DOM, 0, IOVA, PAGE, 0x9000, 3);
    }

    /** Request {@code req} arrives now and hits IOVA's IOTLB entry; returns whether it is a stale use. */
    private boolean hit(int req) {
        oracle.requestArrived(req);
        int slot = iotlb.lookup(DOM, 0, IOVA);
        assertThat(slot).isNotEqualTo(Iotlb.MISS);
        oracle.iotlbHit(req, DOM, IOVA, slot, iotlb.pageSize(slot));
        return oracle.staleUse(req);
    }

    @Test
    void iotlbHit_afterAMadeRemovalOfItsPage_isStaleAndCounted() {
        walkFillsIotlb(0);
        oracle.removals().removed(DOM, IOVA, IOVA + PAGE, 0);
        assertThat(hit(0)).isTrue();
        oracle.delivered(0);
        assertThat(staleUses.get()).isEqualTo(1);
    }

    @Test
    void iotlbHit_ofAnotherPageOrAfterTheInvalidation_isNotStale() {
        walkFillsIotlb(0);
        oracle.removals().removed(DOM, IOVA + PAGE, IOVA + 2 * PAGE, 0);
        assertThat(hit(0)).as("removal of the next page").isFalse();
        oracle.removals().removed(DOM, IOVA, IOVA + PAGE, 0);
        oracle.removals().invalidated(DOM, IOVA, IOVA + PAGE, false);
        assertThat(hit(1)).as("the removal's invalidation took effect").isFalse();
        oracle.delivered(0);
        oracle.delivered(1);
        assertThat(staleUses.get()).isZero();
    }

    @Test
    void iotlbHit_requestedWhileTheRemovingOperationRuns_racesItAndIsNotStale() {
        walkFillsIotlb(0);
        oracle.removals().opening(true);
        long epoch = oracle.removals().removed(DOM, IOVA, IOVA + PAGE, 0);
        oracle.removals().opening(false);
        oracle.requestArrived(0);
        oracle.removals().returned(epoch, epoch);
        int slot = iotlb.lookup(DOM, 0, IOVA);
        oracle.iotlbHit(0, DOM, IOVA, slot, PAGE);
        assertThat(oracle.staleUse(0)).isFalse();
        assertThat(hit(1)).as("requested after the operation returned").isTrue();
    }

    @Test
    void entryRefilledByAWalkAfterTheRemoval_isNotStale() {
        walkFillsIotlb(0);
        oracle.removals().removed(DOM, IOVA, IOVA + PAGE, 0);
        walkFillsIotlb(1); // same key: the slot's record takes the newer walk's epoch
        assertThat(hit(0)).isFalse();
    }

    @Test
    void requestServedByAWalk_throughAStageOneWalkCacheEntryWhoseTableWasFreed_isStale() {
        oracle.walkStarted(0);
        oracle.fillFromWalk(0);
        pwc1l2.fill(DOM, 1, 2, IOVA, 0x5000);
        oracle.removals().removed(DOM, IOVA, IOVA + PAGE, 1); // freed the leaf table the entry points to
        oracle.walkStarted(1);
        int slot = pwc1l2.lookup(DOM, 1, 2, IOVA);
        oracle.stageOneWalkCacheHit(1, DOM, 2, IOVA, slot, StaleUseTracker.NO_GPA);
        oracle.requestArrived(3);
        oracle.walkEnded(1, true, new WalkTrace());
        oracle.servedByWalk(3, 1, IOVA);
        assertThat(oracle.staleUse(3)).isTrue();
    }

    @Test
    void walkCacheEntry_afterALeafOnlyRemoval_isNotStale() {
        oracle.walkStarted(0);
        oracle.fillFromWalk(0);
        pwc1l2.fill(DOM, 1, 2, IOVA, 0x5000);
        oracle.removals().removed(DOM, IOVA, IOVA + PAGE, 0); // no table freed: the pointer is still good
        oracle.walkStarted(1);
        oracle.stageOneWalkCacheHit(1, DOM, 2, IOVA, pwc1l2.lookup(DOM, 1, 2, IOVA), StaleUseTracker.NO_GPA);
        oracle.requestArrived(3);
        oracle.walkEnded(1, true, new WalkTrace());
        oracle.servedByWalk(3, 1, IOVA);
        assertThat(oracle.staleUse(3)).isFalse();
    }

    @Test
    void parentGpaRemoval_makesStaleOnlyTheEntryWhoseOutputWentThroughIt() {
        long gpa = 0x8000_0000L;
        WalkTrace nested = new WalkTrace();
        nested.record(DOM, TableKind.GUEST, 1, 1, IOVA, 0x1000, 0);
        nested.record(3, TableKind.KERNEL, 2, 1, gpa, 0x2000, 0); // last read: stage 2 of the output GPA
        oracle.walkStarted(0);
        oracle.walkEnded(0, true, nested);
        oracle.fillFromWalk(0);
        iotlb.fill(DOM, 0, IOVA, PAGE, 0x9000, 3);
        oracle.removals().removedViaParent(DOM, gpa + PAGE, gpa + 2 * PAGE);
        assertThat(hit(0)).as("another GPA page changed").isFalse();
        oracle.removals().removedViaParent(DOM, gpa, gpa + PAGE);
        assertThat(hit(1)).as("its own GPA page changed").isTrue();
    }

    @Test
    void atcHit_isJudgedInTheDomainItsFillingRequestWasTranslatedIn() {
        Iotlb atc = new Iotlb(CacheConfig.of(8, 8, "lru"), null, CacheStats.standalone("atc"));
        oracle.watch(StaleUseOracle.Structure.ATC, 2, 0, atc.cache());
        walkFillsIotlb(0);
        assertThat(hit(0)).isFalse();
        oracle.fillFromRequest(0, DOM); // the ATS answer fills the device's ATC
        atc.fill(0, 0, IOVA, PAGE, 0x9000, 3);
        oracle.removals().removed(DOM + 1, IOVA, IOVA + PAGE, 0);
        oracle.requestArrived(1);
        oracle.atcHit(1, 2, IOVA, atc.lookup(0, 0, IOVA), PAGE);
        assertThat(oracle.staleUse(1)).as("a removal in another domain").isFalse();
        oracle.removals().removed(DOM, IOVA, IOVA + PAGE, 0);
        oracle.requestArrived(2);
        oracle.atcHit(2, 2, IOVA, atc.lookup(0, 0, IOVA), PAGE);
        assertThat(oracle.staleUse(2)).isTrue();
    }

    @Test
    void walkThroughAShadowLeafItsGuestChanged_isStaleUntilTheShadowSyncs() {
        WalkTrace shadow = new WalkTrace();
        shadow.record(DOM, TableKind.SHADOW, 1, 1, IOVA, 0x1000, 0);
        oracle.removals().removedByGuest(DOM, IOVA, IOVA + PAGE, false, true);
        oracle.walkStarted(0);
        oracle.requestArrived(0);
        oracle.walkEnded(0, true, shadow);
        oracle.servedByWalk(0, 0, IOVA);
        assertThat(oracle.staleUse(0)).isTrue();
        oracle.removals().shadowSynced(DOM, IOVA, IOVA + PAGE);
        oracle.walkStarted(1);
        oracle.requestArrived(1);
        oracle.walkEnded(1, true, shadow);
        oracle.servedByWalk(1, 1, IOVA);
        assertThat(oracle.staleUse(1)).isFalse();
    }

    /**
     * An invalidation submitted at epoch {@code upTo} (a device-ATC round trip of a flush-queue
     * drain) covers the removals recorded up to then; a removal made after its submission keeps
     * an IOTLB entry refilled before it stale until its own invalidation.
     */
    @Test
    void invalidatedUpToAnEpoch_coversOlderRemovalsOnly_aLaterOneStaysStale() {
        oracle.removals().removed(DOM, IOVA, IOVA + PAGE, 0);
        long submitted = oracle.removals().epoch();
        walkFillsIotlb(0); // the IOMMU's own descriptor took effect; a walk refills the entry
        oracle.removals().removed(DOM, IOVA, IOVA + PAGE, 0); // a later lazy unmap of the page
        oracle.removals().invalidated(DOM, IOVA, IOVA + PAGE, false, submitted); // the ATC round trip ends

        assertThat(oracle.removals().pending()).isEqualTo(1);
        assertThat(hit(1)).as("the refilled entry predates the later removal").isTrue();
        oracle.removals().invalidated(DOM, IOVA, IOVA + PAGE, false);
        assertThat(oracle.removals().pending()).isZero();
        assertThat(hit(2)).isFalse();
    }
}
