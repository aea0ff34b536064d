package org.iommusim.reports.charts;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.xy.XYDataset;

/**
 * Whether a chart would show nothing: every plotted value (y, or bar height) is zero or missing,
 * in every panel of small multiples.
 */
final class Zero {
    private Zero() {
    }

    static boolean everywhere(JFreeChart chart) {
        return everywhere(chart.getPlot());
    }

    private static boolean everywhere(Plot plot) {
        if (plot instanceof CombinedDomainXYPlot grid) {
            return grid.getSubplots().stream().allMatch(Zero::everywhere);
        }
        if (plot instanceof CombinedRangeXYPlot row) {
            return row.getSubplots().stream().allMatch(Zero::everywhere);
        }
        if (plot instanceof XYPlot xy) {
            for (int d = 0; d < xy.getDatasetCount(); d++) {
                XYDataset data = xy.getDataset(d);
                for (int s = 0; data != null && s < data.getSeriesCount(); s++) {
                    for (int i = 0; i < data.getItemCount(s); i++) {
                        if (nonZero(data.getYValue(s, i))) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }
        if (plot instanceof CategoryPlot cat) {
            for (int d = 0; d < cat.getDatasetCount(); d++) {
                CategoryDataset data = cat.getDataset(d);
                for (int r = 0; data != null && r < data.getRowCount(); r++) {
                    for (int c = 0; c < data.getColumnCount(); c++) {
                        Number v = data.getValue(r, c);
                        if (v != null && nonZero(v.doubleValue())) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }
        return false;
    }

    private static boolean nonZero(double v) {
        return Double.isFinite(v) && v != 0;
    }
}
