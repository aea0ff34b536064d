package org.iommusim.core.results;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.HdrHistogram.AbstractHistogram;
import org.iommusim.core.stats.StatKind;

/**
 * The immutable value of one statistic in a snapshot: its identity (name, kind, unit,
 * description), named scalar fields in a fixed order (the first is the primary value: a
 * counter's {@code value}, a tally's or histogram's {@code mean}), and for a time series the
 * sampled (time, value) pairs. NaN marks a field with no observations. A histogram statistic
 * taken from a live run also carries its full recorded distribution ({@link #buckets()}), for
 * merging across replications; it is not part of the value's identity ({@code equals}) and is not
 * written to {@code stats.json} (the runner saves merged histograms beside it).
 *
 * <p>Fields are kept as two parallel arrays (names, values), not a map: a thousand-device run
 * holds 50,000 values per replication, and {@link #fields()} is a read-only ordered view.
 */
public final class StatValue {
    private final String name;
    private final StatKind kind;
    private final String unit;
    private final String description;
    private final String[] fieldNames;
    private final double[] fieldValues;
    private final long[] seriesTimes;
    private final double[] seriesValues;
    private final HistogramBuckets buckets;

    private StatValue(Builder b) {
        this.name = b.name;
        this.kind = b.kind;
        this.unit = b.unit;
        this.description = b.description;
        this.fieldNames = Arrays.copyOf(b.names, b.size);
        this.fieldValues = Arrays.copyOf(b.values, b.size);
        this.seriesTimes = b.seriesTimes == null ? new long[0] : b.seriesTimes.clone();
        this.seriesValues = b.seriesValues == null ? new double[0] : b.seriesValues.clone();
        this.buckets = b.buckets;
    }

    /** The full recorded distribution of a histogram statistic from a live run (its non-empty buckets). */
    public Optional<HistogramBuckets> buckets() {
        return Optional.ofNullable(buckets);
    }

    /** {@link #buckets()} as a new HdrHistogram (for readers that want one). */
    public Optional<AbstractHistogram> histogram() {
        return buckets().map(HistogramBuckets::toHistogram);
    }

    public static Builder builder(String name, StatKind kind, String unit, String description) {
        return new Builder(name, kind, unit, description);
    }

    public String name() {
        return name;
    }

    public StatKind kind() {
        return kind;
    }

    public String unit() {
        return unit;
    }

    public String description() {
        return description;
    }

    /** Named scalar fields in their fixed order (a read-only view); the first is the primary value. */
    public Map<String, Double> fields() {
        return new FieldView();
    }

    /** How many scalar fields there are (at least one). */
    public int fieldCount() {
        return fieldNames.length;
    }

    /** The name of field {@code i} (0 is the primary). */
    public String fieldName(int i) {
        return fieldNames[i];
    }

    /** The value of field {@code i} (0 is the primary). */
    public double fieldValue(int i) {
        return fieldValues[i];
    }

    /** Whether the statistic has a field of this name. */
    public boolean hasField(String field) {
        return indexOf(field) >= 0;
    }

    public String primaryField() {
        return fieldNames[0];
    }

    public double primary() {
        return fieldValues[0];
    }

    public double field(String field) {
        int i = indexOf(field);
        if (i < 0) {
            throw new IllegalArgumentException("statistic '" + name + "' has no field '" + field + "'; it has "
                    + Arrays.toString(fieldNames));
        }
        return fieldValues[i];
    }

    private int indexOf(String field) {
        for (int i = 0; i < fieldNames.length; i++) {
            if (fieldNames[i].equals(field)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The unit of one field: {@code count} and {@code samples} count observations and have
     * unit {@code count}; every other field (mean, percentiles, stddev, min, max, current, value)
     * is in the statistic's own unit.
     */
    public String unitOf(String field) {
        return "count".equals(field) || "samples".equals(field) ? "count" : unit;
    }

    /** Whether this value carries a sampled series (a time series). */
    public boolean hasSeries() {
        return seriesTimes.length > 0;
    }

    public long[] seriesTimes() {
        return seriesTimes.clone();
    }

    public double[] seriesValues() {
        return seriesValues.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatValue v && name.equals(v.name) && kind == v.kind && unit.equals(v.unit)
                && description.equals(v.description) && Arrays.equals(fieldNames, v.fieldNames)
                && Arrays.equals(fieldValues, v.fieldValues)
                && Arrays.equals(seriesTimes, v.seriesTimes) && Arrays.equals(seriesValues, v.seriesValues);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, unit, description, fields());
    }

    @Override
    public String toString() {
        return name + fields();
    }

    /** The fields as an ordered, read-only map backed by the arrays. */
    private final class FieldView extends AbstractMap<String, Double> {
        @Override
        public Double get(Object key) {
            int i = key instanceof String k ? indexOf(k) : -1;
            return i < 0 ? null : fieldValues[i];
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String k && indexOf(k) >= 0;
        }

        @Override
        public int size() {
            return fieldNames.length;
        }

        @Override
        public java.util.Set<Map.Entry<String, Double>> entrySet() {
            return new ArrayEntries<>(fieldNames, i -> fieldValues[i]);
        }
    }

    /** Collects fields in order. */
    public static final class Builder {
        private final String name;
        private final StatKind kind;
        private final String unit;
        private final String description;
        private String[] names = new String[8];
        private double[] values = new double[8];
        private int size;
        private long[] seriesTimes;
        private double[] seriesValues;
        private HistogramBuckets buckets;

        private Builder(String name, StatKind kind, String unit, String description) {
            this.name = Objects.requireNonNull(name);
            this.kind = Objects.requireNonNull(kind);
            this.unit = Objects.requireNonNull(unit);
            this.description = Objects.requireNonNull(description);
        }

        public Builder field(String field, double value) {
            Objects.requireNonNull(field, "field");
            for (int i = 0; i < size; i++) {
                if (names[i].equals(field)) {
                    throw new IllegalArgumentException("field '" + field + "' set twice on " + name);
                }
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = field;
            values[size] = value;
            size++;
            return this;
        }

        public Builder series(long[] times, double[] values) {
            if (times.length != values.length) {
                throw new IllegalArgumentException("series times and values differ in length on " + name);
            }
            this.seriesTimes = times;
            this.seriesValues = values;
            return this;
        }

        /** The full distribution, as its buckets (null: none). */
        public Builder buckets(HistogramBuckets b) {
            this.buckets = b;
            return this;
        }

        /** The full distribution, read from an HdrHistogram now (an empty one carries none). */
        public Builder histogram(AbstractHistogram h) {
            return buckets(HistogramBuckets.of(h));
        }

        public StatValue build() {
            if (size == 0) {
                throw new IllegalStateException("statistic '" + name + "' has no fields");
            }
            return new StatValue(this);
        }
    }
}
