package org.iommusim.hw.shadow;

import it.unimi.dsi.fastutil.HashCommon;
import it.unimi.dsi.fastutil.longs.Long2IntMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;

/**
 * A multimap from long keys to long values in primitive storage: a hash map from key to the
 * head of a singly linked list whose nodes live in two parallel arrays with a free list.
 * No object per entry. Values under one key are distinct (callers check before {@link #put}, or
 * use {@link #putIfAbsent}).
 */
final class LongMultiMap {
    private static final int NIL = -1;

    private final Long2IntOpenHashMap head = new Long2IntOpenHashMap();
    private long[] values = new long[16];
    private int[] next = new int[16];
    private int used;
    private int freeList = NIL;
    private int size;

    LongMultiMap() {
        head.defaultReturnValue(NIL);
    }

    void put(long key, long value) {
        int node = newNode(value);
        next[node] = head.get(key);
        head.put(key, node);
        size++;
    }

    /**
     * Adds {@code value} under {@code key} unless it is there already; true if added: what a
     * membership test and {@link #put} do, with one lookup of the key instead of three.
     */
    boolean putIfAbsent(long key, long value) {
        int first = head.get(key);
        for (int n = first; n != NIL; n = next[n]) {
            if (values[n] == value) {
                return false;
            }
        }
        int node = newNode(value);
        next[node] = first;
        head.put(key, node);
        size++;
        return true;
    }

    boolean remove(long key, long value) {
        int prev = NIL;
        for (int n = head.get(key); n != NIL; prev = n, n = next[n]) {
            if (values[n] != value) {
                continue;
            }
            if (prev != NIL) {
                next[prev] = next[n];
            } else if (next[n] == NIL) {
                head.remove(key);
            } else {
                head.put(key, next[n]);
            }
            next[n] = freeList;
            freeList = n;
            size--;
            return true;
        }
        return false;
    }

    /** Appends the values under {@code key} to {@code out}; returns how many. */
    int valuesOf(long key, LongArrayList out) {
        int count = 0;
        for (int n = head.get(key); n != NIL; n = next[n]) {
            out.add(values[n]);
            count++;
        }
        return count;
    }

    /** Appends every (key, value) pair to {@code keysOut} / {@code valuesOut}. */
    void entries(LongArrayList keysOut, LongArrayList valuesOut) {
        for (Long2IntMap.Entry e : head.long2IntEntrySet()) {
            for (int n = e.getIntValue(); n != NIL; n = next[n]) {
                keysOut.add(e.getLongKey());
                valuesOut.add(values[n]);
            }
        }
    }

    int keyCount() {
        return head.size();
    }

    int size() {
        return size;
    }

    void clear() {
        head.clear();
        used = 0;
        freeList = NIL;
        size = 0;
    }

    /** Order-independent digest of the (key, value) pairs. */
    long fingerprint() {
        long sum = size;
        for (Long2IntMap.Entry e : head.long2IntEntrySet()) {
            for (int n = e.getIntValue(); n != NIL; n = next[n]) {
                sum += HashCommon.murmurHash3(e.getLongKey() * 0x9E3779B97F4A7C15L + values[n]);
            }
        }
        return sum;
    }

    private int newNode(long value) {
        int node;
        if (freeList != NIL) {
            node = freeList;
            freeList = next[node];
        } else {
            if (used == values.length) {
                int cap = values.length * 2;
                values = java.util.Arrays.copyOf(values, cap);
                next = java.util.Arrays.copyOf(next, cap);
            }
            node = used++;
        }
        values[node] = value;
        return node;
    }
}
