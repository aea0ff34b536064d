package org.iommusim.hw.ioasid;

/**
 * Interns the RANGE {@link Invalidation}s that operations produce over and over: the same page of
 * a guest's buffer slot, the same window of a periodic range invalidation, the same parent page a
 * host remaps. A direct-mapped table ({@value #SIZE} places, chosen by a hash of the IOASID and
 * the range) keeps the last invalidation made at each place and hands it out again when every
 * field matches; otherwise a new one is made and kept. Invalidations are immutable records
 * compared by value (nothing holds them by identity), so sharing one between operations changes
 * nothing but the allocation. Not a model class.
 */
final class RangeInvalidationMemo {
    static final int SIZE = 4096;
    private static final int BITS = 12;

    private final Invalidation[] memo = new Invalidation[SIZE];

    /** The RANGE invalidation with these fields (pasid -1), interned. */
    Invalidation range(int ioasid, long start, long length, boolean leafOnly, long descriptors,
                       Invalidation.Cause cause, int freedLevel) {
        long h = (start * 0x9E3779B97F4A7C15L) ^ (length * 0xC2B2AE3D27D4EB4FL) ^ ((long) ioasid * 0x165667B19E3779F9L);
        int i = (int) (h >>> (64 - BITS));
        Invalidation m = memo[i];
        if (m != null && m.start() == start && m.length() == length && m.ioasid() == ioasid && m.leafOnly() == leafOnly
                && m.descriptors() == descriptors && m.cause() == cause && m.freedLevel() == freedLevel) {
            return m; // memo holds only RANGE invalidations with pasid -1
        }
        m = new Invalidation(ioasid, Invalidation.Scope.RANGE, start, length, -1, leafOnly, descriptors, cause,
                freedLevel);
        memo[i] = m;
        return m;
    }
}
