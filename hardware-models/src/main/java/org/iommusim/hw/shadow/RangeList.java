package org.iommusim.hw.shadow;

import it.unimi.dsi.fastutil.Swapper;
import it.unimi.dsi.fastutil.ints.IntComparator;
import it.unimi.dsi.fastutil.longs.LongArrayList;

/**
 * A list of half-open address ranges in two primitive columns. {@link #normalize()} sorts
 * them and merges overlapping or adjacent ones; adding a range that extends the last one
 * merges at once, so ascending producers stay compact without normalizing. Reusable:
 * {@link #clear()} keeps the columns' arrays, and normalizing sorts them in place (the list is
 * one comparator and swapper made with it), so an owner that keeps one as scratch allocates nothing once
 * the columns have grown to its largest operation.
 */
public final class RangeList {
    private final LongArrayList starts = new LongArrayList();
    private final LongArrayList ends = new LongArrayList();
    private final InPlaceSort sort = new InPlaceSort();

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

    /** Empties the list, keeping its storage. */
    public void clear() {
        starts.clear();
        ends.clear();
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
        it.unimi.dsi.fastutil.Arrays.quickSort(0, n, sort, sort);
        long[] s = starts.elements();
        long[] e = ends.elements();
        int last = 0; // merged in place: the write index never passes the read index
        for (int i = 1; i < n; i++) {
            if (s[i] <= e[last]) {
                e[last] = Math.max(e[last], e[i]);
            } else {
                last++;
                s[last] = s[i];
                e[last] = e[i];
            }
        }
        starts.size(last + 1);
        ends.size(last + 1);
        return this;
    }

    /** Orders entries by start and swaps them, over the columns' arrays. */
    private final class InPlaceSort implements IntComparator, Swapper {
        @Override
        public int compare(int a, int b) {
            long[] s = starts.elements();
            return Long.compare(s[a], s[b]);
        }

        @Override
        public void swap(int a, int b) {
            long[] s = starts.elements();
            long[] e = ends.elements();
            long t = s[a];
            s[a] = s[b];
            s[b] = t;
            t = e[a];
            e[a] = e[b];
            e[b] = t;
        }
    }
}
