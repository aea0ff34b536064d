package org.iommusim.core.experiment;

/**
 * MSER-5, the marginal standard error rule (White 1997; batch size 5 as in White, Cobb and
 * Spratt 2000), for choosing a run's warm-up from its own output: the series is cut into
 * consecutive batches of {@value #BATCH} samples (a last, incomplete batch is dropped) with
 * batch means {@code Z_1 .. Z_m}; for each candidate truncation {@code d} (batches deleted
 * from the start) the statistic is
 * {@code MSER(d) = Σ_{j>d} (Z_j - mean(Z_{d+1..m}))² / (m - d)²}, the squared standard error of
 * the mean that remains; the truncation is the {@code d} that minimises it, searched over
 * the first half of the batches only ({@code d ≤ m/2}: near the end the statistic is
 * unstable, and deleting more than half the run signals a run too short to have a steady
 * state). Ties go to the smaller {@code d}. The result is in samples ({@code 5·d}).
 *
 * <p>Needs two or more batches (ten samples); NaN samples are not allowed (a caller skips a
 * series that has them).
 */
public final class Mser {
    /** Samples per batch. */
    public static final int BATCH = 5;

    private Mser() {
    }

    /** The number of samples to delete from the start of {@code series} (a multiple of {@value #BATCH}). */
    public static int truncation(double[] series) {
        int m = series.length / BATCH;
        if (m < 2) {
            throw new IllegalArgumentException("MSER-5 needs at least " + 2 * BATCH + " samples, got " + series.length);
        }
        double[] z = new double[m];
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int i = 0; i < BATCH; i++) {
                double x = series[j * BATCH + i];
                if (Double.isNaN(x)) {
                    throw new IllegalArgumentException("MSER-5 got NaN at sample " + (j * BATCH + i));
                }
                s += x;
            }
            z[j] = s / BATCH;
        }
        int best = 0;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int d = 0; d <= m / 2; d++) {
            double mean = 0;
            for (int j = d; j < m; j++) {
                mean += z[j];
            }
            mean /= m - d;
            double ss = 0;
            for (int j = d; j < m; j++) {
                ss += (z[j] - mean) * (z[j] - mean);
            }
            double value = ss / ((double) (m - d) * (m - d));
            if (value < bestValue) {
                bestValue = value;
                best = d;
            }
        }
        return best * BATCH;
    }
}
