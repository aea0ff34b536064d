package org.iommusim.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.HdrHistogram.PackedHistogram;
import org.iommusim.core.results.HistogramBuckets;
import org.junit.jupiter.api.Test;

class HistogramWalkTest {
    /** Above 0: at 0 HdrHistogram answers the lowest equivalent value, and no snapshot asks for it. */
    private static final double[] PS = {1, 5, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100};

    /** Histograms of every shape a run records: wide, narrow, with zeros, one value, huge counts. */
    @Test
    void of_randomHistograms_meanPercentilesExtremesAndBucketsBitForBitHdrHistogramsOwn() {
        long seed = 20_261_206L;
        Random rnd = new Random(seed);
        for (int round = 0; round < 40; round++) {
            PackedHistogram h = new PackedHistogram(3);
            h.setAutoResize(true);
            BucketCounts counts = new BucketCounts();
            int n = 1 + rnd.nextInt(round < 10 ? 5 : 5_000);
            long base = (long) Math.exp(rnd.nextDouble() * 20);
            for (int i = 0; i < n; i++) {
                long v = switch (round % 4) {
                    case 0 -> (long) Math.exp(rnd.nextDouble() * (round < 20 ? 30 : 43));
                    case 1 -> rnd.nextInt(3);
                    case 2 -> base + rnd.nextInt(1000);
                    default -> base;
                };
                long count = 1 + rnd.nextInt(round % 5 == 0 ? 1_000_000 : 3);
                h.recordValueWithCount(v, count);
                counts.add(v, count);
            }
            String at = "seed " + seed + " round " + round;
            HistogramWalk w = HistogramWalk.of(counts, PS);
            assertThat(Double.doubleToLongBits(w.mean)).as(at + " mean").isEqualTo(Double.doubleToLongBits(h.getMean()));
            for (int i = 0; i < PS.length; i++) {
                assertThat(w.percentiles[i]).as(at + " p" + PS[i]).isEqualTo(h.getValueAtPercentile(PS[i]));
            }
            HistogramBuckets b = w.buckets;
            HistogramBuckets theirs = HistogramBuckets.of(h);
            assertThat(b.min()).as(at + " min").isEqualTo(h.getMinValue());
            assertThat(b.max()).as(at + " max").isEqualTo(h.getMaxValue());
            assertThat(b.total()).isEqualTo(h.getTotalCount());
            assertThat(b.size()).isEqualTo(theirs.size());
            for (int i = 0; i < b.size(); i++) {
                assertThat(b.value(i)).as(at + " bucket " + i).isEqualTo(theirs.value(i));
                assertThat(b.count(i)).as(at + " bucket " + i).isEqualTo(theirs.count(i));
            }
            assertThat(b.toHistogram()).as(at + " as a histogram").isEqualTo(h);
        }
    }

    @Test
    void of_emptyHistogram_meanZeroAndNoBuckets() {
        HistogramWalk w = HistogramWalk.of(new BucketCounts(), PS);
        assertThat(w.mean).isZero();
        assertThat(w.buckets).isNull();
    }
}
