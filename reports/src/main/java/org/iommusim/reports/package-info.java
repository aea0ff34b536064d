/**
 * Charts (JFreeChart, PNG + SVG) and the self-contained HTML report, drawn from result files
 * only (the JSON/CSV of {@code org.iommusim.core.results}); this module never imports
 * {@code hardware-models}. Not built yet: the reports issue fills it.
 */
package org.iommusim.reports;
