package org.iommusim.core.kernel;

import java.util.Arrays;

/**
 * One rung of a {@link LadderEventQueue}: {@code nb} buckets of width {@code 2^shift}
 * picoseconds covering the closed interval [{@code base}, {@code last}]. A bucket is the head
 * of a singly linked list of entries in the queue's entry pool (-1 when empty), unsorted.
 * Buckets below {@code cur} have been handed on (to the bottom heap or to a finer rung).
 * A rung object and its arrays are reused whenever a rung is spawned at its depth again.
 */
final class LadderRung {
    long base;
    long last;
    int shift;
    int nb;
    int cur;
    int[] head = new int[0];
    int[] count = new int[0];

    /** Lays out buckets over [base, last] for about {@code target} entries; all buckets empty. */
    void reset(long base, long last, int target) {
        long span = last - base; // >= 0, fits in a long because all times are >= 0
        int want = Math.max(1, target);
        // 2^s > span / want, hence want * 2^s > span: want buckets cover the span; capped so 2^s fits
        int s = Math.min(64 - Long.numberOfLeadingZeros(span / want), 62);
        this.base = base;
        this.last = last;
        this.shift = s;
        this.nb = (int) (span >>> s) + 1;
        this.cur = 0;
        if (head.length < nb) {
            head = new int[Math.max(nb, head.length * 2)];
            count = new int[head.length];
        }
        Arrays.fill(head, 0, nb, -1);
        Arrays.fill(count, 0, nb, 0);
    }

    /** Bucket of a time in [base, last]. */
    int bucketOf(long time) {
        return (int) ((time - base) >>> shift);
    }

    long bucketStart(int b) {
        return base + ((long) b << shift);
    }

    /** Last instant of bucket {@code b}, clipped to the rung's last instant. */
    long bucketLast(int b) {
        long start = bucketStart(b);
        long widthMinusOne = (1L << shift) - 1;
        return widthMinusOne > last - start ? last : start + widthMinusOne;
    }
}
