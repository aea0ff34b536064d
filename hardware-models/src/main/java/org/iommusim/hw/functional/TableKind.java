package org.iommusim.hw.functional;

/** Which kind of table a PTE read hit. */
public enum TableKind {
    /** A kernel-owned table of a map-unmap IOASID (host memory). */
    KERNEL,
    /** A bound table in guest memory (stage 1 of a hardware-nested walk). */
    GUEST,
    /** A shadow table kept by the kernel for a software-nested IOASID. */
    SHADOW
}
