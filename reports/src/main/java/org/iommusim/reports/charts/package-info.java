/**
 * The report's charts: one builder class per family (latency distributions, variant
 * comparisons, sweeps, time series, breakdowns), each turning a results document into JFreeChart
 * objects with one shared style ({@link org.iommusim.reports.charts.ChartStyle}), and
 * {@link org.iommusim.reports.charts.ChartWriter} saving them as SVG, and as PNG when
 * {@link org.iommusim.reports.charts.ChartFiles} asks. Builders skip a chart, with a note, when
 * the statistics it needs are absent; they never simulate.
 */
package org.iommusim.reports.charts;
