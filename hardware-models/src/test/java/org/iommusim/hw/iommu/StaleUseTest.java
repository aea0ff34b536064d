package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.core.resource.LittleLaw;
import org.iommusim.hw.iommu.arch.ArchPresets;
import org.iommusim.hw.iommu.ats.AtsConfig;
import org.iommusim.hw.iommu.datapath.TranslationCallback;
import org.iommusim.hw.iommu.inval.InvQueueConfig;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.PresetFixture;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * VALIDATION item 7 (and item 4 on the invalidation queue). A driver loop that reuses freed
 * IOVAs at once: take an IOVA from a LIFO free list, map it to a buffer never used before, let
 * the device DMA to it twice, unmap it, free the IOVA. With strict unmap no DMA can meet a
 * stale entry; with a lazy flush queue the next mapping of a reused IOVA is served by the IOTLB
 * entry of the previous buffer until the flush — counted as stale uses. The count is checked
 * against an independent oracle: the DMAs whose HPA differs from the current mapping's.
 */
class StaleUseTest {
    private static final long PAGE = 4096;
    private static final long IOVA0 = 0x10_0000L;
    private static final long BUFFERS = 0x40_0000_0000L;
    private static final int CYCLES = 1000;

    /** Runs the loop; returns {staleUses, wrongHpaDmas, dmas}. */
    private static long[] run(ControlRig c) {
        int root = c.rig.f.cp.attached(1, 0).id();
        ArrayDeque<Long> free = new ArrayDeque<>();
        for (int i = 3; i >= 0; i--) {
            free.push(IOVA0 + i * PAGE);
        }
        long[] wrong = new long[2];
        Runnable[] cycle = new Runnable[1];
        int[] left = {CYCLES};
        cycle[0] = () -> {
            if (left[0]-- == 0) {
                return;
            }
            long iova = free.pop();
            long hpa = BUFFERS + (long) left[0] * PAGE;
            c.tcp.map(root, iova, hpa, PAGE, Prot.RW, PageSize.SIZE_4K, false, (r, l) -> {
                assertThat(r.isOk()).isTrue();
                TranslationCallback second = (tag, ok, got, reason, stage, lat) -> {
                    count(wrong, got, hpa);
                    c.tcp.unmap(root, iova, PAGE, org.iommusim.hw.iommu.control.HostPath.DMA_API, false, (u, ul) -> {
                        free.push(iova);
                        cycle[0].run();
                    });
                };
                c.rig.iommu.translate(1, 0, iova, Access.WRITE, 0, (tag, ok, got, reason, stage, lat) -> {
                    count(wrong, got, hpa);
                    c.rig.iommu.translate(1, 0, iova + 64, Access.WRITE, 1, second);
                });
            });
        };
        cycle[0].run();
        c.rig.sim.run();
        return new long[] {c.rig.counter("stale-uses"), wrong[0], wrong[1]};
    }

    private static void count(long[] wrong, long got, long expectedPage) {
        if ((got & ~0xFFFL) != expectedPage) {
            wrong[0]++;
        }
        wrong[1]++;
    }

    private static ControlRig rig(UnmapPolicy policy) {
        return rig(TimedIommuConfig.defaults(), InvQueueConfig.defaults(), policy);
    }

    /** The rig with {@code preset}'s IOMMU (every cache as the preset has it) and invalidation queue. */
    private static ControlRig rig(String preset, UnmapPolicy policy) {
        return rig(ArchPresets.get(preset).iommu(), PresetFixture.invQueue(preset), policy);
    }

    private static ControlRig rig(TimedIommuConfig config, InvQueueConfig queue, UnmapPolicy policy) {
        TreeFixture f = new TreeFixture();
        int root = f.root(4);
        f.attach(1, 0, root);
        return new ControlRig(f, config, 80 * SimTime.NS, 2, policy, queue);
    }

