package org.iommusim.hw.iommu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.iommusim.core.kernel.Event;
import org.iommusim.core.kernel.SimTime;
import org.iommusim.hw.guest.GuestEdit;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.InvalidateRequest;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.iommu.inval.UnmapPolicy;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.TreeFixture;
import org.junit.jupiter.api.Test;

/**
 * The definition of a stale use (docs/STATISTICS.md) over random histories (seeded; the seed is
 * printed): a host map-unmap IOASID and a hardware-nested guest IOASID over a map-unmap parent,
 * each with a device DMAing at random to its slots all the time (also while a slot's mapping is
 * being changed), and a random sequence of host maps and unmaps (of the host IOASID's IOVAs and
 * of the parent's GPA pages), guest PTE writes each followed by the guest's invalidation, and
 * guest invalidations of ranges that did not change. Under strict unmap no DMA requested after a
 * removal was made is served by a stale entry: 0 stale uses, always. A lazy flush queue with IOVA
 * reuse gives stale uses. Invalidations of unchanged ranges alone give none.
 */
class StaleUseHistoryPropertyTest {
    private static final long PAGE = 4096;
    private static final int SLOTS = 16;
    private static final long HOST_IOVA = 0x10_0000L;
    private static final long GUEST_IOVA = 0x4000_0000L;
    private static final long TABLES_HPA = 0x40_0000_0000L;
    private static final long GPA_PAGES = 0x20_0000L;
    private static final long FRESH_HPA = 0x80_0000_0000L;
    private static final int EVENTS = 300;

    private enum Mix { ALL, HOST_REUSE, INVALIDATIONS_ONLY }

    /** One random history; {@link #run()} returns its stale uses. */
    private static final class History {
        final SplittableRandom rnd;
        final Mix mix;
        final TreeFixture f = TreeFixture.anyDepth();
        final int root;
        final int parent;
        final int child;
        final GuestPageTable guest;
        final ControlRig c;
        /** Per slot: 0 free, 1 busy (an operation in flight), 2 mapped. */
        final int[] host = new int[SLOTS];
        final int[] gpa = new int[SLOTS];
        final int[] guestSlot = new int[SLOTS];
        long nextHpa = FRESH_HPA;
        int events;
        long dmas;

        History(long seed, Mix mix, UnmapPolicy policy) {
            this.rnd = new SplittableRandom(seed);
            this.mix = mix;
            root = f.root(4);
            parent = f.root(4);
            f.map(parent, 0, TABLES_HPA, 1L << 20, PageSize.SIZE_4K);
            child = f.child(parent, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4);
            guest = f.guestTable(child, 0, 1L << 20);
            for (int i = 0; i < SLOTS; i++) {
                f.map(root, HOST_IOVA + i * PAGE, fresh(), PAGE, PageSize.SIZE_4K);
                host[i] = 2;
                f.map(parent, GPA_PAGES + i * PAGE, fresh(), PAGE, PageSize.SIZE_4K);
                gpa[i] = 2;
                TreeFixture.ok(guest.map(GUEST_IOVA + i * PAGE, GPA_PAGES + i * PAGE, PageSize.SIZE_4K, Prot.RW));
                guestSlot[i] = 2;
            }
            f.attach(1, 0, root);
            f.attach(2, 0, child);
            // hits charged: the DMA stream issues its next translation from the previous one's callback,
            // so a free hit would never let time advance
            c = new ControlRig(f, TimedIommuConfig.defaults().withPipeline(new PipelineConfig(false, 0, 0, 0, 0, false)),
                    80 * SimTime.NS, 2, policy);
        }

        private long fresh() {
            long h = nextHpa;
            nextHpa += PAGE;
            return h;
        }

        long run() {
            for (int s = 0; s < 2; s++) {
                dma(1, HOST_IOVA);
                dma(2, GUEST_IOVA);
            }
            step();
            c.rig.sim.run();
            return c.rig.counter("stale-uses");
        }

        /** A closed DMA loop of {@code device} over its slots at random. */
        private void dma(int device, long base) {
            if (events >= EVENTS) {
                return;
            }
            dmas++;
            c.rig.iommu.translate(device, 0, base + rnd.nextInt(SLOTS) * PAGE, Access.READ, 0,
                    (tag, ok, hpa, reason, stage, latency) -> dma(device, base));
        }

