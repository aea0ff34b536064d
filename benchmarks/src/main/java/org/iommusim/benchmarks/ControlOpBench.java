package org.iommusim.benchmarks;

import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.InvalidateRequest;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The control-plane operations of `bench model`'s shadow-churn workload, functional part only
 * (no simulated time): a software-shadowed bind-invalidate IOASID with a bound guest table over a
 * GPA parent of {@value #GUEST_PAGES} 4 KiB pages.
 *
 * <ul>
 *   <li>{@code guestMapInvalidate}: the guest driver's cycle per buffer — a guest PTE written
 *       (through the parent, as plain guest memory writes), a leaf-only range invalidation of it
 *       (the host re-walks the guest table over the range, updates its mirror and reverse map,
 *       derives the shadow leaf), then the oldest of {@value #LIVE} live buffers unmapped and
 *       invalidated (the shadow entry removed, an IOTLB invalidation recorded). One operation is
 *       the map + invalidate + unmap + invalidate: two control operations, divide by 2.</li>
 *   <li>{@code parentRemap}: the host moves one guest page (unmap + map of the parent's 4 KiB
 *       leaf to another host page): the reverse map finds the shadow leaf derived from it, which is
 *       re-derived and invalidated. Two control operations (divide by 2).</li>
 * </ul>
 *
 * <p>How to read: ns per cycle; with {@code -prof gc} JMH also prints the bytes allocated per
 * cycle ({@code gc.alloc.rate.norm}), the figure the control plane's scratch buffers keep small
 * (what remains is each operation's result: its {@code Effects}, {@code Result}, shadow-sync
 * record and invalidations).
 */
public class ControlOpBench extends BenchSetup {
    static final int GUEST_PAGES = 1 << 14;
    static final int LIVE = 64;
    private static final int SLOTS = 4096;
    private static final long HPA_BASE = 1L << 40;
    private static final long ALT_HPA_BASE = 1L << 41;
    private static final long IOVA_BASE = 1L << 32;
    /** GPA of the guest table pages' region (the last 4 MiB of guest memory). */
    private static final long TABLE_GPA = (long) (GUEST_PAGES - 1024) << 12;

    private ControlPlane cp;
    private GuestPageTable table;
    private int parent;
    private int shadowed;
    private int nextSlot;
    private int nextRemap;
    private final boolean[] moved = new boolean[SLOTS];

    @Setup(Level.Trial)
    public void setUp() {
        cp = new ControlPlane();
        parent = ok(cp.alloc(AllocSpec.root(4)));
        for (long p = 0; p < GUEST_PAGES; p++) { // page by page, so that single pages can move
            ok(cp.map(parent, p << 12, HPA_BASE + (p << 12), 4096, Prot.RW, PageSize.SIZE_4K));
        }
        shadowed = ok(cp.alloc(AllocSpec.child(parent, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4)));
        table = ok(GuestPageTable.create(cp, shadowed, TABLE_GPA, (long) GUEST_PAGES << 12));
        ok(cp.bind(shadowed, table.root()));
        for (int i = 0; i < LIVE; i++) {
            mapAndInvalidate(i);
        }
        nextSlot = LIVE;
    }

    /** A guest map + invalidation of a new buffer, then the unmap + invalidation of the oldest live one. */
    @Benchmark
    public void guestMapInvalidate(Blackhole bh) {
        int slot = nextSlot;
        nextSlot = (nextSlot + 1) % SLOTS;
        bh.consume(mapAndInvalidate(slot));
        int old = Math.floorMod(slot - LIVE, SLOTS);
        long iova = IOVA_BASE + ((long) old << 12);
        ok(table.unmap(iova));
        bh.consume(ok(cp.invalidate(shadowed, new InvalidateRequest.Range(iova, 4096, true))));
    }

    /** The host moves guest page {@code slot}'s backing to another host page and back (every other call). */
    @Benchmark
    public void parentRemap(Blackhole bh) {
        int slot = nextRemap;
        nextRemap = (nextRemap + 1) % SLOTS;
        long gpa = (long) slot << 12;
        long hpa = (moved[slot] ? HPA_BASE : ALT_HPA_BASE) + gpa;
        moved[slot] = !moved[slot];
        ok(cp.unmap(parent, gpa, 4096));
        bh.consume(ok(cp.map(parent, gpa, hpa, 4096, Prot.RW, PageSize.SIZE_4K)));
    }

    private Object mapAndInvalidate(int slot) {
        long iova = IOVA_BASE + ((long) slot << 12);
        ok(table.map(iova, (long) slot << 12, PageSize.SIZE_4K, Prot.RW));
        return ok(cp.invalidate(shadowed, new InvalidateRequest.Range(iova, 4096, true)));
    }
}
