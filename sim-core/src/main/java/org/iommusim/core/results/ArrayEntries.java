package org.iommusim.core.results;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.IntFunction;

/**
 * The read-only entry set of a map stored as parallel arrays: entry {@code i} is
 * {@code (keys[i], valueAt(i))}, in index order. The map views of {@link SummaryTable} (a
 * variant's summaries) and of {@link StatValue}'s fields iterate through it; each builds its
 * value for an index on demand, so no entry objects are kept.
 */
final class ArrayEntries<V> extends AbstractSet<Map.Entry<String, V>> {
    private final String[] keys;
    private final IntFunction<V> valueAt;

    ArrayEntries(String[] keys, IntFunction<V> valueAt) {
        this.keys = keys;
        this.valueAt = valueAt;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public Iterator<Map.Entry<String, V>> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < keys.length;
            }

            @Override
            public Map.Entry<String, V> next() {
                if (i >= keys.length) {
                    throw new NoSuchElementException();
                }
                Map.Entry<String, V> e = new SimpleImmutableEntry<>(keys[i], valueAt.apply(i));
                i++;
                return e;
            }
        };
    }
}
