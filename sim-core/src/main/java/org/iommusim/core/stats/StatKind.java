package org.iommusim.core.stats;

/** The families of statistic the registry knows; each renders its own fields. */
public enum StatKind {
    /** A monotonically increasing count of occurrences. */
    COUNTER,
    /** Observations summarised by count, mean, standard deviation, min and max. */
    TALLY,
    /** Observations (latencies) kept in an HdrHistogram: count, mean, percentiles, max. */
    HISTOGRAM,
    /** A level held over simulated time: time-weighted mean, max, current value. */
    TIME_WEIGHTED,
    /** A value sampled periodically over simulated time. */
    TIME_SERIES,
    /** A value computed from other statistics when the snapshot is taken (a hit ratio). */
    DERIVED
}
