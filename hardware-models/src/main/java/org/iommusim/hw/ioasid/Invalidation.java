package org.iommusim.hw.ioasid;

/**
 * One invalidation the IOMMU caches must perform because of an operation: drop entries of
 * IOASID {@code ioasid} (its IOTLB, paging-structure and nested-TLB entries, and device ATCs)
 * in {@code scope}. For RANGE, {@code [start, start + length)} is in the IOASID's input
 * space; {@code leafOnly} means table entries did not change, so paging-structure caches may
 * stay. {@code descriptors} is how many invalidation-queue descriptors it takes (a range wider
 * than the per-descriptor limit is split). A PARENT_CHANGE invalidation of a hardware-nested
 * child has scope ALL: the IOMMU cannot find which IOVAs used the changed GPAs.
 */
public record Invalidation(int ioasid, Scope scope, long start, long length, int pasid, boolean leafOnly,
                           long descriptors, Cause cause) {

    public enum Scope { RANGE, PASID, ALL }

    public enum Cause {
        /** The kernel unmapped part of a map-unmap IOASID. */
        UNMAP,
        /** A user's invalidation of a hardware-nested IOASID, passed through. */
        GUEST_REQUEST,
        /** The kernel changed or removed present shadow entries. */
        SHADOW_UPDATE,
        /** The parent's translation changed under a hardware-nested child. */
        PARENT_CHANGE,
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
