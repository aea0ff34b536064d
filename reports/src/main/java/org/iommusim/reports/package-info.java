/**
 * Charts (JFreeChart; SVG, and PNG on request) and the self-contained HTML report of one results folder,
 * drawn from result files only ({@code stats.json}, {@code manifest.json},
 * {@code config.effective.yaml}, {@code histograms/*.hlog}; a run hands over the statistics
 * document it has just written to {@code stats.json} instead of having it read back); this module never imports {@code hardware-models}, so a report
 * can be redrawn without simulating. Entry point: {@link org.iommusim.reports.Reports#render}.
 */
package org.iommusim.reports;
