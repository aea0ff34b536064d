package org.iommusim.hw.iommu.arch;

import java.util.List;

/**
 * What an IOMMU architecture supports, as a scenario can ask for it: the PASID width, hardware
 * nesting (a 2D walk of a first-stage table over a second-stage one), PCIe ATS and PRI, the page
 * sizes a mapping may use, and the page-table levels of first-stage (guest, or the child of a
 * hardware nest) and second-stage (host) tables. The scenario loader rejects a scenario asking
 * for anything outside these, naming the rule. Describes; models nothing.
 *
 * @param pasidBits          PASID width (a device's PASIDs must be below 2^pasidBits)
 * @param hardwareNesting    whether children may nest on their parent in hardware
 * @param ats                whether devices may use ATS
 * @param pri                whether page requests (PRI) are supported
 * @param pageSizes          leaf page sizes a mapping may use, in bytes
 * @param firstStageLevels   levels a first-stage table may have
 * @param secondStageLevels  levels a second-stage (or single-stage host) table may have
 * @param rule               where the limits come from, quoted in rejections
 */
public record Capabilities(int pasidBits, boolean hardwareNesting, boolean ats, boolean pri, List<Long> pageSizes,
                           List<Integer> firstStageLevels, List<Integer> secondStageLevels, String rule) {
    /** 4 KiB, 2 MiB and 1 GiB leaves. */
    public static final List<Long> X86_PAGES = List.of(1L << 12, 1L << 21, 1L << 30);
    /**
     * {@link #X86_PAGES} and 64 KiB: Arm SMMUv3's 4 KiB granule with the Contiguous hint (16
     * entries) and AMD-Vi's v1 table (Linux {@code AMD_IOMMU_PGSIZES}: every power of two from
     * 4 KiB but 512 GiB); VT-d has no 64 KiB page.
     */
    public static final List<Long> PAGES_WITH_64K = List.of(1L << 12, 1L << 16, 1L << 21, 1L << 30);

    public Capabilities {
        if (pasidBits < 0 || pasidBits > 20) {
            throw new IllegalArgumentException("pasidBits must be 0..20 (PCIe PASIDs are 20 bits), got " + pasidBits);
        }
        pageSizes = List.copyOf(pageSizes);
        firstStageLevels = List.copyOf(firstStageLevels);
        secondStageLevels = List.copyOf(secondStageLevels);
        if (pageSizes.isEmpty() || firstStageLevels.isEmpty() || secondStageLevels.isEmpty() || rule == null) {
            throw new IllegalArgumentException("capabilities need page sizes, levels of both stages and a rule");
        }
    }

    /** Whether {@code pasid} fits the PASID width. */
    public boolean pasidFits(long pasid) {
        return pasid >= 0 && pasid < (1L << pasidBits);
    }
}
