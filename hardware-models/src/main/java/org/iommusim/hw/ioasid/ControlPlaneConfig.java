package org.iommusim.hw.ioasid;

/**
 * Control-plane parameters. {@code minLevels..maxLevels} bound an IOASID's levels (3..5 by
 * default; the closed-form walk-length checks use 1..5). {@code descriptorPages} is the
 * widest range one invalidation descriptor covers (2^18 pages, VT-d; a power of two), for
 * counting the host's descriptors with {@link org.iommusim.hw.pagetable.RangeSplitter};
 * {@code guestCommands} how a guest's own vIOMMU driver encodes a range ({@link GuestRangeCommands},
 * the emulated architecture's; VT-d by default). Host page-table pages
 * come from {@code [hostPoolBase, hostPoolLimit)} of host-physical memory; map() refuses
 * physical ranges that overlap this pool, so devices can never be given the kernel's tables.
 */
public record ControlPlaneConfig(int minLevels, int maxLevels, long descriptorPages,
                                 long hostPoolBase, long hostPoolLimit, GuestRangeCommands guestCommands) {
    public ControlPlaneConfig {
        if (minLevels < 1 || maxLevels > 5 || minLevels > maxLevels) {
            throw new IllegalArgumentException("levels must satisfy 1 <= min <= max <= 5");
        }
        if (descriptorPages < 1 || Long.bitCount(descriptorPages) != 1) {
            throw new IllegalArgumentException("descriptorPages must be a power of two >= 1, got " + descriptorPages);
        }
        if (guestCommands == null) {
            throw new IllegalArgumentException("guestCommands is required");
        }
    }

    /** 3..5 levels, 2^18 pages per descriptor, pool in the upper half of a 52-bit space. */
    public static ControlPlaneConfig defaults() {
        return new ControlPlaneConfig(3, 5, 1L << 18, 1L << 51, 1L << 52, GuestRangeCommands.ONE_PER_RANGE);
    }

    public ControlPlaneConfig withLevels(int min, int max) {
        return new ControlPlaneConfig(min, max, descriptorPages, hostPoolBase, hostPoolLimit, guestCommands);
    }

    public ControlPlaneConfig withDescriptorPages(long pages) {
        return new ControlPlaneConfig(minLevels, maxLevels, pages, hostPoolBase, hostPoolLimit, guestCommands);
    }

    public ControlPlaneConfig withHostPool(long base, long limit) {
        return new ControlPlaneConfig(minLevels, maxLevels, descriptorPages, base, limit, guestCommands);
    }

    /** How a guest's own driver encodes a range invalidation (the emulated architecture's). */
    public ControlPlaneConfig withGuestCommands(GuestRangeCommands g) {
        return new ControlPlaneConfig(minLevels, maxLevels, descriptorPages, hostPoolBase, hostPoolLimit, g);
    }
}
