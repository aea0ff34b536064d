package org.iommusim.hw.ioasid;

/** What the IOMMU walks for a DMA that uses an IOASID. */
public enum WalkShape {
    /** A root map-unmap IOASID: its kernel table, one stage. */
    KERNEL_TABLE,
    /** A software-nested IOASID: its shadow table, one stage. */
    SHADOW,
    /** A hardware-nested IOASID: its bound table (stage 1) over the parent's single-stage table (stage 2). */
    NESTED
}
