package org.iommusim.hw.iommu.datapath;

import java.util.Arrays;

/**
 * A walk's replay plan, written by the {@link WalkPlanner} and read by the {@link Walk}: per read
 * of the trace, whether a cache saves it and the cache lookup latency charged just before it,
 * and the latency charged after the last read.
 */
final class WalkPlan {
    private boolean[] skip = new boolean[64];
    private long[] pre = new long[64];
    private long tail;

    /** An empty plan for a trace of {@code n} reads: nothing skipped, nothing charged. */
    void reset(int n) {
        if (skip.length < n) {
            skip = Arrays.copyOf(skip, Math.max(n, skip.length * 2));
            pre = Arrays.copyOf(pre, skip.length);
        }
        for (int i = 0; i < n; i++) {
            skip[i] = false;
            pre[i] = 0;
        }
        tail = 0;
    }

    /** A cache saves reads {@code from..to} (inclusive). */
    void skip(int from, int to) {
        for (int r = from; r <= to; r++) {
            skip[r] = true;
        }
    }

    /** Charges {@code ps} before read {@code index}, or after the last read when {@code index >= n}. */
    void charge(int index, int n, long ps) {
        if (ps == 0) {
            return;
        }
        if (index < n) {
            pre[index] += ps;
        } else {
            tail += ps;
        }
    }

    boolean skipped(int i) {
        return skip[i];
    }

    long pre(int i) {
        return pre[i];
    }

    long tail() {
        return tail;
    }
}
