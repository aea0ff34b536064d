/**
 * The immutable results model and its renderings. A replication's
 * {@link org.iommusim.core.results.Snapshot} holds {@link org.iommusim.core.results.StatValue}s;
 * a {@link org.iommusim.core.results.ResultsDocument} holds the variants of a scenario, each
 * with its {@link org.iommusim.core.results.Replication}s and a
 * {@link org.iommusim.core.results.StatSummary} per scalar key. Renderings:
 * {@link org.iommusim.core.results.ResultsJson} ({@code stats.json}, written and read back),
 * {@link org.iommusim.core.results.ResultsCsv} (tidy {@code stats.csv} and {@code sweep.csv},
 * Commons CSV), {@link org.iommusim.core.results.TextListing} ({@code stats.txt}, the console
 * table, in {@link org.iommusim.core.results.DisplayUnit}s),
 * {@link org.iommusim.core.results.HistogramLog} (each variant's merged histograms) and
 * {@link org.iommusim.core.results.StatisticsMarkdown} ({@code docs/STATISTICS.md}). Nothing
 * here knows about the simulator or computes summary statistics across replications (that is
 * {@code org.iommusim.core.experiment}; the histogram merge is a pooling of recorded values).
 */
package org.iommusim.core.results;
