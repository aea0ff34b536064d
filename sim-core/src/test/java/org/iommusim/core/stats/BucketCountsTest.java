package org.iommusim.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.junit.jupiter.api.Test;

/** The bucket mapping is HdrHistogram's own at 3 significant digits; counts add, merge and clear. */
class BucketCountsTest {
    @Test
    void slotLowestValueAndWidth_equalHdrHistogramsBuckets_overTheWholeValueRange() {
        PackedHistogram h = new PackedHistogram(3);
        for (long v = 0; v < 70_000; v++) {
            assertSameBucket(h, v);
        }
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            assertSameBucket(h, rnd.nextLong(DenseCounts.LIMIT));
            assertSameBucket(h, rnd.nextLong(1L << (1 + rnd.nextInt(62))));
        }
        assertSameBucket(h, Long.MAX_VALUE);
        assertThat(BucketCounts.slot(DenseCounts.LIMIT - 1)).isEqualTo(DenseCounts.SLOTS - 1);
        assertThat(BucketCounts.slot(Long.MAX_VALUE)).isEqualTo(BucketCounts.SLOTS - 1);
        for (int s = 0; s < BucketCounts.SLOTS; s++) {
            assertThat(BucketCounts.slot(BucketCounts.lowestValue(s))).as("slot %d", s).isEqualTo(s);
        }
    }

    private static void assertSameBucket(PackedHistogram h, long v) {
        int s = BucketCounts.slot(v);
        assertThat(BucketCounts.lowestValue(s)).as("value %d", v).isEqualTo(h.lowestEquivalentValue(v));
        assertThat(BucketCounts.width(s)).as("value %d", v).isEqualTo(h.sizeOfEquivalentValueRange(v));
    }

    @Test
    void addAddAllNextAndClear_countPerBucketAsAnHdrHistogram() {
        SplittableRandom rnd = new SplittableRandom(3);
        BucketCounts a = new BucketCounts();
        BucketCounts b = new BucketCounts();
        Histogram ha = new Histogram(3);
        Histogram both = new Histogram(3);
        for (int i = 0; i < 20_000; i++) {
            long v = rnd.nextInt(4) == 0 ? rnd.nextLong(1L << 50) : rnd.nextLong(5_000_000);
            long n = 1 + rnd.nextInt(3);
            (i % 2 == 0 ? a : b).add(v, n);
            if (i % 2 == 0) {
                ha.recordValueWithCount(v, n);
            }
            both.recordValueWithCount(v, n);
        }
        assertThat(a.total()).isEqualTo(ha.getTotalCount());
        a.addAll(b);
        assertThat(a.total()).isEqualTo(both.getTotalCount());
        long seen = 0;
        int buckets = 0;
        for (int s = a.next(0); s >= 0; s = a.next(s + 1)) {
            long v = BucketCounts.lowestValue(s);
            assertThat(a.countAt(s)).as("bucket of %d", v).isEqualTo(both.getCountAtValue(v));
            seen += a.countAt(s);
            buckets++;
        }
        assertThat(seen).isEqualTo(both.getTotalCount());
        long distinct = 0;
        for (var x : both.recordedValues()) {
            distinct++;
        }
        assertThat(buckets).isEqualTo(distinct);
        a.clear();
        assertThat(a.total()).isZero();
        assertThat(a.next(0)).isEqualTo(-1);
    }
}
