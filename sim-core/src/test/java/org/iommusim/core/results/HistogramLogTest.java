package org.iommusim.core.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.iommusim.core.stats.StatKind;
import org.junit.jupiter.api.Test;

class HistogramLogTest {
    private static final long SEED = 20261205L;

    @Test
    void merged_poolsEveryReplicationsValues_percentilesOfThePool() {
        System.out.println("HistogramLogTest seed " + SEED);
        SplittableRandom rnd = new SplittableRandom(SEED);
        Histogram a = new Histogram(3);
        Histogram b = new Histogram(3);
        Histogram all = new Histogram(3);
        for (int i = 0; i < 10_000; i++) {
            long x = 1000 + rnd.nextLong(1000);
            long y = 5000 + rnd.nextLong(5000);
            a.recordValue(x);
            b.recordValue(y);
            all.recordValue(x);
            all.recordValue(y);
        }
        VariantResult v = variant("hw", a, b);
        AbstractHistogram merged = HistogramLog.merged(v).get("lat");
        assertThat(merged.getTotalCount()).isEqualTo(20_000);
        assertThat(merged.getValueAtPercentile(50)).isEqualTo(all.getValueAtPercentile(50));
        assertThat(merged.getValueAtPercentile(99)).isEqualTo(all.getValueAtPercentile(99));
        // the pooled median sits between the two replications, not at the mean of their medians
        assertThat(merged.getValueAtPercentile(50)).isBetween(1900L, 5100L);
    }

    @Test
    void writeThenRead_sameHistograms_sameBytesEveryTime() throws Exception {
        Histogram a = new Histogram(3);
        a.recordValue(812);
        a.recordValueWithCount(1200, 5);
        VariantResult v = variant("hardware span=4MiB", a, a.copy());
        String log = HistogramLog.write(v);
        assertThat(log).startsWith("#iommusim merged histograms of variant: hardware span=4MiB")
                .contains("Tag=lat,").doesNotContain("StartTime:");
        assertThat(HistogramLog.write(variant("hardware span=4MiB", a, a.copy()))).isEqualTo(log);
        Map<String, AbstractHistogram> back = HistogramLog.read(log.getBytes(StandardCharsets.UTF_8));
        assertThat(back).containsOnlyKeys("lat");
        assertThat(back.get("lat").getTotalCount()).isEqualTo(12);
        assertThat(back.get("lat").getMaxValue()).isEqualTo(a.getMaxValue());
        // lazily: the names without decoding, then one line decoded
        Map<String, String> lines = HistogramLog.lines(log);
        assertThat(lines).containsOnlyKeys("lat");
        assertThat(HistogramLog.decode(lines.get("lat")).orElseThrow().getTotalCount()).isEqualTo(12);
        assertThat(HistogramLog.decode("Tag=lat,0.000,0.000,1.000,not-base64")).isEmpty();
    }

    /** A decoded line holds exactly the merged histogram's counts (the report's CDFs and percentiles read them). */
    @Test
    void decode_randomLogs_equalToTheMergedHistogram() {
        SplittableRandom rnd = seeded(SEED + 2, "decode");
        for (int trial = 0; trial < 40; trial++) {
            int digits = 1 + rnd.nextInt(4);
            VariantResult v = variant("v", randomPart(rnd, digits, 1 + rnd.nextInt(3000)),
                    randomPart(rnd, digits, rnd.nextInt(3000)));
            AbstractHistogram merged = HistogramLog.merged(v).get("lat");
            AbstractHistogram back = HistogramLog.decode(HistogramLog.lines(HistogramLog.write(v)).get("lat"))
                    .orElseThrow();
            assertThat(back).as("trial %d", trial).isEqualTo(merged);
            assertThat(back.getTag()).isEqualTo("lat");
            for (double p : new double[] {0, 1, 50, 90, 99, 99.9, 100}) {
                assertThat(back.getValueAtPercentile(p)).as("trial %d p%s", trial, p)
                        .isEqualTo(merged.getValueAtPercentile(p));
            }
            assertThat(back.getMean()).isEqualTo(merged.getMean());
        }
    }

    /** The walk-based merge against HdrHistogram's own {@code add}: the same encoding, bit for bit. */
    @Test
    void merge_randomPackedParts_sameEncodingAsAdd() {
        SplittableRandom rnd = seeded(SEED + 1, "merge");
        for (int trial = 0; trial < 60; trial++) {
            int digits = 1 + rnd.nextInt(4);
            List<AbstractHistogram> parts = new java.util.ArrayList<>();
            for (int p = 0, n = 1 + rnd.nextInt(4); p < n; p++) {
                parts.add(randomPart(rnd, digits, rnd.nextInt(2000))); // some parts empty
            }
            PackedHistogram byAdd = new PackedHistogram(digits);
            parts.forEach(byAdd::add);
            byte[] expected = encoded(byAdd);
            List<HistogramBuckets> buckets = parts.stream().map(HistogramBuckets::of)
                    .filter(java.util.Objects::nonNull).toList(); // an empty part carries no buckets
            AbstractHistogram packed = HistogramLog.merge(buckets, new PackedHistogram(digits));
            AbstractHistogram plain = HistogramLog.merge(buckets, new Histogram(digits));
            assertThat(encoded(packed)).as("trial %d packed", trial).isEqualTo(expected);
            assertThat(encoded(plain)).as("trial %d plain", trial).isEqualTo(expected);
            assertThat(plain.getTotalCount()).isEqualTo(byAdd.getTotalCount());
            assertThat(plain.getMaxValue()).isEqualTo(byAdd.getMaxValue());
            assertThat(plain.getMinNonZeroValue()).isEqualTo(byAdd.getMinNonZeroValue());
            assertThat(plain.getHighestTrackableValue()).isEqualTo(byAdd.getHighestTrackableValue());
        }
    }

