package org.iommusim.hw.iommu.stale;

import java.util.Arrays;

/**
 * The oracle's record of each walk in flight, by walk number: the epoch at which it read the
 * tables, the stage-1 walk-cache entry its plan used (judged at the walk's end, when it is known
 * whether a younger removal freed the table it points to), the earliest removal that makes a
 * stage-2 structure it used stale (judged when planned), and at its end since when its result is
 * stale and the GPA its stage-1 output went through. Primitive arrays, grown with the walk pool.
 */
final class WalkStaleness {
    static final long NO_STAMP = Long.MAX_VALUE;

    long[] epoch = new long[0];
    long[] pwcStamp = new long[0];
    int[] pwcDomain = new int[0];
    int[] pwcLevel = new int[0];
    long[] pwcRegion = new long[0];
    /** GPA of the guest table the stage-1 walk-cache hit points to, or NO_GPA. */
    long[] pwcTableGpa = new long[0];
    long[] stageTwoSince = new long[0];
    /** At the walk's end: the removal epoch since which its result is stale (NEVER: not). */
    long[] since = new long[0];
    /** At the walk's end: the GPA of its stage-1 output, or NO_GPA. */
    long[] gpa = new long[0];

    /** Makes room for walk number {@code walk}. */
    void ensure(int walk) {
        if (walk < epoch.length) {
            return;
        }
        int n = Math.max(walk + 1, epoch.length * 2);
        epoch = Arrays.copyOf(epoch, n);
        pwcStamp = Arrays.copyOf(pwcStamp, n);
        pwcDomain = Arrays.copyOf(pwcDomain, n);
        pwcLevel = Arrays.copyOf(pwcLevel, n);
        pwcRegion = Arrays.copyOf(pwcRegion, n);
        pwcTableGpa = Arrays.copyOf(pwcTableGpa, n);
        stageTwoSince = Arrays.copyOf(stageTwoSince, n);
        since = Arrays.copyOf(since, n);
        gpa = Arrays.copyOf(gpa, n);
    }

    /** A walk started reading the tables at {@code now}: nothing planned yet. */
    void start(int walk, long now) {
        ensure(walk);
        epoch[walk] = now;
        pwcStamp[walk] = NO_STAMP;
        stageTwoSince[walk] = StaleUseTracker.NEVER;
        since[walk] = StaleUseTracker.NEVER;
        gpa[walk] = StaleUseTracker.NO_GPA;
    }
}
