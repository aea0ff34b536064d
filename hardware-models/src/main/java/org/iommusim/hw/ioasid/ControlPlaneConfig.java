package org.iommusim.hw.ioasid;

/**
 * Control-plane parameters. {@code minLevels..maxLevels} bound an IOASID's levels (3..5 by
 * default; the closed-form walk-length checks use 1..5). {@code descriptorPages} is the
 * widest range one invalidation descriptor covers (2^18 pages, VT-d; a power of two), for
 * counting a user's descriptors with {@link org.iommusim.hw.pagetable.RangeSplitter}. Host page-table pages
 * come from {@code [hostPoolBase, hostPoolLimit)} of host-physical memory; map() refuses
 * physical ranges that overlap this pool, so devices can never be given the kernel's tables.
 */
public record ControlPlaneConfig(int minLevels, int maxLevels, long descriptorPages,
                                 long hostPoolBase, long hostPoolLimit) {
    public ControlPlaneConfig {
        if (minLevels < 1 || maxLevels > 5 || minLevels > maxLevels) {
            throw new IllegalArgumentException("levels must satisfy 1 <= min <= max <= 5");
        }
        if (descriptorPages < 1 || Long.bitCount(descriptorPages) != 1) {
            throw new IllegalArgumentException("descriptorPages must be a power of two >= 1, got " + descriptorPages);
        }
    }

    /** 3..5 levels, 2^18 pages per descriptor, pool in the upper half of a 52-bit space. */
    public static ControlPlaneConfig defaults() {
        return new ControlPlaneConfig(3, 5, 1L << 18, 1L << 51, 1L << 52);
    }

    public ControlPlaneConfig withLevels(int min, int max) {
        return new ControlPlaneConfig(min, max, descriptorPages, hostPoolBase, hostPoolLimit);
    }

    public ControlPlaneConfig withDescriptorPages(long pages) {
        return new ControlPlaneConfig(minLevels, maxLevels, pages, hostPoolBase, hostPoolLimit);
    }

    public ControlPlaneConfig withHostPool(long base, long limit) {
        return new ControlPlaneConfig(minLevels, maxLevels, descriptorPages, base, limit);
    }
}
