package org.iommusim.hw.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iommusim.hw.functional.EquivalenceWorld.D0;
import static org.iommusim.hw.functional.EquivalenceWorld.D1;
import static org.iommusim.hw.functional.EquivalenceWorld.IOVA_SPAN;
import static org.iommusim.hw.functional.EquivalenceWorld.T0;
import static org.iommusim.hw.functional.EquivalenceWorld.T1;
import static org.iommusim.hw.functional.EquivalenceWorld.UNMAPPED;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import org.iommusim.hw.guest.GuestEdit;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.InvalidateRequest;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.testing.TreeFixture;

/** The random operation mix: guest edits, invalidations, map-unmap child edits, bad operations. */
final class HistoryOps {
    private final EquivalenceWorld w;
    private final LongArrayList leafSize = new LongArrayList();
    private final LongArrayList muStart = new LongArrayList();
    private final LongArrayList muLength = new LongArrayList();

    HistoryOps(EquivalenceWorld w) {
        this.w = w;
    }

    /** One random operation, then the agreement check. */
    void step() {
        w.ops++;
        long fp = w.f.cp.fingerprint();
        int k = w.rnd.nextInt(100);
        if (k < 14) {
            w.layerOps.map(fp);
        } else if (k < 24) {
            w.layerOps.unmap(fp);
        } else if (k < 28) {
            w.layerOps.toggleTablePage(fp);
        } else if (k < 50) {
            guestMap(fp);
        } else if (k < 62) {
            guestUnmap(fp);
        } else if (k < 68) {
            guestRemap(fp);
        } else if (k < 71) {
            invalidateAll();
        } else if (k < 80) {
            muMap(fp);
        } else if (k < 86) {
            muUnmap(fp);
        } else {
            badOp(fp);
        }
        w.check();
    }

    private long guestTarget(PageSize size) {
        long near = w.layerOps.nearMapped(size.bytes());
        if (near >= 0 && w.rnd.nextInt(3) == 0) {
            return near;
        }
        int k = w.rnd.nextInt(20);
        long base = k < 14 ? D0 : k < 17 ? T0 : UNMAPPED;
        long span = k < 14 ? D1 - D0 : k < 17 ? T1 - T0 : 64L << 20;
        return w.aligned(base, span, size.bytes());
    }

    private Prot guestProt() {
        return w.rnd.nextInt(20) == 0 ? Prot.NONE : w.randomProt();
    }

    private void guestMap(long fp) {
        PageSize size = w.rnd.nextInt(4) == 0 ? PageSize.SIZE_2M : PageSize.SIZE_4K;
        long iova = w.aligned(0, IOVA_SPAN, size.bytes());
        Result<GuestEdit> r = w.guest.map(iova, guestTarget(size), size, guestProt());
        if (w.accepted(r, fp)) {
            w.guestLeaves.add(iova);
            leafSize.add(size.bytes());
            w.addSample(iova + (w.rnd.nextLong() & (size.bytes() - 1) & ~7L));
            w.afterGuestEdit(r.value(), 0.6);
        }
    }

    private void guestUnmap(long fp) {
        if (w.guestLeaves.isEmpty()) {
            return;
        }
        int i = w.rnd.nextInt(w.guestLeaves.size());
        Result<GuestEdit> r = w.guest.unmap(w.guestLeaves.getLong(i));
        if (w.accepted(r, fp)) {
            w.guestLeaves.removeLong(i);
            leafSize.removeLong(i);
            w.afterGuestEdit(r.value(), 0.6);
        }
    }

    /** A present→present change: unmap, then map the same IOVA elsewhere. */
    private void guestRemap(long fp) {
        if (w.guestLeaves.isEmpty()) {
            return;
        }
        int i = w.rnd.nextInt(w.guestLeaves.size());
        long iova = w.guestLeaves.getLong(i);
        PageSize size = leafSize.getLong(i) == 4096 ? PageSize.SIZE_4K : PageSize.SIZE_2M;
        Result<GuestEdit> r = w.guest.unmap(iova);
        if (!w.accepted(r, fp)) {
            return;
        }
        Result<GuestEdit> m = w.guest.map(iova, guestTarget(size), size, guestProt());
        if (!m.isOk()) {
            w.guestLeaves.removeLong(i);
            leafSize.removeLong(i);
        }
        w.afterGuestEdit(r.value(), 0.8);
    }

