package org.iommusim.hw.functional;

import static org.assertj.core.api.Assertions.assertThat;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.Random;
import org.iommusim.hw.guest.GuestEdit;
import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.InvalidateRequest;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.TreeFixture;

/**
 * A random operation history over one tree, for VALIDATION items 6 and 9. Layer L is the
 * address space the guest table lives in and points into: in the shallow world L is a
 * map-unmap root P; in the deep world L is C, a software-shadowed bind-invalidate child of P
 * (three levels: P → C → children). Under L sit four siblings that see the same translation:
 * HW (hardware-nested), SW (software shadow, eager), LAZY (shadow with lazy fill) — all three
 * bound to one guest table — and MU (a map-unmap child with a software shadow).
 *
 * <p>"Agree" (checked after every operation, which for the shadows means after every
 * completed invalidation): HW and MU always equal the oracle, on every sample, since the
 * hardware walk and the kernel's synchronous map/unmap have no stale window. SW and LAZY
 * equal the oracle on every sample the guest has not changed since its last invalidation
 * covering it: a guest write without invalidation may legitimately stay invisible to a shadow
 * (that is the protocol), so such samples are "dirty" until invalidated.
 */
final class EquivalenceWorld {
    static final long T0 = 16L << 20;
    static final long T1 = 32L << 20;
    static final long D0 = 1L << 30;
    static final long D1 = D0 + (32L << 20);
    static final long G1 = 2L << 30;
    static final long UNMAPPED = 512L << 20;
    static final long IOVA_SPAN = 64L << 20;
    static final int HW = 1;
    static final int SW = 2;
    static final int LAZY = 3;
    static final int MU = 4;
    static final int C_DEV = 5;

    final long seed;
    final Random rnd;
    final boolean deep;
    final TreeFixture f = new TreeFixture();
    final int p;
    final int layer;
    final int hw;
    final int sw;
    final int lazy;
    final int mu;
    final GuestPageTable guest;
    final GuestPageTable cTable;
    final LayerOps layerOps;
    final LongArrayList guestLeaves = new LongArrayList();
    final LongArrayList muAreas = new LongArrayList();
    final long[] samples = new long[80];
    final DirtyRanges dirty = new DirtyRanges();
    final long[] muSamples = new long[24];
    final long[] layerSamples = new long[12];
    int ops;
    int rejected;
    int compared;

    EquivalenceWorld(long seed, boolean deep) {
        this.seed = seed;
        this.rnd = new Random(seed);
        this.deep = deep;
        p = f.root(4);
        if (deep) {
            layer = f.child(p, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4);
            f.map(p, T0, 0x1_0000_0000L + T0, T1 - T0, PageSize.SIZE_2M);
            cTable = f.guestTable(layer, T0, T1);
            f.attach(C_DEV, 1, layer);
        } else {
            layer = p;
            cTable = null;
        }
        layerOps = new LayerOps(this);
        layerOps.mapTableRegion();
        hw = f.child(layer, Mode.BIND_INVALIDATE, Nesting.HARDWARE, 4);
        sw = f.child(layer, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4);
        lazy = f.alloc(AllocSpec.child(layer, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4).withLazyFill(true));
        mu = f.child(layer, Mode.MAP_UNMAP, Nesting.SOFTWARE, 4);
        guest = TreeFixture.ok(GuestPageTable.create(f.cp, hw, T0, T1));
        for (int id : new int[] {hw, sw, lazy}) {
            TreeFixture.ok(f.cp.bind(id, guest.root()));
        }
        f.attach(HW, 1, hw);
        f.attach(SW, 1, sw);
        f.attach(LAZY, 1, lazy);
        f.attach(MU, 1, mu);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = randomIova();
        }
        for (int i = 0; i < muSamples.length; i++) {
            muSamples[i] = randomIova();
        }
        for (int i = 0; i < layerSamples.length; i++) {
            layerSamples[i] = i % 2 == 0 ? aligned(T0, T1 - T0, 8) : aligned(D0, D1 - D0, 8);
        }
    }

    long randomIova() {
        return (rnd.nextLong() & (IOVA_SPAN - 1)) & ~7L;
    }

    long aligned(long base, long span, long size) {
        return base + ((rnd.nextLong() & Long.MAX_VALUE) % (span / size)) * size;
    }

    Prot randomProt() {
        return switch (rnd.nextInt(8)) {
            case 0 -> Prot.R;
            case 1 -> Prot.W;
            default -> Prot.RW;
        };
    }

    String ctx() {
        return String.format("seed %d, %s world, op %d", seed, deep ? "deep" : "shallow", ops);
    }

    /** Asserts a rejected operation left the state untouched; returns whether it was accepted. */
    boolean accepted(Result<?> r, long before) {
        if (r.isOk()) {
            return true;
        }
        rejected++;
        assertThat(f.cp.fingerprint()).as("%s: state changed by rejected %s", ctx(), r.error()).isEqualTo(before);
        return false;
    }

    void invalidateGuest(long start, long length) {
        for (int id : new int[] {hw, sw, lazy}) {
            TreeFixture.ok(f.cp.invalidate(id, new InvalidateRequest.Range(start, length, rnd.nextBoolean())));
        }
        dirty.clean(start, start + length);
    }

    void afterGuestEdit(GuestEdit e, double invalidateProbability) {
        if (rnd.nextDouble() < invalidateProbability) {
            long extra = rnd.nextInt(4) == 0 ? 1L << 21 : 0;
            long start = Math.max(0, (e.start() - extra) & ~0xFFFL);
            invalidateGuest(start, e.end() + extra - start);
        } else {
            dirty.mark(e.start(), e.end());
        }
    }

    void addSample(long iova) {
        samples[rnd.nextInt(samples.length)] = iova;
    }

    /**
     * Every translation path agrees with the oracle where it must. Reads and writes are
     * checked on alternate operations (both kinds over any two consecutive operations).
     */
    void check() {
        {
            Access a = ops % 2 == 0 ? Access.READ : Access.WRITE;
            for (int i = 0; i < samples.length; i++) {
                Outcome want = f.expected(HW, 1, samples[i], a);
                expectMatch(HW, samples[i], a, want);
                if (!dirty.contains(samples[i])) {
                    expectMatch(SW, samples[i], a, want);
                    expectMatch(LAZY, samples[i], a, want);
                }
            }
            for (long iova : muSamples) {
                expectMatch(MU, iova, a, f.expected(MU, 1, iova, a));
            }
            if (deep) {
                for (long addr : layerSamples) {
                    expectMatch(C_DEV, addr, a, f.expected(C_DEV, 1, addr, a));
                }
            }
        }
        long probe = samples[ops % samples.length];
        assertThat(f.expected(SW, 1, probe, Access.READ)).as("%s: siblings on one table", ctx())
                .isEqualTo(f.expected(LAZY, 1, probe, Access.READ)).isEqualTo(f.expected(HW, 1, probe, Access.READ));
        compared++;
    }

    private void expectMatch(int device, long iova, Access a, Outcome want) {
        Translation t = f.translate(device, 1, iova, a);
        if (!want.matches(t)) {
            throw new AssertionError(String.format("%s: device %d %s 0x%x: oracle %s, IOMMU %s (trace %s)",
                    ctx(), device, a, iova, want, t.describe(), f.trace));
        }
    }
}
