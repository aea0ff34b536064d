package org.iommusim.hw.ioasid;

/**
 * One invalidation the IOMMU caches must perform because of an operation: drop entries of
 * IOASID {@code ioasid} (its IOTLB, paging-structure and nested-TLB entries, and device ATCs)
 * in {@code scope}. For RANGE, {@code [start, start + length)} is in the IOASID's input
 * space; {@code leafOnly} means table entries did not change, so paging-structure caches may
 * stay. {@code descriptors} is how many invalidation-queue descriptors it takes (a range wider
 * than the per-descriptor limit is split). {@code freedLevel} is the highest level of the table
 * pages the change freed (1: leaf tables; 0: none) — paging-structure entries of higher levels
 * still point to live tables; when the producer cannot tell (a guest's request, a scope wider than
 * a range) it is {@link #ANY_LEVEL} unless {@code leafOnly}. A PARENT_CHANGE invalidation of a
 * hardware-nested child has scope ALL: the IOMMU cannot find which IOVAs used the changed GPAs.
 */
public record Invalidation(int ioasid, Scope scope, long start, long length, int pasid, boolean leafOnly,
                           long descriptors, Cause cause, int freedLevel) {
    /** A {@code freedLevel} meaning "tables of any level may have been freed". */
    public static final int ANY_LEVEL = 5;

    /** An invalidation whose producer does not know which table levels went: any, unless leaf-only. */
    public Invalidation(int ioasid, Scope scope, long start, long length, int pasid, boolean leafOnly,
                        long descriptors, Cause cause) {
        this(ioasid, scope, start, length, pasid, leafOnly, descriptors, cause, leafOnly ? 0 : ANY_LEVEL);
    }

    public enum Scope { RANGE, PASID, ALL }

    public enum Cause {
        /** The kernel unmapped part of a map-unmap IOASID. */
        UNMAP,
        /** The kernel replaced present leaves of a map-unmap IOASID in place. */
        REPLACE,
        /** A user's invalidation of a hardware-nested IOASID, passed through. */
        GUEST_REQUEST,
        /** The kernel changed or removed present shadow entries. */
        SHADOW_UPDATE,
        /** The parent's translation changed under a hardware-nested child. */
        PARENT_CHANGE,
        /** A map of large leaves freed the empty table pages they took the place of. */
        SUPERPAGE_MAP,
        /** A new table was bound. */
        BIND,
        /** A device detached a PASID. */
        DETACH,
        /** The IOASID was freed. */
        FREE
    }

    public long end() {
        return start + length;
    }
}
