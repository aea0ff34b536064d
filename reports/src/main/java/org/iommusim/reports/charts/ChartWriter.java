package org.iommusim.reports.charts;

import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.iommusim.reports.io.AtomicFiles;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.StandardFontFunction;
import org.jfree.svg.ViewBox;

/**
 * Saves a {@link ChartSpec} as {@code <id>.svg} in a folder, and as {@code <id>.png} too when
 * {@link ChartFiles} says so, each file written atomically, at the chart style's size unless told
 * otherwise; without a PNG, one an earlier rendering left there is removed, so the folder holds
 * what this rendering drew (a re-render with {@code iommusim report}). Keeps the SVG's {@code <svg>} element, which the HTML report places inline, so the
 * report need not read the file back. The element has a view box, so it scales to its container
 * (in the page, and when the file is opened on its own). Renders headless; needs no display.
 *
 * <p>Both files are byte-stable: the same chart gives the same bytes run after run. JFreeSVG
 * names its clip paths and other definitions after a prefix it takes from the clock unless one is
 * set; here the prefix is the chart's id, which also keeps the names unique when a report's SVGs
 * are placed in one page.
 */
public final class ChartWriter {
    /** What JFreeSVG's {@code getSVGDocument()} puts before the element. */
    private static final String SVG_PROLOG = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.0//EN\""
            + " \"http://www.w3.org/TR/2001/REC-SVG-20010904/DTD/svg10.dtd\">\n";

    /**
     * SVG font families for Java's logical ones. The chart's text is laid out with Java's font
     * metrics, and Java's SansSerif is DejaVu Sans on the Linux hosts runs are made on; a viewer's
     * plain {@code sans-serif} is often a narrower face (Chromium drew the titles ~10 % narrower),
     * which shifted centred titles and rotated labels off their places. DejaVu Sans first, then
     * Verdana, a face of similar width on systems without it. Read-only after class initialisation.
     */
    private static final StandardFontFunction FONTS = fonts();

    private final int width;
    private final int height;
    private final ChartFiles files;

    /** A written chart: its spec, its SVG file and that file's {@code <svg>} element, its PNG file if written. */
    public record Written(ChartSpec spec, Path svg, String svgElement, Optional<Path> png) {
        public Written {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(svg, "svg");
            Objects.requireNonNull(svgElement, "svgElement");
            Objects.requireNonNull(png, "png");
        }

        /** The files written, SVG first. */
        public List<Path> files() {
            return png.map(p -> List.of(svg, p)).orElse(List.of(svg));
        }
    }

    public ChartWriter(ChartFiles files) {
        this(ChartStyle.WIDTH, ChartStyle.HEIGHT, files);
    }

    public ChartWriter(int width, int height, ChartFiles files) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("chart size must be positive, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.files = Objects.requireNonNull(files, "files");
    }

    public Written write(ChartSpec spec, Path folder) throws IOException {
        String element = svgElement(spec);
        Path svgFile = folder.resolve(spec.id() + ".svg");
        AtomicFiles.writeString(svgFile, SVG_PROLOG + element + "\n");
        Path pngFile = folder.resolve(spec.id() + ".png");
        if (!files.png()) {
            Files.deleteIfExists(pngFile); // an earlier rendering's, which this one would not match
            return new Written(spec, svgFile, element, Optional.empty());
        }
        AtomicFiles.write(pngFile, png(spec));
        return new Written(spec, svgFile, element, Optional.of(pngFile));
    }

    public byte[] png(ChartSpec spec) {
        return PngEncoding.of(spec.chart(), width, height);
    }

    /** The chart drawn as one {@code <svg>} element with a view box of its size. */
    public String svgElement(ChartSpec spec) {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        g2.setDefsKeyPrefix(defsPrefix(spec.id()));
        g2.setFontFunction(FONTS);
        spec.chart().draw(g2, new Rectangle2D.Double(0, 0, width, height));
        return g2.getSVGElement(null, true, new ViewBox(0, 0, width, height), null, null);
    }

    private static StandardFontFunction fonts() {
        StandardFontFunction f = new StandardFontFunction();
        String sans = "\"DejaVu Sans\", Verdana, sans-serif"; // in a single-quoted style attribute
        f.put(Font.SANS_SERIF, sans);
        f.put(Font.DIALOG, sans);
        return f;
    }

    /** A prefix for the SVG's definition ids from a chart id: an XML name (a letter first, no '.'). */
    static String defsPrefix(String chartId) {
        return "c-" + chartId.replace('.', '_') + "-";
    }
}
