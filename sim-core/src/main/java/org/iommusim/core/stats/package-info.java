/**
 * Statistics declared once with a hierarchical name, unit and description: counters, tallies,
 * latency histograms (counts per HdrHistogram bucket, reported as HdrHistogram reports them), time-weighted levels, periodic time series and derived
 * values, gathered by a {@link org.iommusim.core.stats.StatsRegistry} that resets them at the
 * end of warm-up and renders an immutable {@link org.iommusim.core.results.Snapshot}.
 */
package org.iommusim.core.stats;
