package org.iommusim.reports.charts;

import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * Thins a line's points to those its drawing needs. A merged histogram's step CDF has thousands
 * of points (two per recorded value) on a plot about a thousand pixels wide, most of them less
 * than a pixel apart: drawing them all made those charts the report's slowest (and their SVGs
 * the largest) without drawing anything more. The points are placed on a canvas of the chart's
 * full size ({@link ChartStyle#WIDTH} × {@link ChartStyle#HEIGHT}, larger than its plot area, on
 * the axes' data ranges, which the drawn axes contain), and a point is left out when the line
 * through the points kept around it passes within {@link #TOLERANCE_PX} of a pixel of it
 * (Douglas–Peucker, JTS's implementation). The drawn line therefore moves by less than that
 * anywhere: only the anti-aliasing of its edge pixels can change. The first and last points
 * are always kept, and every kept point is one of the input's, unchanged.
 *
 * <p>Does not resample, smooth or interpolate: a thinned line is a subsequence of the points.
 */
final class LineThinning {
    /** How far, in pixels of the full-size chart, the thinned line may pass from a dropped point. */
    static final double TOLERANCE_PX = 0.1;

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    private LineThinning() {
    }

    /**
     * The indices of the points of ({@code xs}, {@code ys}) to keep, in order, when the chart maps
     * x onto its width by {@code xToFraction} and y onto its height by {@code yToFraction} (each
     * giving 0 to 1 across the axis's range).
     */
    static int[] keep(double[] xs, double[] ys, DoubleUnaryOperator xToFraction, DoubleUnaryOperator yToFraction) {
        int n = xs.length;
        if (n < 3) {
            return IntStream.range(0, n).toArray();
        }
        Coordinate[] canvas = new Coordinate[n];
        for (int i = 0; i < n; i++) {
            // z carries the point's index through the simplifier, which keeps input coordinates
            canvas[i] = new Coordinate(xToFraction.applyAsDouble(xs[i]) * ChartStyle.WIDTH,
                    yToFraction.applyAsDouble(ys[i]) * ChartStyle.HEIGHT, i);
        }
        Coordinate[] kept = DouglasPeuckerSimplifier.simplify(GEOMETRY.createLineString(canvas), TOLERANCE_PX)
                .getCoordinates();
        int[] out = new int[kept.length];
        for (int i = 0; i < kept.length; i++) {
            out[i] = (int) kept[i].getZ();
        }
        return out;
    }
}
