package org.iommusim.hw.nesting;

/** What the IOMMU walks for a DMA that uses an IOASID: the two walk forms the hardware has. */
public enum WalkShape {
    /** A root map-unmap IOASID: its kernel table, one stage. */
    KERNEL_TABLE,
    /** A software-nested IOASID: its shadow table, one stage. */
    SHADOW,
    /** A hardware-nested IOASID: its bound table (stage 1) over the parent's single-stage table (stage 2). */
    NESTED
}
