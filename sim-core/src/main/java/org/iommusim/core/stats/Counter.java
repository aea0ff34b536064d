package org.iommusim.core.stats;

import org.iommusim.core.results.StatValue;

/** Counts occurrences (events, bytes, faults). */
public final class Counter extends AbstractStatistic {
    private long count;

    Counter(String name, String unit, String description) {
        super(name, unit, description);
    }

    public void increment() {
        count++;
    }

    public void add(long n) {
        count += n;
    }

    public long get() {
        return count;
    }

    @Override
    public StatKind kind() {
        return StatKind.COUNTER;
    }

    @Override
    public void reset() {
        count = 0;
    }

    @Override
    public StatValue snapshot() {
        return StatValue.builder(name(), kind(), unit(), description()).field("value", count).build();
    }
}
