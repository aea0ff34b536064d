package org.iommusim.hw.functional;

import it.unimi.dsi.fastutil.longs.LongArrayList;

/** IOVA ranges a guest changed without invalidating yet (test bookkeeping). */
final class DirtyRanges {
    private final LongArrayList starts = new LongArrayList();
    private final LongArrayList ends = new LongArrayList();

    void mark(long start, long end) {
        starts.add(start);
        ends.add(end);
    }

    /** Removes {@code [start, end)} from every range (splitting where needed). */
    void clean(long start, long end) {
        LongArrayList s2 = new LongArrayList();
        LongArrayList e2 = new LongArrayList();
        for (int i = 0; i < starts.size(); i++) {
            long s = starts.getLong(i);
            long e = ends.getLong(i);
            if (e <= start || s >= end) {
                s2.add(s);
                e2.add(e);
                continue;
            }
            if (s < start) {
                s2.add(s);
                e2.add(start);
            }
            if (e > end) {
                s2.add(end);
                e2.add(e);
            }
        }
        starts.clear();
        starts.addAll(s2);
        ends.clear();
        ends.addAll(e2);
    }

    void clear() {
        starts.clear();
        ends.clear();
    }

    boolean contains(long addr) {
        for (int i = 0; i < starts.size(); i++) {
            if (addr >= starts.getLong(i) && addr < ends.getLong(i)) {
                return true;
            }
        }
        return false;
    }
}
