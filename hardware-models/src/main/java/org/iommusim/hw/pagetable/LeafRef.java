package org.iommusim.hw.pagetable;

/**
 * A reusable holder for the result of a software lookup: on a hit, the leaf's input base,
 * size shift, raw PTE and effective permissions (AND over the path); on a miss, the shift of
 * the region that is known to be unmapped.
 */
public final class LeafRef {
    public long base;
    public int shift;
    public long pte;
    public int perms;
    /** Output address of {@link #base} (hit only). */
    public long outBase;

    void hit(long addr, int level, long entry, int effectivePerms) {
        shift = Pte.entryShift(level);
        base = addr & -(1L << shift);
        pte = entry;
        perms = effectivePerms;
        outBase = Pte.leafBase(entry, shift);
    }

    /** Records a miss: the aligned region of {@code 1 << unmappedShift} bytes around the address is unmapped. */
    public void miss(int unmappedShift) {
        shift = unmappedShift;
        pte = 0;
        perms = 0;
        outBase = 0;
    }

    /** Shrinks a hit to the aligned sub-leaf of {@code 1 << newShift} bytes containing {@code addr}. */
    public void narrow(long addr, int newShift) {
        long newBase = addr & -(1L << newShift);
        outBase += newBase - base;
        base = newBase;
        shift = newShift;
    }

    /** Output address for input {@code addr} inside the leaf (hit only). */
    public long output(long addr) {
        return outBase + (addr - base);
    }

    /** Exclusive end of the leaf's input range (hit only). */
    public long end() {
        return base + (1L << shift);
    }
}
