package org.iommusim.core.results;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The immutable results of one replication: the simulated time the snapshot was taken at and
 * every statistic's {@link StatValue}, sorted by name.
 */
public final class Snapshot {
    private final long simulatedTime;
    private final List<StatValue> values;
    private final Map<String, StatValue> byName;
    private final Map<String, Double> scalars;

    private Snapshot(long simulatedTime, List<StatValue> values) {
        this.simulatedTime = simulatedTime;
        List<StatValue> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparing(StatValue::name));
        this.values = Collections.unmodifiableList(sorted);
        Map<String, StatValue> map = new LinkedHashMap<>();
        for (StatValue v : sorted) {
            if (map.put(v.name(), v) != null) {
                throw new IllegalArgumentException("statistic '" + v.name() + "' appears twice in a snapshot");
            }
        }
        this.byName = Collections.unmodifiableMap(map);
        this.scalars = flatten(sorted);
    }

    public static Snapshot of(long simulatedTime, List<StatValue> values) {
        return new Snapshot(simulatedTime, values);
    }

    /** Simulated time (ps) when the snapshot was taken. */
    public long simulatedTime() {
        return simulatedTime;
    }

    public List<StatValue> values() {
        return values;
    }

    public StatValue get(String name) {
        StatValue v = byName.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no statistic named '" + name + "'");
        }
        return v;
    }

    public boolean has(String name) {
        return byName.containsKey(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snapshot s && simulatedTime == s.simulatedTime && values.equals(s.values);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(simulatedTime) * 31 + values.hashCode();
    }

    @Override
    public String toString() {
        return "Snapshot@" + simulatedTime + "ps" + values;
    }

    /**
     * Every scalar as (key → value): the primary field under the statistic's own name, the
     * other fields under {@code name.field}. This is what replications are summarised over.
     */
    public Map<String, Double> scalars() {
        return scalars;
    }

    private static Map<String, Double> flatten(List<StatValue> values) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (StatValue v : values) {
            boolean first = true;
            for (Map.Entry<String, Double> f : v.fields().entrySet()) {
                String key = first ? v.name() : v.name() + "." + f.getKey();
                if (out.put(key, f.getValue()) != null) {
                    throw new IllegalArgumentException("scalar '" + key + "' is both a statistic and a field of"
                            + " another statistic; rename one of them");
                }
                first = false;
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
