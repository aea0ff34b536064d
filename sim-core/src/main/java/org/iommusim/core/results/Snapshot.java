package org.iommusim.core.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The immutable results of one replication: the simulated time the snapshot was taken at and
 * every statistic's {@link StatValue}, sorted by name.
 *
 * <p>Kept compact for runs with many devices (50,000 statistics per replication at a thousand
 * devices): statistics are found by binary search over the sorted names, and the flat
 * {@link #scalars()} map (ten times as many keys) is built only when asked for.
 */
public final class Snapshot {
    private final long simulatedTime;
    private final List<StatValue> values;
    private final String[] names;
    private volatile Map<String, Double> scalars;

    private Snapshot(long simulatedTime, List<StatValue> values) {
        this.simulatedTime = simulatedTime;
        List<StatValue> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.comparing(StatValue::name));
        this.values = Collections.unmodifiableList(sorted);
        this.names = new String[sorted.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = sorted.get(i).name();
            if (i > 0 && names[i].equals(names[i - 1])) {
                throw new IllegalArgumentException("statistic '" + names[i] + "' appears twice in a snapshot");
            }
        }
        checkScalarKeys();
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
        int i = Arrays.binarySearch(names, name);
        if (i < 0) {
            throw new IllegalArgumentException("no statistic named '" + name + "'");
        }
        return values.get(i);
    }

    /** The statistic named {@code name}, or null when the snapshot has none (one search, where {@link #has} then {@link #get} take two). */
    public StatValue find(String name) {
        int i = Arrays.binarySearch(names, name);
        return i < 0 ? null : values.get(i);
    }

    public boolean has(String name) {
        return Arrays.binarySearch(names, name) >= 0;
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
     * Built on first use.
     */
    public Map<String, Double> scalars() {
        Map<String, Double> s = scalars;
        if (s == null) {
            Map<String, Double> out = new LinkedHashMap<>();
            for (StatValue v : values) {
                for (int i = 0; i < v.fieldCount(); i++) {
                    out.put(i == 0 ? v.name() : v.name() + "." + v.fieldName(i), v.fieldValue(i));
                }
            }
            s = Collections.unmodifiableMap(out);
            scalars = s;
        }
        return s;
    }

    /**
     * Refuses two scalars under one key ({@link #scalars()}): a statistic {@code a.b} beside a
     * statistic {@code a} with a field {@code b}, or field {@code b.c} of {@code a} beside field
     * {@code c} of {@code a.b}. Two keys can only meet where one statistic's name is another's
     * name plus a dot and more, so only those pairs are looked at.
     */
    private void checkScalarKeys() {
        for (int k = 0; k < names.length; k++) {
            String name = names[k];
            for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
                int p = Arrays.binarySearch(names, 0, k, name.substring(0, dot));
                if (p < 0) {
                    continue;
                }
                StatValue prefix = values.get(p);
                StatValue longer = values.get(k);
                String rest = name.substring(dot + 1);
                for (int i = 1; i < prefix.fieldCount(); i++) {
                    String f = prefix.fieldName(i);
                    String key = null;
                    if (f.equals(rest)) {
                        key = name;
                    } else if (f.startsWith(rest + ".")) {
                        String tail = f.substring(rest.length() + 1);
                        for (int j = 1; j < longer.fieldCount() && key == null; j++) {
                            if (longer.fieldName(j).equals(tail)) {
                                key = name + "." + tail;
                            }
                        }
                    }
                    if (key != null) {
                        throw new IllegalArgumentException("scalar '" + key + "' is both a statistic and a field of"
                                + " another statistic; rename one of them");
                    }
                }
            }
        }
    }
}
