package org.iommusim.reports.charts;

/**
 * Which files a report writes per chart. The SVG is always written: it is what {@code report.html}
 * shows (inline, so the page stays one self-contained file whose text can be searched), and it
 * scales without loss for papers. A PNG of 1200 × 700 is written beside it on request only
 * ({@code --png}): rasterising and deflating twelve charts took about half of a report's CPU time
 * in a fresh JVM, more than the simulation of a short run (docs/PERFORMANCE.md, "Report, round 9").
 */
public enum ChartFiles {
    /** {@code <id>.svg} only (the default). */
    SVG,
    /** {@code <id>.svg} and {@code <id>.png}. */
    SVG_AND_PNG;

    /** The files for a command's {@code --png} flag. */
    public static ChartFiles withPng(boolean png) {
        return png ? SVG_AND_PNG : SVG;
    }

    /** Whether a PNG is written beside each SVG. */
    public boolean png() {
        return this == SVG_AND_PNG;
    }
}
