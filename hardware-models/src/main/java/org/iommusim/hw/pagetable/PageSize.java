package org.iommusim.hw.pagetable;

/**
 * Leaf sizes of the 4 KiB granule: 4 KiB (level 1), 64 KiB (16 contiguous level-1 leaves, see
 * {@link Pte#CONTIGUOUS}; Arm SMMUv3 and AMD-Vi v1 tables, not VT-d), 2 MiB (level 2), 1 GiB
 * (level 3).
 */
public enum PageSize {
    SIZE_4K(12),
    SIZE_64K(16),
    SIZE_2M(21),
    SIZE_1G(30);

    private final int shift;

    PageSize(int shift) {
        this.shift = shift;
    }

    public int shift() {
        return shift;
    }

    public long bytes() {
        return 1L << shift;
    }

    /** Entries written per page: 16 for 64 KiB, otherwise 1. */
    public int entries() {
        return this == SIZE_64K ? 16 : 1;
    }

    /** Bits every leaf of this size carries beside the address and permissions ({@link Pte#CONTIGUOUS} for 64 KiB). */
    public long leafBits() {
        return this == SIZE_64K ? Pte.CONTIGUOUS : 0;
    }

    /** The table level whose entries are leaves of this size. */
    public int level() {
        return Pte.levelOfShift(shift);
    }

    /** The page size whose leaves sit at {@code level} (1..3); a 64 KiB page's leaves are level 1 ({@link #SIZE_4K}). */
    public static PageSize ofLevel(int level) {
        return switch (level) {
            case 1 -> SIZE_4K;
            case 2 -> SIZE_2M;
            case 3 -> SIZE_1G;
            default -> throw new IllegalArgumentException("no leaves at level " + level);
        };
    }
}
