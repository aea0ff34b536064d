package org.iommusim.hw.shadow;

import org.iommusim.hw.pagetable.LeafRef;

/**
 * The parent's translation as the kernel sees it when it derives shadow entries or reads a
 * guest table: a software lookup in the parent's single-stage table (its kernel table or its
 * own shadow), with the parent's aperture applied. On a miss {@code out.shift} tells how
 * large an aligned region around the address is known to be unmapped (at least 12).
 */
@FunctionalInterface
public interface ParentView {
    boolean lookup(long addr, LeafRef out);
}
