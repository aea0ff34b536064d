package org.iommusim.reports.charts;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;

/**
 * One chart ready to save: a file-safe id (the file name without extension), the title (what
 * the chart answers), a one-line caption for the report and the chart itself.
 */
public record ChartSpec(String id, String title, String caption, JFreeChart chart) {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

    public ChartSpec {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(chart, "chart");
        if (!SAFE.matcher(id).matches()) {
            throw new IllegalArgumentException("chart id '" + id + "' is not file-safe");
        }
    }

    /** A file-safe form of any text: runs of other characters become one '-'. */
    public static String safeId(String text) {
        String s = text.replaceAll("[^A-Za-z0-9._-]+", "-");
        return s.isEmpty() ? "-" : s;
    }
}