        private void step() {
            if (events++ >= EVENTS) {
                return;
            }
            int kind = switch (mix) {
                case ALL -> rnd.nextInt(4);
                case HOST_REUSE -> 0;
                case INVALIDATIONS_ONLY -> 3;
            };
            int slot = rnd.nextInt(SLOTS);
            switch (kind) {
                case 0 -> hostChange(root, HOST_IOVA, host, slot);
                case 1 -> hostChange(parent, GPA_PAGES, gpa, slot);
                case 2 -> guestChange(slot);
                default -> c.tcp.invalidate(child, new InvalidateRequest.Range(GUEST_IOVA + slot * PAGE, PAGE,
                        rnd.nextBoolean()), true, (r, l) -> assertThat(r.isOk()).isTrue());
            }
            c.rig.sim.schedule(Event.of(this::step), SimTime.NS * (100 + rnd.nextInt(2000)));
        }

        /** Unmaps a mapped page of {@code id}, or maps a free one to a page never used before. */
        private void hostChange(int id, long base, int[] state, int slot) {
            if (state[slot] == 1) {
                return;
            }
            long addr = base + slot * PAGE;
            boolean unmap = state[slot] == 2;
            state[slot] = 1;
            if (unmap) {
                c.tcp.unmap(id, addr, PAGE, org.iommusim.hw.iommu.control.HostPath.DMA_API, false, (r, l) -> state[slot] = r.isOk() ? 0 : 2);
            } else {
                c.tcp.map(id, addr, fresh(), PAGE, Prot.RW, PageSize.SIZE_4K, false,
                        (r, l) -> state[slot] = r.isOk() ? 2 : 0);
            }
        }

        /** The guest clears or writes one PTE, then invalidates it (its driver's unmap or map). */
        private void guestChange(int slot) {
            if (guestSlot[slot] == 1) {
                return;
            }
            long iova = GUEST_IOVA + slot * PAGE;
            boolean unmap = guestSlot[slot] == 2;
            Result<GuestEdit> r = unmap ? guest.unmap(iova)
                    : guest.map(iova, GPA_PAGES + rnd.nextInt(SLOTS) * PAGE, PageSize.SIZE_4K, Prot.RW);
            GuestEdit e = TreeFixture.ok(r);
            c.tcp.guestEdited(child, e, true);
            guestSlot[slot] = 1;
            c.tcp.invalidate(child, new InvalidateRequest.Range(e.start(), e.length(), true), true,
                    (x, l) -> guestSlot[slot] = unmap ? 0 : 2);
        }
    }

    /** Runs {@code n} histories of {@code mix} from a printed seed; {@code check} judges each (its seed in the message). */
    private static void histories(String what, int n, Mix mix, UnmapPolicy policy,
                                  java.util.function.BiConsumer<History, String> check) {
        long seed = System.nanoTime();
        System.out.println("StaleUseHistoryPropertyTest " + what + " seed " + seed);
        SplittableRandom seeds = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            long s = seeds.nextLong();
            History h = new History(s, mix, policy);
            h.run();
            check.accept(h, "history seed " + s + " (" + i + " of seed " + seed + ")");
        }
    }

    @Test
    void strictUnmap_randomHistories_noStaleUseEver() {
        histories("strict", 12, Mix.ALL, UnmapPolicy.strictPolicy(), (h, at) -> {
            assertThat(h.c.rig.counter("stale-uses")).as(at).isZero();
            assertThat(h.c.rig.counter("iotlb-served")).as("%s: the caches served DMAs", at).isPositive();
            assertThat(h.c.rig.iommu.invalidations().pendingRemovals()).as(at).isZero();
        });
    }

    @Test
    void lazyUnmap_reusedIovas_giveStaleUses() {
        histories("lazy", 6, Mix.HOST_REUSE, UnmapPolicy.lazy(256, 10 * SimTime.MS),
                (h, at) -> assertThat(h.c.rig.counter("stale-uses")).as(at).isPositive());
    }

    @Test
    void invalidationsOfUnchangedRanges_giveNoStaleUse() {
        histories("invalidations-only", 6, Mix.INVALIDATIONS_ONLY, UnmapPolicy.strictPolicy(), (h, at) -> {
            assertThat(h.c.rig.counter("stale-uses")).as(at).isZero();
            assertThat(h.c.rig.counter("iotlb-served")).as(at).isPositive();
        });
    }
}
