package org.iommusim.hw.pagetable;

/** Receives leaves during a range traversal: input base, size shift and the raw PTE. */
@FunctionalInterface
public interface LeafVisitor {
    void leaf(long base, int shift, long pte);
}
