package org.iommusim.hw.ioasid;

/**
 * How many commands a guest's own vIOMMU driver writes for one range invalidation — the guest
 * runs the Linux driver of the architecture its vIOMMU emulates, so it encodes a range as that
 * driver does (the host's queue format; issue 15):
 * <ul>
 *   <li>{@link #ONE_PER_RANGE}: VT-d — one page-selective descriptor whose address mask covers
 *       the range ({@code calculate_psi_aligned_address}), or one domain-selective one when the
 *       mask would exceed MAMV ({@code cap_max_amask_val}); AMD-Vi — one
 *       INVALIDATE_IOMMU_PAGES whose S bit covers the range ({@code build_inv_address}).</li>
 *   <li>{@link #RANGE_COMMANDS}: SMMUv3 with range invalidation (RIL) — NUM × 2^SCALE pages per
 *       TLBI, NUM ≤ 31, a non-leaf count whose NUM field is 1 grown by a page
 *       ({@code arm_smmu_cmdq_batch_add_range}).</li>
 *   <li>{@link #PER_PAGE}: SMMUv3 without RIL — one TLBI per 4 KiB page, one ASID-wide TLBI from
 *       {@code CMDQ_MAX_TLBI_OPS} = 512 pages on ({@code arm_smmu_inv_size_too_big}).</li>
 * </ul>
 * The count excludes the wait (the guest's inv-wait / CMD_SYNC / COMPLETION_WAIT) and device-TLB
 * commands. Stateless.
 */
public enum GuestRangeCommands {
    ONE_PER_RANGE, RANGE_COMMANDS, PER_PAGE;

    /** {@code CMDQ_MAX_TLBI_OPS} for the 4 KiB granule. */
    public static final long MAX_TLBI_OPS = 512;
    private static final long RANGE_NUM_MAX = 31;

    /** The commands for {@code pages} pages (≥ 1); {@code leaf}: the leaf-only hint. */
    public long count(long pages, boolean leaf) {
        return switch (this) {
            case ONE_PER_RANGE -> 1;
            case PER_PAGE -> pages >= MAX_TLBI_OPS ? 1 : pages;
            case RANGE_COMMANDS -> {
                long left = pages;
                if (!leaf && (left & RANGE_NUM_MAX) == 1) {
                    left++;
                }
                long n = 0;
                while (left > 0) {
                    int scale = Long.numberOfTrailingZeros(left);
                    left -= ((left >>> scale) & RANGE_NUM_MAX) << scale;
                    n++;
                }
                yield n;
            }
        };
    }
}
