package org.iommusim.hw.nesting;

/**
 * What a nesting strategy supports, checked when an IOASID is allocated (so a scenario that
 * asks for more is refused at load, naming the rule).
 *
 * @param root           an IOASID without a parent may use it
 * @param child          a child may use it to compose with its parent
 * @param kernelTable    a child whose own table is kernel-owned (mode map-unmap) may use it
 *                       (a guest-owned table, mode bind-invalidate, always may)
 * @param oneStage       the IOMMU walks an IOASID using it as one stage, so it may be the
 *                       parent of a hardware-nested child (hardware walks at most two stages)
 * @param shadowPolicies lazy fill and caching mode apply (they are policies of a host copy of
 *                       a guest table)
 * @param hostTablePages host page-table pages allocated with an IOASID using it (besides a
 *                       map-unmap IOASID's own kernel table)
 */
public record Capabilities(boolean root, boolean child, boolean kernelTable, boolean oneStage,
                           boolean shadowPolicies, int hostTablePages) {
}
