package org.iommusim.hw.ioasid;

import org.iommusim.hw.nesting.Nesting;
import org.iommusim.hw.nesting.WalkShape;

/**
 * Read-only view of one IOASID for the data path and for test oracles: everything a walker
 * needs to find the tables, nothing that could change them.
 */
public interface IoasidView {
    int id();

    /** The parent, or null for a root. */
    IoasidView parent();

    Mode mode();

    Nesting nesting();

    int levels();

    /** Inclusive start of the aperture (input addresses the IOASID accepts). */
    long apertureStart();

    /** Exclusive end of the aperture. */
    long apertureEnd();

    WalkShape walkShape();

    /** Root HPA of the table the IOMMU walks when this IOASID is one stage; -1 if NESTED. */
    long singleStageRoot();

    /** Levels of that table (same as {@link #levels()}). */
    default int singleStageLevels() {
        return levels();
    }

    /** Root HPA of the kernel table (map-unmap only), or -1. */
    long kernelTableRoot();

    /** Bound root GPA (bind-invalidate only), or -1 when unbound. */
    long boundRoot();

    boolean lazyFill();

    boolean cachingMode();

    default boolean inAperture(long addr) {
        return addr >= apertureStart() && addr < apertureEnd();
    }
}
