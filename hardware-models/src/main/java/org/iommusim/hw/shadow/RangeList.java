package org.iommusim.hw.shadow;

import it.unimi.dsi.fastutil.longs.LongArrayList;

/**
 * A list of half-open address ranges in two primitive columns. {@link #normalize()} sorts
 * them and merges overlapping or adjacent ones; adding a range that extends the last one
 * merges at once, so ascending producers stay compact without normalizing.
 */
public final class RangeList {
    private final LongArrayList starts = new LongArrayList();
    private final LongArrayList ends = new LongArrayList();

    public void add(long start, long end) {
        if (start >= end) {
            return;
        }
        int n = starts.size();
        if (n > 0 && ends.getLong(n - 1) == start) {
            ends.set(n - 1, end);
            return;
        }
        starts.add(start);
        ends.add(end);
    }

    public void addAll(RangeList other) {
        for (int i = 0; i < other.size(); i++) {
            add(other.start(i), other.end(i));
        }
    }

    public int size() {
        return starts.size();
    }

    public boolean isEmpty() {
        return starts.isEmpty();
    }

    public long start(int i) {
        return starts.getLong(i);
    }

    public long end(int i) {
        return ends.getLong(i);
    }

    /** Sorts by start and merges overlapping or touching ranges. */
    public RangeList normalize() {
        int n = starts.size();
        if (n < 2) {
            return this;
        }
        long[] s = starts.toLongArray();
        long[] e = ends.toLongArray();
        it.unimi.dsi.fastutil.Arrays.quickSort(0, n, (a, b) -> Long.compare(s[a], s[b]), (a, b) -> {
            long t = s[a];
            s[a] = s[b];
            s[b] = t;
            t = e[a];
            e[a] = e[b];
            e[b] = t;
        });
        starts.clear();
        ends.clear();
        for (int i = 0; i < n; i++) {
            int last = starts.size() - 1;
            if (last >= 0 && s[i] <= ends.getLong(last)) {
                ends.set(last, Math.max(ends.getLong(last), e[i]));
            } else {
                starts.add(s[i]);
                ends.add(e[i]);
            }
        }
        return this;
    }
}