    private void invalidateAll() {
        for (int id : new int[] {w.hw, w.sw, w.lazy}) {
            InvalidateRequest req = w.rnd.nextBoolean() ? new InvalidateRequest.All() : new InvalidateRequest.Pasid(1);
            TreeFixture.ok(w.f.cp.invalidate(id, req));
        }
        w.dirty.clear();
    }

    private void muMap(long fp) {
        PageSize size = w.rnd.nextInt(4) == 0 ? PageSize.SIZE_2M : PageSize.SIZE_4K;
        long iova = w.aligned(0, IOVA_SPAN, size.bytes());
        long length = size.bytes() * (1 + w.rnd.nextInt(3));
        Result<Effects> r = w.f.cp.map(w.mu, iova, guestTarget(size), length, w.randomProt(), size);
        if (w.accepted(r, fp)) {
            muStart.add(iova);
            muLength.add(length);
            w.muSamples[w.rnd.nextInt(w.muSamples.length)] = iova + (w.rnd.nextLong() & (length - 1) & ~7L) % length;
        }
    }

    private void muUnmap(long fp) {
        if (muStart.isEmpty()) {
            return;
        }
        int i = w.rnd.nextInt(muStart.size());
        long start = muStart.getLong(i);
        long length = muLength.getLong(i);
        if (w.accepted(w.f.cp.unmap(w.mu, start, length), fp)) {
            for (int j = muStart.size() - 1; j >= 0; j--) {
                if (muStart.getLong(j) < start + length && muStart.getLong(j) + muLength.getLong(j) > start) {
                    muStart.removeLong(j);
                    muLength.removeLong(j);
                }
            }
        }
    }

    /** An operation that must be rejected, leaving the state exactly as before (VALIDATION 9). */
    private void badOp(long fp) {
        int k = w.rnd.nextInt(13);
        long area = w.layerOps.someArea();
        long edge = w.layerOps.edgeOfLongArea();
        Result<?> r = switch (k) {
            case 0 -> w.f.cp.map(w.p, D0 + 0x1234, 0x1000, 4096, Prot.RW, PageSize.SIZE_4K);
            case 1 -> w.f.cp.map(w.mu, 0, D0, 0, Prot.RW, PageSize.SIZE_4K);
            case 2 -> w.f.cp.map(w.p, 0xFFFF_FFFF_FFFF_F000L, 0x1000, 0x2000, Prot.RW, PageSize.SIZE_4K);
            case 3 -> w.f.cp.unmap(w.p, 0xFFFF_F000_0000L, 4096);
            case 4 -> w.f.cp.invalidate(w.mu, new InvalidateRequest.All());
            case 5 -> w.f.cp.bind(w.sw, 0x1234);
            case 6 -> w.f.cp.free(w.layer);
            case 7 -> w.f.cp.attach(EquivalenceWorld.HW, 1, w.sw);
            case 8 -> w.f.cp.alloc(AllocSpec.child(w.hw, Mode.BIND_INVALIDATE, Nesting.SOFTWARE, 4));
            case 9 -> area < 0 ? w.f.cp.free(999) : w.f.cp.map(w.p, area, 0x1000, 4096, Prot.RW, PageSize.SIZE_4K);
            case 10 -> w.f.cp.map(w.mu, 1L << 48, D0, 4096, Prot.RW, PageSize.SIZE_4K);
            case 12 -> w.f.cp.unmap(w.p, edge < 0 ? D1 : edge, 4096);
            default -> w.f.cp.invalidate(w.sw, new InvalidateRequest.Range(0, 0x1001, false));
        };
        assertThat(r.isOk()).as("%s: bad operation %d accepted", w.ctx(), k).isFalse();
        w.accepted(r, fp);
    }
}
