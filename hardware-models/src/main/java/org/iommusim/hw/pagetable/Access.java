package org.iommusim.hw.pagetable;

/** The kind of a DMA access, checked against a translation's effective permissions. */
public enum Access {
    READ((int) Pte.READ),
    WRITE((int) Pte.WRITE);

    private final int mask;

    Access(int mask) {
        this.mask = mask;
    }

    /** The permission bit this access needs ({@link Pte#READ} or {@link Pte#WRITE}). */
    public int mask() {
        return mask;
    }
}
