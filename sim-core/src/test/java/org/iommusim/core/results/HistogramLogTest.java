package org.iommusim.core.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
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

    @Test
    void write_noHistograms_empty() {
        StatValue c = StatValue.builder("n", StatKind.COUNTER, "x", "d").field("value", 1).build();
        VariantResult v = new VariantResult("v", Map.of(), Map.of(),
                List.of(new Replication(0, 1, Snapshot.of(0, List.of(c)))));
        assertThat(HistogramLog.write(v)).isEmpty();
    }

    private static VariantResult variant(String name, Histogram... reps) {
        List<Replication> rs = new java.util.ArrayList<>();
        for (int i = 0; i < reps.length; i++) {
            StatValue s = StatValue.builder("lat", StatKind.HISTOGRAM, "ps", "d").field("mean", reps[i].getMean())
                    .histogram(reps[i]).build();
            rs.add(new Replication(i, 1, Snapshot.of(0, List.of(s))));
        }
        return new VariantResult(name, Map.of(), Map.of(), rs);
    }
}