    /**
     * End to end: the log of live histograms' snapshots (runs, zeros, dense counts, a warm-up
     * reset, values far above the dense limit) is byte for byte the log HdrHistogram alone writes
     * for the same values recorded one by one, each replication added into the merge.
     */
    @Test
    void write_snapshotsOfLiveHistograms_sameBytesAsHdrHistogramAlone() {
        SplittableRandom rnd = seeded(SEED + 3, "live");
        List<Replication> reps = new java.util.ArrayList<>();
        List<Histogram> oracles = new java.util.ArrayList<>();
        for (int r = 0; r < 3; r++) {
            org.iommusim.core.stats.StatsRegistry registry =
                    new org.iommusim.core.stats.StatsRegistry(new org.iommusim.core.kernel.Simulator());
            org.iommusim.core.stats.LatencyHistogram h = registry.histogram("lat", "ps", "d");
            Histogram o = new Histogram(3);
            for (int i = 0; i < 30_000; i++) {
                long v = switch (rnd.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> 150_000 + rnd.nextLong(30_000);
                    case 2 -> rnd.nextLong(1L << (10 + 10 * r + rnd.nextInt(12)));
                    default -> 1_000_000;
                };
                int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 1 : 30);
                if (v == 0) {
                    for (int k = 0; k < n; k++) {
                        h.recordZero();
                    }
                } else {
                    h.record(v, n);
                }
                o.recordValueWithCount(v, n);
                if (i == 10_000) {
                    registry.reset();
                    o.reset();
                }
            }
            reps.add(new Replication(r, 1, Snapshot.of(0, List.of(h.snapshot()))));
            oracles.add(o);
        }
        String log = HistogramLog.write(new VariantResult("v", Map.of(), Map.of(), reps));
        Histogram merged = new Histogram(3);
        oracles.forEach(merged::add);
        merged.setTag("lat");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.PrintStream out = new java.io.PrintStream(bytes, false, StandardCharsets.UTF_8)) {
            org.HdrHistogram.HistogramLogWriter w = new org.HdrHistogram.HistogramLogWriter(out);
            w.outputComment("iommusim merged histograms of variant: v");
            w.outputLogFormatVersion();
            w.outputLegend();
            w.outputIntervalHistogram(0, 0, merged, 1.0);
        }
        assertThat(log).isEqualTo(bytes.toString(StandardCharsets.UTF_8));
    }

    private static byte[] encoded(AbstractHistogram h) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int n = h.encodeIntoCompressedByteBuffer(b);
        return java.util.Arrays.copyOf(b.array(), n);
    }

    @Test
    void write_noHistograms_empty() {
        StatValue c = StatValue.builder("n", StatKind.COUNTER, "x", "d").field("value", 1).build();
        VariantResult v = new VariantResult("v", Map.of(), Map.of(),
                List.of(new Replication(0, 1, Snapshot.of(0, List.of(c)))));
        assertThat(HistogramLog.write(v)).isEmpty();
    }

    private static SplittableRandom seeded(long seed, String test) {
        System.out.println("HistogramLogTest " + test + " seed " + seed);
        return new SplittableRandom(seed);
    }

    /** A packed histogram of {@code values} random values (counts 1-5) around a random power of two. */
    private static PackedHistogram randomPart(SplittableRandom rnd, int digits, int values) {
        PackedHistogram h = new PackedHistogram(digits);
        long base = rnd.nextInt(3) == 0 ? 0 : 1L << rnd.nextInt(40);
        for (int i = 0; i < values; i++) {
            h.recordValueWithCount(base + rnd.nextLong(1 + base * 3), 1 + rnd.nextInt(5));
        }
        return h;
    }

    private static VariantResult variant(String name, AbstractHistogram... reps) {
        List<Replication> rs = new java.util.ArrayList<>();
        for (int i = 0; i < reps.length; i++) {
            StatValue s = StatValue.builder("lat", StatKind.HISTOGRAM, "ps", "d").field("mean", reps[i].getMean())
                    .histogram(reps[i]).build();
            rs.add(new Replication(i, 1, Snapshot.of(0, List.of(s))));
        }
        return new VariantResult(name, Map.of(), Map.of(), rs);
    }
}
