package org.iommusim.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.PackedHistogram;
import org.junit.jupiter.api.Test;

class HistogramWalkTest {
    /** Above 0: at 0 HdrHistogram answers the lowest equivalent value, and no snapshot asks for it. */
    private static final double[] PS = {1, 5, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100};

    /** Histograms of every shape a run records: wide, narrow, with zeros, one value, huge counts. */
    @Test
    void of_randomHistograms_meanPercentilesAndCopyBitForBitHdrHistogramsOwn() {
        long seed = 20_261_206L;
        Random rnd = new Random(seed);
        for (int round = 0; round < 40; round++) {
            PackedHistogram h = new PackedHistogram(3);
            h.setAutoResize(true);
            int n = 1 + rnd.nextInt(round < 10 ? 5 : 5_000);
            long base = (long) Math.exp(rnd.nextDouble() * 20);
            for (int i = 0; i < n; i++) {
                long v = switch (round % 4) {
                    case 0 -> (long) Math.exp(rnd.nextDouble() * 30);
                    case 1 -> rnd.nextInt(3);
                    case 2 -> base + rnd.nextInt(1000);
                    default -> base;
                };
                h.recordValueWithCount(v, 1 + rnd.nextInt(round % 5 == 0 ? 1_000_000 : 3));
            }
            String at = "seed " + seed + " round " + round;
            HistogramWalk w = HistogramWalk.of(h, PS);
            assertThat(Double.doubleToLongBits(w.mean)).as(at + " mean").isEqualTo(Double.doubleToLongBits(h.getMean()));
            for (int i = 0; i < PS.length; i++) {
                assertThat(w.percentiles[i]).as(at + " p" + PS[i]).isEqualTo(h.getValueAtPercentile(PS[i]));
            }
            PackedHistogram copy = w.copy(h);
            PackedHistogram theirs = h.copy();
            assertThat(copy).as(at + " copy").isEqualTo(theirs);
            assertThat(copy.getMaxValue()).isEqualTo(theirs.getMaxValue());
            assertThat(copy.getMinValue()).isEqualTo(theirs.getMinValue());
            assertThat(copy.getTotalCount()).isEqualTo(theirs.getTotalCount());
            assertThat(copy.getHighestTrackableValue()).isEqualTo(theirs.getHighestTrackableValue());
            assertThat(encoded(copy)).as(at + " encoded").isEqualTo(encoded(theirs));
        }
    }

    @Test
    void of_emptyHistogram_meanZeroAndEmptyCopy() {
        PackedHistogram h = new PackedHistogram(3);
        HistogramWalk w = HistogramWalk.of(h, PS);
        assertThat(w.mean).isZero();
        assertThat(w.copy(h).getTotalCount()).isZero();
    }

    private static byte[] encoded(AbstractHistogram h) {
        ByteBuffer b = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int len = h.encodeIntoCompressedByteBuffer(b);
        byte[] out = new byte[len];
        b.flip();
        b.get(out);
        return out;
    }
}
