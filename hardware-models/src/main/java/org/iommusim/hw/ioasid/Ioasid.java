package org.iommusim.hw.ioasid;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.hw.pagetable.LeafRef;
import org.iommusim.hw.pagetable.RadixTable;
import org.iommusim.hw.nesting.NestedTables;
import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.nesting.WalkShape;

/**
 * Models one IOASID node of the tree: its configuration, its tables (a kernel table for
 * map-unmap; whatever its nesting strategy keeps, in {@link NestedTables}), its children, its attachment count and counters. Mutated only by the control plane. Does not
 * model per-device state (ATS, PRI) or the IOMMU's context and PASID tables.
 */
final class Ioasid implements IoasidView {
    final int id;
    final Ioasid parent;
    final List<Ioasid> children = new ArrayList<>();
    final Mode mode;
    final Nesting nesting;
    final int levels;
    final long apertureStart;
    final long apertureEnd;
    final boolean lazyFill;
    final boolean cachingMode;
    /** The kernel table (map-unmap), else null. */
    final RadixTable table;
    /** The nesting strategy's tables and host-side hooks for this IOASID. */
    final NestedTables nested;
    /** Root of the single-stage table (kernel table or shadow), or -1 if hardware-nested. */
    final long singleRoot;
    int attachments;
    final Counters counters = new Counters();
    /** The host side of the operation visiting this IOASID ({@link OpHost#set} per operation). */
    final OpHost host = new OpHost(this);

    Ioasid(int id, Ioasid parent, AllocSpec spec, long apertureEnd, RadixTable table, NestedTables nested) {
        this.id = id;
        this.parent = parent;
        this.mode = spec.mode();
        this.nesting = spec.nesting();
        this.levels = spec.levels();
        this.apertureStart = spec.apertureStart();
        this.apertureEnd = apertureEnd;
        this.lazyFill = spec.lazyFill();
        this.cachingMode = spec.cachingMode();
        this.table = table;
        this.nested = nested;
        RadixTable single = singleStageTable();
        this.singleRoot = single == null ? -1L : single.root();
    }

    /** The table the IOMMU walks when this IOASID is one stage (null if hardware-nested). */
    RadixTable singleStageTable() {
        return nested.walkedTable();
    }

    /**
     * Software lookup in the single-stage table with the aperture applied; a leaf reaching
     * outside the aperture is narrowed to the largest aligned piece inside it.
     */
    boolean lookupSingleStage(long addr, LeafRef out) {
        if (addr < apertureStart || addr >= apertureEnd) {
            out.miss(12);
            return false;
        }
        if (!singleStageTable().lookup(addr, out)) {
            return false;
        }
        while (out.shift > 12 && (out.base < apertureStart || out.end() > apertureEnd)) {
            out.narrow(addr, out.shift - 9);
        }
        return true;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public IoasidView parent() {
        return parent;
    }

    @Override
    public Mode mode() {
        return mode;
    }

    @Override
    public Nesting nesting() {
        return nesting;
    }

    @Override
    public int levels() {
        return levels;
    }

    @Override
    public long apertureStart() {
        return apertureStart;
    }

    @Override
    public long apertureEnd() {
        return apertureEnd;
    }

    @Override
    public WalkShape walkShape() {
        return nesting.walkShape();
    }

    @Override
    public long singleStageRoot() {
        return singleRoot;
    }

    @Override
    public boolean inAperture(long addr) {
        return addr >= apertureStart && addr < apertureEnd;
    }

    @Override
    public long kernelTableRoot() {
        return table == null ? -1L : table.root();
    }

    @Override
    public long boundRoot() {
        return nested.boundRoot();
    }

    @Override
    public boolean lazyFill() {
        return lazyFill;
    }

    @Override
    public boolean cachingMode() {
        return cachingMode;
    }

    long fingerprint() {
        long h = id;
        h = h * 31 + (parent == null ? -1 : parent.id);
        for (Ioasid c : children) {
            h = h * 31 + c.id;
        }
        h = h * 31 + mode.ordinal();
        h = h * 31 + nesting.ordinal();
        h = h * 31 + levels;
        h = h * 31 + apertureStart;
        h = h * 31 + apertureEnd;
        h = h * 31 + (lazyFill ? 1 : 0) + (cachingMode ? 2 : 0);
        h = h * 31 + kernelTableRoot();
        h = h * 31 + singleStageRoot();
        h = h * 31 + attachments;
        h = h * 31 + counters.fingerprint();
        return h * 31 + nested.fingerprint();
    }
}
