package org.iommusim.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class LineThinningTest {
    private static final DoubleUnaryOperator UNIT = v -> v;

    @Test
    void keep_fewerThanThreePoints_keepsEvery() {
        assertThat(LineThinning.keep(new double[0], new double[0], UNIT, UNIT)).isEmpty();
        assertThat(LineThinning.keep(new double[] {0.1, 0.9}, new double[] {0.5, 0.2}, UNIT, UNIT))
                .containsExactly(0, 1);
    }

    @Test
    void keep_pointsOnAStraightLine_keepsTheEndsOnly() {
        double[] xs = new double[101];
        double[] ys = new double[101];
        for (int i = 0; i <= 100; i++) {
            xs[i] = i / 100.0;
            ys[i] = 0.25 + i / 200.0;
        }
        assertThat(LineThinning.keep(xs, ys, UNIT, UNIT)).containsExactly(0, 100);
    }

    @Test
    void keep_cornerFartherThanTheTolerance_isKept() {
        // a step of 0.3 px on the full-size canvas: above the tolerance, so it stays
        double step = 0.3 / ChartStyle.HEIGHT;
        int[] kept = LineThinning.keep(new double[] {0, 0.5, 0.5, 1}, new double[] {0, 0, step, step}, UNIT, UNIT);
        assertThat(kept).containsExactly(0, 1, 2, 3);
        double small = 0.05 / ChartStyle.HEIGHT;
        assertThat(LineThinning.keep(new double[] {0, 0.5, 0.5, 1}, new double[] {0, 0, small, small}, UNIT, UNIT))
                .containsExactly(0, 3);
    }

    @Test
    void keep_stepCdfOfRandomValues_everyDroppedPointWithinTheToleranceOfTheKeptLine() {
        for (long seed = 1; seed <= 5; seed++) {
            Random random = new Random(seed);
            int n = 2 * (1000 + random.nextInt(20_000));
            double[] xs = new double[n];
            double[] ys = new double[n];
            double x = 1;
            double y = 0;
            for (int i = 0; i < n; i += 2) {
                x *= 1 + random.nextDouble() / 500;
                xs[i] = x;
                ys[i] = y;
                y += random.nextDouble() / n;
                xs[i + 1] = x;
                ys[i + 1] = y;
            }
            double lo = Math.log(xs[0]);
            double span = Math.log(xs[n - 1]) - lo;
            double top = y;
            DoubleUnaryOperator fx = v -> (Math.log(v) - lo) / span;
            DoubleUnaryOperator fy = v -> v / top;
            int[] kept = LineThinning.keep(xs, ys, fx, fy);
            assertThat(kept[0]).isZero();
            assertThat(kept[kept.length - 1]).isEqualTo(n - 1);
            // 0.1-0.2 px between values: these seeds keep 14-26 % of the points (a thinning that kept
            // them all would fail); the tolerance below is the property that matters
            assertThat(kept.length).as("seed %d: kept of %d", seed, n).isLessThan(n / 3);
            for (int k = 1; k < kept.length; k++) {
                int a = kept[k - 1];
                int b = kept[k];
                assertThat(b).isGreaterThan(a);
                for (int i = a + 1; i < b; i++) {
                    double d = distance(px(fx, xs[i]), py(fy, ys[i]), px(fx, xs[a]), py(fy, ys[a]), px(fx, xs[b]),
                            py(fy, ys[b]));
                    assertThat(d).as("seed %d, point %d", seed, i).isLessThanOrEqualTo(LineThinning.TOLERANCE_PX + 1e-9);
                }
            }
        }
    }

    @Test
    void keep_aQuarterMillionPointStaircase_onASmallStack() throws InterruptedException {
        // Douglas-Peucker recurses; a merged histogram has at most tens of thousands of values
        int n = 250_000;
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = (i / 2 + 1) / (double) (n / 2);
            ys[i] = ((i + 1) / 2) / (double) (n / 2);
        }
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                out.set(LineThinning.keep(xs, ys, UNIT, UNIT));
            } catch (Throwable e) {
                out.set(e);
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        assertThat(out.get()).isInstanceOf(int[].class);
        assertThat((int[]) out.get()).hasSizeLessThan(n / 100);
    }

    private static double px(DoubleUnaryOperator f, double x) {
        return f.applyAsDouble(x) * ChartStyle.WIDTH;
    }

    private static double py(DoubleUnaryOperator f, double y) {
        return f.applyAsDouble(y) * ChartStyle.HEIGHT;
    }

    /** Distance from (x, y) to the segment (ax, ay)-(bx, by). */
    private static double distance(double x, double y, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
        return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
    }
}
