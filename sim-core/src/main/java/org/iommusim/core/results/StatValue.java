package org.iommusim.core.results;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * taken from a live run also carries its full recorded distribution ({@link #histogram()}), for
 * merging across replications; it is not part of the value's identity ({@code equals}) and is not
 * written to {@code stats.json} (the runner saves merged histograms beside it).
 */
public final class StatValue {
    private final String name;
    private final StatKind kind;
    private final String unit;
    private final String description;
    private final Map<String, Double> fields;
    private final long[] seriesTimes;
    private final double[] seriesValues;
    private final AbstractHistogram histogram;

    private StatValue(Builder b) {
        this.name = b.name;
        this.kind = b.kind;
        this.unit = b.unit;
        this.description = b.description;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(b.fields));
        this.seriesTimes = b.seriesTimes == null ? new long[0] : b.seriesTimes.clone();
        this.seriesValues = b.seriesValues == null ? new double[0] : b.seriesValues.clone();
        this.histogram = b.histogram;
    }

    /** The full recorded distribution of a histogram statistic from a live run; never modify it. */
    public Optional<AbstractHistogram> histogram() {
        return Optional.ofNullable(histogram);
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

    /** Named scalar fields in their fixed order; the first is the primary value. */
    public Map<String, Double> fields() {
        return fields;
    }

    public String primaryField() {
        return fields.keySet().iterator().next();
    }

    public double primary() {
        return fields.values().iterator().next();
    }

    public double field(String field) {
        Double v = fields.get(field);
        if (v == null) {
            throw new IllegalArgumentException("statistic '" + name + "' has no field '" + field + "'; it has "
                    + fields.keySet());
        }
        return v;
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
                && description.equals(v.description) && fields.equals(v.fields)
                && Arrays.equals(seriesTimes, v.seriesTimes) && Arrays.equals(seriesValues, v.seriesValues);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, unit, description, fields);
    }

    @Override
    public String toString() {
        return name + fields;
    }

    /** Collects fields in order. */
    public static final class Builder {
        private final String name;
        private final StatKind kind;
        private final String unit;
        private final String description;
        private final Map<String, Double> fields = new LinkedHashMap<>();
        private long[] seriesTimes;
        private double[] seriesValues;
        private AbstractHistogram histogram;

        private Builder(String name, StatKind kind, String unit, String description) {
            this.name = Objects.requireNonNull(name);
            this.kind = Objects.requireNonNull(kind);
            this.unit = Objects.requireNonNull(unit);
            this.description = Objects.requireNonNull(description);
        }

        public Builder field(String field, double value) {
            if (fields.putIfAbsent(field, value) != null) {
                throw new IllegalArgumentException("field '" + field + "' set twice on " + name);
            }
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

        /** The full distribution (the builder keeps it; pass a copy nobody else modifies). */
        public Builder histogram(AbstractHistogram h) {
            this.histogram = h;
            return this;
        }

        public StatValue build() {
            if (fields.isEmpty()) {
                throw new IllegalStateException("statistic '" + name + "' has no fields");
            }
            return new StatValue(this);
        }
    }
}
