package org.iommusim.reports.charts;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Objects;
import org.iommusim.reports.io.AtomicFiles;
import org.jfree.svg.SVGGraphics2D;

/**
 * Saves a {@link ChartSpec} as {@code <id>.png} and {@code <id>.svg} in a folder, each written
 * atomically, at the chart style's size unless told otherwise. Keeps the PNG bytes, and their
 * base64 text for the HTML report's data URI (made here, on the thread that drew the chart, not
 * after the last chart on the thread that writes the page), so the report need not read the
 * file back. Renders headless; needs no display.
 *
 * <p>Both files are byte-stable: the same chart gives the same bytes run after run. JFreeSVG
 * names its clip paths and other definitions after a prefix it takes from the clock unless one is
 * set; here the prefix is the chart's id, which also keeps the names unique when several of a
 * report's SVGs are placed in one page.
 */
public final class ChartWriter {
    private final int width;
    private final int height;

    /** A written chart: its spec, both files, the PNG bytes and their base64 text. */
    public record Written(ChartSpec spec, Path png, Path svg, byte[] pngBytes, String pngBase64) {
        public Written {
            Objects.requireNonNull(spec, "spec");
        }
    }

    public ChartWriter() {
        this(ChartStyle.WIDTH, ChartStyle.HEIGHT);
    }

    public ChartWriter(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("chart size must be positive, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
    }

    public Written write(ChartSpec spec, Path folder) throws IOException {
        byte[] png = png(spec);
        Path pngFile = folder.resolve(spec.id() + ".png");
        AtomicFiles.write(pngFile, png);
        Path svgFile = folder.resolve(spec.id() + ".svg");
        AtomicFiles.writeString(svgFile, svg(spec));
        return new Written(spec, pngFile, svgFile, png, Base64.getEncoder().encodeToString(png));
    }

    public byte[] png(ChartSpec spec) {
        return PngEncoding.of(spec.chart(), width, height);
    }

    public String svg(ChartSpec spec) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setDefsKeyPrefix(defsPrefix(spec.id()));
        spec.chart().draw(g2, new Rectangle2D.Double(0, 0, width, height));
        return g2.getSVGDocument();
    }

    /** A prefix for the SVG's definition ids from a chart id: an XML name (a letter first, no '.'). */
    static String defsPrefix(String chartId) {
        return "c-" + chartId.replace('.', '_') + "-";
    }
}
