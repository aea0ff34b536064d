package org.iommusim.core.results;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A variant's summaries (scalar key → {@link StatSummary}) in insertion order, stored as
 * parallel arrays with an open-addressed index instead of a map of records: a thousand-device
 * run has about 150,000 keys per variant. Immutable once built; a read-only {@link Map}
 * (lookups by key in O(1), iteration in the order the keys were added). Build with
 * {@link Builder}, or {@link #copyOf(Map)}.
 */
public final class SummaryTable extends AbstractMap<String, StatSummary> {
    private final String[] keys;
    private final double[] means;
    private final double[] lows;
    private final double[] highs;
    private final String[] units;
    private final int[] ns;
    /** Open addressing: slot → index + 1 (0 is empty); the length is a power of two. */
    private final int[] slots;

    private SummaryTable(Builder b) {
        int n = b.size;
        keys = Arrays.copyOf(b.keys, n);
        means = Arrays.copyOf(b.means, n);
        lows = Arrays.copyOf(b.lows, n);
        highs = Arrays.copyOf(b.highs, n);
        units = Arrays.copyOf(b.units, n);
        ns = Arrays.copyOf(b.ns, n);
        slots = new int[Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1];
        for (int i = 0; i < n; i++) {
            int s = slot(keys[i]);
            if (slots[s] != 0) {
                throw new IllegalArgumentException("summary key '" + keys[i] + "' appears twice");
            }
            slots[s] = i + 1;
        }
    }

    /** The table of {@code map}'s entries in its iteration order ({@code map} itself if it is one). */
    public static SummaryTable copyOf(Map<String, StatSummary> map) {
        if (map instanceof SummaryTable t) {
            return t;
        }
        Builder b = new Builder(map.size());
        map.forEach(b::add);
        return b.build();
    }

    /** The slot holding {@code key}, or the empty slot where it would go. */
    private int slot(String key) {
        int mask = slots.length - 1;
        int h = key.hashCode();
        int s = (h ^ (h >>> 16)) & mask;
        while (slots[s] != 0 && !keys[slots[s] - 1].equals(key)) {
            s = (s + 1) & mask;
        }
        return s;
    }

    private int indexOf(Object key) {
        if (!(key instanceof String k)) {
            return -1;
        }
        return slots[slot(k)] - 1;
    }

    @Override
    public StatSummary get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : at(i);
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return keys.length;
    }

    private StatSummary at(int i) {
        return new StatSummary(means[i], lows[i], highs[i], units[i], ns[i]);
    }

    @Override
    public Set<Map.Entry<String, StatSummary>> entrySet() {
        return new ArrayEntries<>(keys, this::at);
    }

    /** Collects entries in order; a key added twice is refused when the table is built. */
    public static final class Builder {
        private String[] keys;
        private double[] means;
        private double[] lows;
        private double[] highs;
        private String[] units;
        private int[] ns;
        private int size;

        public Builder(int expected) {
            int c = Math.max(8, expected);
            keys = new String[c];
            means = new double[c];
            lows = new double[c];
            highs = new double[c];
            units = new String[c];
            ns = new int[c];
        }

        public Builder add(String key, StatSummary s) {
            return add(key, s.mean(), s.ci95Low(), s.ci95High(), s.unit(), s.n());
        }

        /** Adds one entry; the arguments as {@link StatSummary}'s (checked the same way). */
        public Builder add(String key, double mean, double low, double high, String unit, int n) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(unit, "unit");
            if (n < 0) {
                throw new IllegalArgumentException("n must be >= 0, got " + n);
            }
            if (size == keys.length) {
                int c = size * 2;
                keys = Arrays.copyOf(keys, c);
                means = Arrays.copyOf(means, c);
                lows = Arrays.copyOf(lows, c);
                highs = Arrays.copyOf(highs, c);
                units = Arrays.copyOf(units, c);
                ns = Arrays.copyOf(ns, c);
            }
            keys[size] = key;
            means[size] = mean;
            lows[size] = low;
            highs[size] = high;
            units[size] = unit;
            ns[size] = n;
            size++;
            return this;
        }

        /**
         * The table.
         *
         * @throws IllegalArgumentException naming the key when one was added twice
         */
        public SummaryTable build() {
            return new SummaryTable(this);
        }
    }
}