    /*
     * VALIDATION item 7 under every architecture preset (its IOTLB, walk caches, context cache,
     * SMMUv3's TBU micro-TLB, and its queue format's commands); the generic preset is the
     * defaults the other tests here use.
     */

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iommusim.hw.iommu.arch.ArchPresets#names")
    void strictUnmap_neverServesAStaleTranslation(String preset) {
        ControlRig c = rig(preset, UnmapPolicy.strictPolicy());

        long[] r = run(c);

        System.out.printf("%s strict: stale uses %d, wrong-HPA DMAs %d of %d%n", preset, r[0], r[1], r[2]);
        assertThat(r[2]).isEqualTo(2L * CYCLES);
        assertThat(r[0]).isZero();
        assertThat(r[1]).isZero();
        assertThat(c.rig.iommu.invalidations().pendingRemovals()).isZero();
        LittleLaw q = c.queue.littleLaw();
        System.out.printf("invalidation queue: L=%.5f lambdaW=%.5f admitted=%d%n", q.meanOccupancy(),
                q.predictedOccupancy(), q.admitted());
        assertThat(q.admitted()).isEqualTo(2L * CYCLES);
        assertThat(q.relativeError()).as("Little's law on the invalidation queue").isLessThan(0.01);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iommusim.hw.iommu.arch.ArchPresets#names")
    void lazyUnmap_reusedIovasHitStaleEntries_countedExactly(String preset) {
        ControlRig c = rig(preset, UnmapPolicy.lazy(256, 10 * SimTime.MS));

        long[] r = run(c);

        long flushes = ((org.iommusim.core.stats.Counter) c.rig.stats.get("cp.flush-queue.flushes")).get();
        System.out.printf("%s lazy 256/10ms: stale uses %d, wrong-HPA DMAs %d of %d, flushes %d%n", preset, r[0], r[1],
                r[2], flushes);
        assertThat(r[0]).isPositive();
        assertThat(r[0]).as("stale uses = DMAs that reached the previous buffer").isEqualTo(r[1]);
        assertThat(c.rig.iommu.invalidations().pendingRemovals()).as("the last flush covered everything").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.iommusim.hw.iommu.arch.ArchPresets#names")
    void lazyUnmapWithZeroTimeout_hasNoStaleUse(String preset) {
        ControlRig c = rig(preset, UnmapPolicy.lazy(256, 0));

        long[] r = run(c);

        System.out.printf("%s lazy timeout 0: stale uses %d, wrong-HPA DMAs %d of %d%n", preset, r[0], r[1], r[2]);
        assertThat(r[0]).isZero();
        assertThat(r[1]).isZero();
    }

    /** The 2 MiB region (one leaf table's input range) holding IOVA0. */
    private static final long REGION = IOVA0 & -(2L << 20);

    /**
     * Unmaps the whole 2 MiB region of a leaf table holding one page (which frees the table: the
     * unmap covers its entire range — a 4 KiB unmap would free nothing, see below), maps a
     * neighbour in the same region (a new leaf table), DMAs to the neighbour.
     */
    private static long walkCacheScenario(UnmapPolicy policy, long[] readsOut) {
        ControlRig c = rig(policy);
        int root = c.rig.f.cp.attached(1, 0).id();
        c.rig.f.map(root, IOVA0, BUFFERS, PAGE, PageSize.SIZE_4K);
        c.rig.translateNow(1, IOVA0);
        boolean[] tablesFreed = new boolean[1];
        c.tcp.unmap(root, REGION, 2L << 20, org.iommusim.hw.iommu.control.HostPath.DMA_API, false,
                (r, l) -> tablesFreed[0] = !r.value().invalidations().get(0).leafOnly());
        c.rig.sim.runUntil(c.rig.sim.now() + SimTime.US * 50); // its descent reads 512 leaf slots
        assertThat(tablesFreed[0]).as("the unmap covered the leaf table's range: freed").isTrue();
        c.rig.f.map(root, IOVA0 + PAGE, BUFFERS + PAGE, PAGE, PageSize.SIZE_4K);
        readsOut[0] = c.rig.readsFor(1, IOVA0 + PAGE);
        c.rig.sim.run();
        return c.rig.counter("stale-uses");
    }

    /**
     * Deferred reuse (Linux's gather freelist, released after iotlb_sync): the leaf table a 2 MiB
     * unmap frees is held back while its invalidation is pending — strict: until the wait
     * completes; lazy: until the flush queue's drain does — and only then can a map reuse it.
     */
    @Test
    void tablePagesFreedByAnUnmap_becomeReusableOnlyWhenItsInvalidationHasTakenEffect() {
        for (UnmapPolicy policy : new UnmapPolicy[] {
                UnmapPolicy.strictPolicy(), UnmapPolicy.lazy(256, 10 * SimTime.MS)}) {
            ControlRig c = rig(policy);
            int root = c.rig.f.cp.attached(1, 0).id();
            c.rig.f.map(root, IOVA0, BUFFERS, PAGE, PageSize.SIZE_4K);
            long before = c.rig.f.cp.tablePagesAvailable();
            boolean[] done = new boolean[1];
            c.tcp.unmap(root, REGION, 2L << 20, org.iommusim.hw.iommu.control.HostPath.DMA_API, false, (r, l) -> done[0] = r.value().tablePagesFreed() == 1);
            while (c.rig.iommu.invalidations().pendingRemovals() == 0) {
                c.rig.sim.runEvents(1);
            }
            assertThat(c.rig.f.cp.tablePagesAvailable()).as("%s: removed, not yet invalidated", policy)
                    .isEqualTo(before);
            c.rig.f.map(root, IOVA0 + PAGE, BUFFERS + PAGE, PAGE, PageSize.SIZE_4K);
            assertThat(c.rig.f.cp.tablePagesAvailable()).as("the window's map took a fresh page").isEqualTo(before - 1);
            while (!done[0]) {
                c.rig.sim.runEvents(1);
            }
            if (!policy.synchronous()) {
                assertThat(c.tcp.deferred()).isEqualTo(1);
                assertThat(c.rig.f.cp.tablePagesAvailable()).as("lazy: still in the flush queue").isEqualTo(before - 1);
            }
            c.rig.sim.run(); // lazy: the flush timer drains the queue
            assertThat(c.rig.iommu.invalidations().pendingRemovals()).isZero();
            assertThat(c.rig.f.cp.tablePagesAvailable()).as("%s: invalidated, so reusable", policy).isEqualTo(before);
        }
    }

    @Test
    void lazyUnmapThatFreedATable_walkThroughTheStaleWalkCacheEntry_isAStaleUse() {
        long[] reads = new long[1];
        long stale = walkCacheScenario(UnmapPolicy.lazy(256, 10 * SimTime.MS), reads);
        System.out.printf("lazy, freed table: stale uses %d, reads %d%n", stale, reads[0]);
        assertThat(reads[0]).as("level-2 walk-cache entry still there").isEqualTo(1);
        assertThat(stale).isEqualTo(1);
    }

    @Test
    void strictUnmapThatFreedATable_hasNoStaleWalkCacheUse() {
        long[] reads = new long[1];
        long stale = walkCacheScenario(UnmapPolicy.strictPolicy(), reads);
        assertThat(reads[0]).as("walk-cache entries went with the invalidation").isEqualTo(4);
        assertThat(stale).isZero();
    }

    /**
     * The NIC pattern (per-packet 4 KiB map/unmap): unmapping the last page of a leaf table frees
     * no table (Linux frees a table only when the unmap covers its whole range), so the
     * invalidation is leaf-only; a neighbour mapped in the same 2 MiB region while the
     * invalidation is pending goes into the same, live leaf table, and a DMA to it through the
     * cached level-2 entry is correct: no stale use, in strict and in lazy mode. (The model used
     * to free the emptied table at once: the neighbour got a new table and the DMA walked through
     * the cached pointer to the freed one — the strict-mode stale uses of the multi-device
     * scenarios.)
     */
    @Test
    void unmapOfALeafTablesLastPage_isLeafOnly_neighbourInTheWindowIsNoStaleUse() {
        for (UnmapPolicy policy : new UnmapPolicy[] {
                UnmapPolicy.strictPolicy(), UnmapPolicy.lazy(256, 10 * SimTime.MS)}) {
            ControlRig c = rig(policy);
            int root = c.rig.f.cp.attached(1, 0).id();
            c.rig.f.map(root, IOVA0, BUFFERS, PAGE, PageSize.SIZE_4K);
            assertThat(c.rig.readsFor(1, IOVA0)).isEqualTo(4);
            org.iommusim.hw.ioasid.Effects e = c.rig.f.unmap(root, IOVA0, PAGE);
            org.iommusim.hw.ioasid.Invalidation inv = e.invalidations().get(0);
            assertThat(e.tablePagesFreed()).isZero();
            assertThat(inv.leafOnly()).as("the IH hint: no table freed").isTrue();
            assertThat(inv.freedLevel()).isZero();
            c.rig.iommu.invalidations().removed(inv); // the window: removed, not yet invalidated
            c.rig.f.map(root, IOVA0 + PAGE, BUFFERS + PAGE, PAGE, PageSize.SIZE_4K);

            assertThat(c.rig.readsFor(1, IOVA0 + PAGE)).as("levels 4-2 from the walk cache, then the leaf")
                    .isEqualTo(1);
            TimedRig.Done d = c.rig.done.get(c.rig.done.size() - 1);
            new QueuedInvalidation(c.rig, c.queue).invalidate(inv);

            assertThat(d.ok()).isTrue();
            assertThat(d.hpa()).isEqualTo(BUFFERS + PAGE);
            assertThat(c.rig.counter("stale-uses")).as("%s", policy).isZero();
            assertThat(c.rig.iommu.invalidations().pendingRemovals()).isZero();
        }
    }

    /**
     * A strict unmap covering a leaf table's 2 MiB frees only that table, and before its
     * invalidation takes effect another DMA of the same GiB (its own mapping untouched, in
     * another 2 MiB region) walks through the level-3 walk-cache entry. That entry points to the
     * level-2 table, which was not freed: not a stale use. A DMA in the freed leaf table's region
     * through the level-2 entry would be (see the lazy walk-cache test).
     */
    @Test
    void unmapThatFreedOnlyALeafTable_neighbourWalkingThroughTheLevel3Entry_isNotAStaleUse() {
        ControlRig c = rig(UnmapPolicy.strictPolicy());
        int root = c.rig.f.cp.attached(1, 0).id();
        long other = IOVA0 + (4L << 20); // another 2 MiB region, same level-2 table
        c.rig.f.map(root, IOVA0, BUFFERS, PAGE, PageSize.SIZE_4K);
        c.rig.f.map(root, other, BUFFERS + PAGE, PAGE, PageSize.SIZE_4K);
        assertThat(c.rig.readsFor(1, IOVA0)).isEqualTo(4);
        org.iommusim.hw.ioasid.Effects e = c.rig.f.unmap(root, REGION, 2L << 20);
        org.iommusim.hw.ioasid.Invalidation inv = e.invalidations().get(0);
        assertThat(inv.leafOnly()).as("the unmap covered the leaf table's range: freed").isFalse();
        assertThat(inv.freedLevel()).as("only the leaf table").isEqualTo(1);
        c.rig.iommu.invalidations().removed(inv); // the window: removed, not yet invalidated

        assertThat(c.rig.readsFor(1, other)).as("levels 4 and 3 from the walk cache, then 2 reads").isEqualTo(2);
        TimedRig.Done d = c.rig.done.get(c.rig.done.size() - 1);
        new QueuedInvalidation(c.rig, c.queue).invalidate(inv);

        assertThat(d.ok()).isTrue();
        assertThat(d.hpa()).isEqualTo(BUFFERS + PAGE);
        assertThat(c.rig.counter("stale-uses")).isZero();
        assertThat(c.rig.iommu.invalidations().pendingRemovals()).isZero();
    }

    @Test
    void guestClearsABoundPteBeforeItsInvalidation_dmaInTheWindowIsAStaleUse() {
        GuestClear g = guestClearsThenInvalidates(org.iommusim.hw.nesting.Nesting.HARDWARE, TimedIommuConfig.defaults());

        assertThat(g.inWindow().ok()).as("served by the IOTLB").isTrue();
        assertThat(g.rig().counter("stale-uses")).isEqualTo(1);
        assertThat(g.after().ok()).isFalse();
        assertThat(g.rig().iommu.invalidations().pendingRemovals()).isZero();
    }

    @Test
    void guestClearsAShadowedPteWithoutInvalidating_walksOfTheShadowAreStaleUntilItSyncs() {
        GuestClear g = guestClearsThenInvalidates(org.iommusim.hw.nesting.Nesting.SOFTWARE,
                TimedIommuConfig.defaults().withCachesOff());

        assertThat(g.staleBefore()).isZero();
        assertThat(g.inWindow().ok()).as("no cache: the walk of the shadow still found the old entry").isTrue();
        assertThat(g.rig().counter("stale-uses")).as("the shadow is a cache of the guest's table").isEqualTo(1);
        assertThat(g.after().ok()).isFalse();
        assertThat(g.rig().iommu.invalidations().pendingRemovals()).isZero();
    }

    /** What {@link #guestClearsThenInvalidates} saw: stale uses before the edit, the DMAs in the window and after. */
    private record GuestClear(TimedRig rig, long staleBefore, TimedRig.Done inWindow, TimedRig.Done after) {
    }

    /**
     * A parent mapping 2 MiB of buffers and a bind-invalidate child nested on it by {@code nesting}
     * (a software shadow takes the guest's map in first) whose guest maps IOVA0, device 1 attached
     * under strict unmap: one DMA, then the guest clears the PTE, a DMA arrives in the window, the
     * guest's invalidation runs to completion, and one more DMA.
     */
    private static GuestClear guestClearsThenInvalidates(org.iommusim.hw.nesting.Nesting nesting, TimedIommuConfig config) {
        TreeFixture f = TreeFixture.anyDepth();
        int parent = f.root(4);
        f.map(parent, 0, BUFFERS, 1L << 21, PageSize.SIZE_4K);
        int child = f.child(parent, org.iommusim.hw.ioasid.Mode.BIND_INVALIDATE, nesting, 4);
        org.iommusim.hw.guest.GuestPageTable t = f.guestTable(child, 0, 0x10_0000L);
        TreeFixture.ok(t.map(IOVA0, 0x10_0000L, PageSize.SIZE_4K, Prot.RW));
        if (nesting == org.iommusim.hw.nesting.Nesting.SOFTWARE) {
            f.invalidate(child, IOVA0, PAGE); // the shadow takes the map in
        }
        f.attach(1, 0, child);
        ControlRig c = new ControlRig(f, config, 80 * SimTime.NS, 1, UnmapPolicy.strictPolicy());
        assertThat(c.rig.translateNow(1, IOVA0).ok()).isTrue();
        long staleBefore = c.rig.counter("stale-uses");

        c.tcp.guestEdited(child, TreeFixture.ok(t.unmap(IOVA0)));
        TimedRig.Done inWindow = c.rig.translateNow(1, IOVA0);
        c.tcp.invalidate(child, new org.iommusim.hw.ioasid.InvalidateRequest.Range(IOVA0, PAGE, true), true,
                (r, l) -> assertThat(r.isOk()).isTrue());
        c.rig.sim.run();
        return new GuestClear(c.rig, staleBefore, inWindow, c.rig.translateNow(1, IOVA0));
    }

    @Test
    void atsDevice_lazyUnmapStaleAtcUsesCountedExactly_strictNone() {
        ControlRig lazy = rig(UnmapPolicy.lazy(256, 10 * SimTime.MS));
        lazy.rig.iommu.enableAts(1, AtsConfig.defaults());
        ControlRig strict = rig(UnmapPolicy.strictPolicy());
        strict.rig.iommu.enableAts(1, AtsConfig.defaults());

        long[] l = run(lazy);
        long[] s = run(strict);

        System.out.printf("ATS lazy: stale uses %d, wrong-HPA DMAs %d of %d; ATS strict: %d, %d%n", l[0], l[1], l[2],
                s[0], s[1]);
        // Every wrong-page DMA is a stale use, and only those. While a flush-queue drain is under way,
        // a device-ATC round trip covers only the removals made before its submission: a later lazy
        // unmap's old translation can be refilled into the IOTLB by a walk and served to the next
        // ATS request (it was uncounted, 960 vs 966, while a round trip forgot every removal in its range).
        assertThat(l[0]).isPositive();
        assertThat(l[0]).isEqualTo(l[1]);
        assertThat(lazy.rig.iommu.invalidations().pendingRemovals()).isZero();
        assertThat(s[0]).isZero();
        assertThat(s[1]).isZero();
        assertThat(lazy.rig.counter("atc.device1.hits")).isPositive();
    }
}
