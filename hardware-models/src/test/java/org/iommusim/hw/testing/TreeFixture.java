package org.iommusim.hw.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.iommusim.hw.guest.GuestPageTable;
import org.iommusim.hw.ioasid.AllocSpec;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.ControlPlaneConfig;
import org.iommusim.hw.ioasid.Effects;
import org.iommusim.hw.ioasid.InvalidateRequest;
import org.iommusim.hw.ioasid.Mode;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.ioasid.Result;
import org.iommusim.hw.pagetable.Access;
import org.iommusim.hw.pagetable.PageSize;
import org.iommusim.hw.pagetable.Prot;
import org.iommusim.hw.functional.DirectComposition;
import org.iommusim.hw.functional.FunctionalWalker;
import org.iommusim.hw.functional.Outcome;
import org.iommusim.hw.functional.Translation;
import org.iommusim.hw.functional.WalkTrace;

/** Builds IOASID trees for tests and translates through the IOMMU and the oracle. */
public final class TreeFixture {
    public final ControlPlane cp;
    public final FunctionalWalker iommu;
    public final DirectComposition oracle;
    public final WalkTrace trace = new WalkTrace();
    public final Translation out = new Translation();

    public TreeFixture(ControlPlaneConfig config) {
        cp = new ControlPlane(config);
        iommu = new FunctionalWalker(cp);
        oracle = new DirectComposition(cp);
    }

    public TreeFixture() {
        this(ControlPlaneConfig.defaults());
    }

    /** Levels 1..5 allowed, for the closed-form walk lengths. */
    public static TreeFixture anyDepth() {
        return new TreeFixture(ControlPlaneConfig.defaults().withLevels(1, 5));
    }

    public int root(int levels) {
        return ok(cp.alloc(AllocSpec.root(levels)));
    }

    public int child(int parent, Mode mode, Nesting nesting, int levels) {
        return ok(cp.alloc(AllocSpec.child(parent, mode, nesting, levels)));
    }

    public int alloc(AllocSpec spec) {
        return ok(cp.alloc(spec));
    }

    public Effects map(int id, long iova, long pa, long length, PageSize size) {
        return ok(cp.map(id, iova, pa, length, Prot.RW, size));
    }

    public Effects map(int id, long iova, long pa, long length, PageSize size, Prot prot) {
        return ok(cp.map(id, iova, pa, length, prot, size));
    }

    public Effects unmap(int id, long iova, long length) {
        return ok(cp.unmap(id, iova, length));
    }

    public Effects invalidate(int id, long start, long length) {
        return ok(cp.invalidate(id, new InvalidateRequest.Range(start, length, false)));
    }

    /** A guest table for bind-invalidate {@code id}, with pages from GPAs [start, end); bound at once. */
    public GuestPageTable guestTable(int id, long start, long end) {
        GuestPageTable t = ok(GuestPageTable.create(cp, id, start, end));
        ok(cp.bind(id, t.root()));
        return t;
    }

    public void attach(int device, int pasid, int id) {
        cp.registerDevice(device);
        ok(cp.attach(device, pasid, id));
    }

    public Translation translate(int device, int pasid, long iova, Access access) {
        iommu.translate(device, pasid, iova, access, trace, out);
        return out;
    }

    public Outcome expected(int device, int pasid, long iova, Access access) {
        return oracle.translate(device, pasid, iova, access);
    }

    public static <T> T ok(Result<T> r) {
        assertThat(r.isOk()).as("operation rejected: %s", r.isOk() ? "" : r.error()).isTrue();
        return r.value();
    }
}
