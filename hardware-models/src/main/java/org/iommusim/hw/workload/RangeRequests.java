package org.iommusim.hw.workload;

import org.iommusim.hw.ioasid.InvalidateRequest;

/**
 * A direct-mapped memo of the range invalidation requests a periodic workload issues over and
 * over (a guest's slot, a window of a sweep): the request of slot {@code i} is kept at
 * {@code i mod capacity} and handed out again while it matches, so a workload that cycles over
 * a bounded set of ranges allocates no request per operation. Requests are immutable records, so
 * one may be held by several queued operations at once. Not a model class: no behaviour changes.
 */
final class RangeRequests {
    /** Slots kept at most (a workload over more ranges shares them, allocating on each mismatch). */
    static final int MAX_CAPACITY = 4096;

    private final InvalidateRequest.Range[] memo;

    /** A memo for {@code ranges} distinct ranges (capped at {@link #MAX_CAPACITY}). */
    RangeRequests(long ranges) {
        memo = new InvalidateRequest.Range[(int) Math.max(1, Math.min(ranges, MAX_CAPACITY))];
    }

    /** The request {@code [start, start + length)} ({@code leafOnly}) of slot {@code slot}. */
    InvalidateRequest.Range get(long slot, long start, long length, boolean leafOnly) {
        int i = (int) Math.floorMod(slot, (long) memo.length);
        InvalidateRequest.Range r = memo[i];
        if (r == null || r.start() != start || r.length() != length || r.leafOnly() != leafOnly) {
            r = new InvalidateRequest.Range(start, length, leafOnly);
            memo[i] = r;
        }
        return r;
    }
}
