package org.iommusim.hw.iommu.inval;

import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.util.Arrays;

/**
 * Which hardware-nested children each stage-2 parent has, as the invalidation path has met them
 * (an operation naming a child registers it): a VMID-wide command (SMMUv3 TLBI_NH_ALL,
 * TLBI_S12_VMALL) reaches every child sharing the parent's VMID, and a driver treats a domain
 * with children as a stage-2 (nesting-parent) domain. Children are never removed: a freed
 * child's entries are gone already, so reaching it again does nothing.
 */
final class NestedChildren {
    private static final int[] NONE = new int[0];
    private final Int2ObjectOpenHashMap<int[]> children = new Int2ObjectOpenHashMap<>();

    /** Registers {@code child} under {@code parent} (idempotent). */
    void register(int parent, int child) {
        int[] c = children.get(parent);
        if (c == null) {
            children.put(parent, new int[] {child});
        } else if (Arrays.stream(c).noneMatch(x -> x == child)) {
            int[] n = Arrays.copyOf(c, c.length + 1);
            n[c.length] = child;
            children.put(parent, n);
        }
    }

    /** The children registered under {@code parent} (empty when none). */
    int[] of(int parent) {
        int[] c = children.get(parent);
        return c == null ? NONE : c;
    }
}
