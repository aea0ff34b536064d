package org.iommusim.hw.ioasid;

import org.iommusim.hw.nesting.Nesting;

/**
 * What to allocate: parent ({@link #NO_PARENT} for a root), mode, nesting, levels (3..5 by
 * default), aperture {@code [apertureStart, apertureEnd)} in the IOASID's input space, and
 * for a software-shadowed bind-invalidate child two policies: lazy fill (the host walks the
 * guest table on a shadow miss and fills it) and caching mode (the guest promises to
 * invalidate after every map; the workload layer reads this flag).
 */
public record AllocSpec(int parent, Mode mode, Nesting nesting, int levels, long apertureStart,
                        long apertureEnd, boolean lazyFill, boolean cachingMode) {
    public static final int NO_PARENT = -1;
    /** Aperture end meaning "the whole input range the levels can translate". */
    public static final long FULL = -1L;

    /** A root map-unmap IOASID with a full aperture. */
    public static AllocSpec root(int levels) {
        return new AllocSpec(NO_PARENT, Mode.MAP_UNMAP, Nesting.NONE, levels, 0L, FULL, false, false);
    }

    /** A child with a full aperture. */
    public static AllocSpec child(int parent, Mode mode, Nesting nesting, int levels) {
        return new AllocSpec(parent, mode, nesting, levels, 0L, FULL, false, false);
    }

    public AllocSpec withAperture(long start, long end) {
        return new AllocSpec(parent, mode, nesting, levels, start, end, lazyFill, cachingMode);
    }

    public AllocSpec withLazyFill(boolean on) {
        return new AllocSpec(parent, mode, nesting, levels, apertureStart, apertureEnd, on, cachingMode);
    }

    public AllocSpec withCachingMode(boolean on) {
        return new AllocSpec(parent, mode, nesting, levels, apertureStart, apertureEnd, lazyFill, on);
    }

    public boolean hasParent() {
        return parent != NO_PARENT;
    }
}
