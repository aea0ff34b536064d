package org.iommusim.hw.pagetable;

/** Leaf sizes of the 4 KiB granule: 4 KiB (level 1), 2 MiB (level 2), 1 GiB (level 3). */
public enum PageSize {
    SIZE_4K(12),
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

    /** The table level whose entries are leaves of this size. */
    public int level() {
        return Pte.levelOfShift(shift);
    }

    /** The page size whose leaves sit at {@code level} (1..3). */
    public static PageSize ofLevel(int level) {
        return switch (level) {
            case 1 -> SIZE_4K;
            case 2 -> SIZE_2M;
            case 3 -> SIZE_1G;
            default -> throw new IllegalArgumentException("no leaves at level " + level);
        };
    }
}
