package org.iommusim.hw.pagetable;

/**
 * The page-table entry format shared by every table in the model (kernel tables, guest
 * tables, shadows): 64-bit words with x86-64-like bits.
 *
 * <pre>
 * bit 0  PRESENT      bit 1 READ     bit 2 WRITE
 * bit 5  ACCESSED     bit 6 DIRTY    bit 7 PAGE_SIZE (leaf at level 2 or 3)
 * bit 9  AREA_START   bit 10 AREA_END  (software bits: boundaries of one map() call)
 * bits 12..51 output / next-table address
 * bit 52 CONTIGUOUS (level-1 leaf: one of 16 aligned entries mapping one 64 KiB page)
 * </pre>
 *
 * A 64 KiB page is 16 adjacent, 64 KiB-aligned level-1 leaves mapping a contiguous, aligned
 * 64 KiB output range, each with CONTIGUOUS set: Arm's Contiguous hint (bit 52 of a VMSAv8-64
 * descriptor, 4 KiB granule: 16 entries) and AMD-Vi's replicated entries of a v1 page-table page
 * size between 4 KiB and 2 MiB (next level 7, size in the address bits; Linux
 * {@code PAGE_SIZE_PTE_COUNT}). A walk still reads the one leaf of its address; the hardware
 * may then cache the translation as one 64 KiB entry ({@link #leafShift}). Software (map,
 * unmap, the shadow) sees 16 entries.
 *
 * A present entry at level 1 is always a leaf; at levels 2 and 3 it is a leaf when PAGE_SIZE
 * is set; at levels 4 and 5 PAGE_SIZE is ignored (the entry points to a table). Effective
 * permissions are the AND of READ/WRITE over every level of one stage. ACCESSED and DIRTY are
 * defined but never set by walks: translation is a pure function of memory contents.
 * Does not model execute permission, memory types, or reserved-bit faults.
 */
public final class Pte {
    public static final long PRESENT = 1L;
    public static final long READ = 1L << 1;
    public static final long WRITE = 1L << 2;
    public static final long ACCESSED = 1L << 5;
    public static final long DIRTY = 1L << 6;
    public static final long PAGE_SIZE = 1L << 7;
    public static final long AREA_START = 1L << 9;
    public static final long AREA_END = 1L << 10;
    /** A level-1 leaf that is one of the 16 entries of a 64 KiB page. */
    public static final long CONTIGUOUS = 1L << 52;
    /** Shift of the page a {@link #CONTIGUOUS} run maps: 64 KiB. */
    public static final int CONTIGUOUS_SHIFT = 16;
    /** Permission bits of an entry. */
    public static final int PERM_MASK = (int) (READ | WRITE);
    /** Address bits 12..51. */
    public static final long ADDR_MASK = 0x000F_FFFF_FFFF_F000L;
    /** Physical address width of an entry's address field. */
    public static final int PA_BITS = 52;

    private Pte() {
    }

    /** Shift of the region one entry at {@code level} covers: 12, 21, 30, 39, 48. */
    public static int entryShift(int level) {
        return 3 + 9 * level;
    }

    /** Shift of the input range a whole table at {@code level} covers: 21, 30, 39, 48, 57. */
    public static int tableShift(int level) {
        return 12 + 9 * level;
    }

    /** Byte offset inside a table page of the entry for {@code addr} at {@code level}. */
    public static long indexOffset(long addr, int level) {
        return ((addr >>> entryShift(level)) & 511L) << 3;
    }

    public static boolean isPresent(long pte) {
        return (pte & PRESENT) != 0;
    }

    /** True if the present entry {@code pte} at {@code level} maps a page rather than a table. */
    public static boolean isLeaf(long pte, int level) {
        return level == 1 || (level <= 3 && (pte & PAGE_SIZE) != 0);
    }

    /** The address field of an entry. */
    public static long address(long pte) {
        return pte & ADDR_MASK;
    }

    /**
     * Shift of the page the hardware sees through present leaf {@code pte} at {@code level}:
     * {@link #CONTIGUOUS_SHIFT} for a contiguous level-1 leaf, otherwise the entry's own region.
     */
    public static int leafShift(long pte, int level) {
        return level == 1 && (pte & CONTIGUOUS) != 0 ? CONTIGUOUS_SHIFT : entryShift(level);
    }

    /** The output base of a leaf covering {@code 1 << shift} bytes (address aligned down). */
    public static long leafBase(long pte, int shift) {
        return pte & ADDR_MASK & -(1L << shift);
    }

    /** Permission bits (READ | WRITE) of an entry, as an int mask. */
    public static int perms(long pte) {
        return (int) pte & PERM_MASK;
    }

    /** A pointer to the next-level table at {@code tableAddr}, with full permissions. */
    public static long table(long tableAddr) {
        return (tableAddr & ADDR_MASK) | PRESENT | READ | WRITE;
    }

    /** A leaf at {@code level} mapping to {@code outAddr} with permission mask {@code perms}. */
    public static long leaf(long outAddr, int perms, int level) {
        long pte = (outAddr & ADDR_MASK) | PRESENT | (perms & PERM_MASK);
        return level > 1 ? pte | PAGE_SIZE : pte;
    }

    /** Level at which a leaf covering {@code 1 << shift} bytes sits (12→1, 21→2, 30→3). */
    public static int levelOfShift(int shift) {
        return (shift - 3) / 9;
    }
}
