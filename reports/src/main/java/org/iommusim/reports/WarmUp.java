package org.iommusim.reports;

import java.awt.geom.Rectangle2D;
import org.iommusim.reports.charts.ChartFiles;
import org.iommusim.reports.charts.ChartStyle;
import org.iommusim.reports.charts.PngEncoding;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Readies a cold JVM for drawing while a run is still loading and simulating: one small styled
 * chart drawn into an SVG (and a PNG when the report writes PNGs) on a daemon thread and thrown
 * away, so AWT's headless start,
 * the fonts, JFreeChart's and JFreeSVG's classes are loaded (and their first code
 * compiled) before the report needs them, on a processor the run's single-threaded loading
 * leaves idle. The report's charts are unaffected: each is its own chart object drawn into its
 * own image, as when the report's threads draw them side by side (ReportsTest compares a
 * warmed-up report's files with a cold one's).
 */
public final class WarmUp {
    private static volatile Thread started;

    private WarmUp() {
    }

    /** Starts the warm-up for a report writing {@code files} once per JVM (later calls do nothing); returns at once. */
    public static synchronized void start(ChartFiles files) {
        if (started != null) {
            return;
        }
        Reports.headless();
        Thread t = new Thread(() -> draw(files), "report-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        started = t;
        t.start();
    }

    /** Waits for the warm-up to end (tests); false when it was never started. */
    static boolean await() throws InterruptedException {
        Thread t = started;
        if (t == null) {
            return false;
        }
        t.join();
        return true;
    }

    private static void draw(ChartFiles files) {
        try {
            XYSeries s = new XYSeries("warm-up");
            for (int i = 1; i <= 64; i++) {
                s.add(i, Math.log(i));
            }
            JFreeChart chart = ChartStyle.apply(ChartFactory.createXYLineChart("warm-up", "x", "y",
                    new XYSeriesCollection(s)));
            if (files.png()) {
                PngEncoding.of(chart, 320, 200);
            }
            SVGGraphics2D g2 = new SVGGraphics2D(320, 200);
            chart.draw(g2, new Rectangle2D.Double(0, 0, 320, 200));
            g2.getSVGDocument();
        } catch (RuntimeException | LinkageError e) {
            // only a head start: the report draws (and reports any failure) on its own
        }
    }
}
