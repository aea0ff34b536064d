package org.iommusim.hw.functional;

import static org.iommusim.hw.functional.EquivalenceWorld.D0;
import static org.iommusim.hw.functional.EquivalenceWorld.D1;
import static org.iommusim.hw.functional.EquivalenceWorld.G1;
import static org.iommusim.hw.functional.EquivalenceWorld.T0;
import static org.iommusim.hw.functional.EquivalenceWorld.T1;
import static org.iommusim.hw.functional.EquivalenceWorld.UNMAPPED;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import org.iommusim.hw.guest.GuestEdit;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.InvalidateRequest;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.TreeFixture;

/**
 * Random changes of the layer the guest table lives in: map/unmap on P (the root), and in
 * the deep world also guest map/unmap on C's bound table followed by C's invalidation (C is
 * a shadowed parent, so its changes must reach the shadows below it), plus unmapping and
 * restoring pages that hold the guest table itself.
 */
final class LayerOps {
    private static final long HPA_TABLES = 0x1_0000_0000L;
    private static final long C_TABLE_TARGET = 256L << 20;

    private final EquivalenceWorld w;
    private final LongArrayList areaStart = new LongArrayList();
    private final LongArrayList areaLength = new LongArrayList();
    private final LongArrayList cLeaves = new LongArrayList();
    private final LongArrayList tablePagesOut = new LongArrayList();

    LayerOps(EquivalenceWorld w) {
        this.w = w;
    }

    /** Makes the guest-table region [T0, T1) of layer L readable. */
    void mapTableRegion() {
        if (!w.deep) {
            for (long page = T0; page < T1; page += 4096) {
                w.f.map(w.p, page, HPA_TABLES + page, 4096, PageSize.SIZE_4K);
            }
            return;
        }
        w.f.map(w.p, C_TABLE_TARGET, 0x2_0000_0000L, T1 - T0, PageSize.SIZE_2M);
        for (long page = T0; page < T1; page += 4096) {
            TreeFixture.ok(w.cTable.map(page, C_TABLE_TARGET + page - T0, PageSize.SIZE_4K, Prot.RW));
        }
        w.f.invalidate(w.layer, T0, T1 - T0);
    }

    void map(long fp) {
        if (w.deep && w.rnd.nextBoolean()) {
            PageSize size = w.rnd.nextInt(3) == 0 ? PageSize.SIZE_2M : PageSize.SIZE_4K;
            long iova = w.aligned(D0, D1 - D0, size.bytes());
            long target = w.rnd.nextInt(10) == 0 ? w.aligned(UNMAPPED, 64L << 20, size.bytes())
                    : w.aligned(D0, D1 - D0, size.bytes());
            Result<GuestEdit> r = w.cTable.map(iova, target, size, w.randomProt());
            if (w.accepted(r, fp)) {
                cLeaves.add(iova);
                invalidateC(r.value());
            }
            return;
        }
        int kind = w.rnd.nextInt(20);
        PageSize size = kind == 0 ? PageSize.SIZE_1G : kind < 8 ? PageSize.SIZE_2M : PageSize.SIZE_4K;
        long base = size == PageSize.SIZE_1G ? G1 : D0;
        long span = size == PageSize.SIZE_1G ? 1L << 30 : D1 - D0;
        long gpa = w.aligned(base, span, size == PageSize.SIZE_4K && w.rnd.nextInt(3) == 0 ? 1L << 21 : size.bytes());
        long length = Math.min(size.bytes() * (1 + w.rnd.nextInt(size == PageSize.SIZE_4K ? 6 : 2)), base + span - gpa);
        long hpa = w.aligned(8L << 30, 8L << 30, size.bytes());
        Result<Effects> r = w.f.cp.map(w.p, gpa, hpa, length, w.randomProt(), size);
        if (w.accepted(r, fp)) {
            areaStart.add(gpa);
            areaLength.add(length);
        }
    }

    void unmap(long fp) {
        if (w.deep && w.rnd.nextBoolean() && !cLeaves.isEmpty()) {
            int i = w.rnd.nextInt(cLeaves.size());
            Result<GuestEdit> r = w.cTable.unmap(cLeaves.getLong(i));
            if (w.accepted(r, fp)) {
                cLeaves.removeLong(i);
                invalidateC(r.value());
            }
            return;
        }
        long start;
        long length;
        if (!areaStart.isEmpty() && w.rnd.nextInt(10) < 7) {
            int i = w.rnd.nextInt(areaStart.size());
            start = areaStart.getLong(i);
            length = areaLength.getLong(i);
        } else {
            start = w.aligned(D0, D1 - D0, 4096);
            length = 4096L * (1 + w.rnd.nextInt(1024));
        }
        if (w.accepted(w.f.cp.unmap(w.p, start, length), fp)) {
            prune(start, start + length);
        }
    }

    private void prune(long start, long end) {
        for (int i = areaStart.size() - 1; i >= 0; i--) {
            if (areaStart.getLong(i) < end && areaStart.getLong(i) + areaLength.getLong(i) > start) {
                areaStart.removeLong(i);
                areaLength.removeLong(i);
            }
        }
    }

    /** Unmaps a page of the guest-table region (usually a live table page), or restores one. */
    void toggleTablePage(long fp) {
        if (!tablePagesOut.isEmpty() && w.rnd.nextInt(3) > 0) {
            long page = tablePagesOut.removeLong(w.rnd.nextInt(tablePagesOut.size()));
            if (w.deep) {
                invalidateC(TreeFixture.ok(w.cTable.map(page, C_TABLE_TARGET + page - T0, PageSize.SIZE_4K, Prot.RW)));
            } else {
                w.f.map(w.p, page, HPA_TABLES + page, 4096, PageSize.SIZE_4K);
            }
            return;
        }
        long page = T0 + 4096L * w.rnd.nextInt(48);
        if (tablePagesOut.contains(page)) {
            return;
        }
        if (w.deep) {
            invalidateC(TreeFixture.ok(w.cTable.unmap(page)));
        } else {
            TreeFixture.ok(w.f.cp.unmap(w.p, page, 4096));
        }
        tablePagesOut.add(page);
    }

    private void invalidateC(GuestEdit e) {
        TreeFixture.ok(w.f.cp.invalidate(w.layer, new InvalidateRequest.Range(e.start(), e.length(), false)));
    }

    /** A range of P that is currently mapped (for overlap attempts), or -1. */
    long someArea() {
        return areaStart.isEmpty() ? -1 : areaStart.getLong(w.rnd.nextInt(areaStart.size()));
    }

    /** The first or last page of a tracked P mapping longer than one page, or -1 (for split attempts). */
    long edgeOfLongArea() {
        for (int tries = 0; tries < 8 && !areaStart.isEmpty(); tries++) {
            int i = w.rnd.nextInt(areaStart.size());
            if (areaLength.getLong(i) > 4096) {
                return w.rnd.nextBoolean() ? areaStart.getLong(i) : areaStart.getLong(i) + areaLength.getLong(i) - 4096;
            }
        }
        return -1;
    }

    /** A GPA of the layer near something the layer maps (so guest leaves often resolve in part). */
    long nearMapped(long size) {
        if (w.deep || areaStart.isEmpty()) {
            return -1;
        }
        return areaStart.getLong(w.rnd.nextInt(areaStart.size())) & -size;
    }
}
