package org.iommusim.core.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.iommusim.core.stats.StatKind;
import org.junit.jupiter.api.Test;

class TextListingTest {
    @Test
    void snapshot_humanUnitsPerStatistic_columnsAligned_noTrailingSpaces() {
        String text = TextListing.snapshot(ResultsFixtures.snapshot(1));
        List<String> lines = text.lines().toList();
        assertThat(text).endsWith("\n");
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotEndWith(" "));
        assertThat(lines).contains(
                "walk.latency               0.8125  ns",
                "walk.latency.count          1,000  count",
                "walk.latency.p99              1.2  ns",
                "iotlb.hit-ratio                10  %",
                "iotlb.hits.series             2.5  G/s",
                "fault.latency                   -  ns",
                "walk.latency: Page-walk latency, \"cold\" walks");
        assertThat(lines.get(1)).matches("-+  -+  -+");
    }

    @Test
    void summaries_variantsSideBySide_humanUnits_zeroRowsGrouped_descriptionsBelow() {
        String text = TextListing.summaries(ResultsFixtures.document());
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).isEqualTo("scenario hw-vs-sw, master seed 42; 2 variants, 2 replications each");
        assertThat(lines).contains(
                "statistic           unit   hardware    +/-  software    +/-",
                "dma.completed       dmas      1,250    100     2,125    100",
                "walk.latency        ns       0.8125  0.012    0.8125  0.012",
                "walk.latency.count  count     1,000  (n=1)     1,000  (n=1)",
                "1 statistic was zero or never observed in every variant: fault.latency",
                "dma.completed: DMAs completed");
        assertThat(text).doesNotContain("fault.latency  ");
    }

    @Test
    void summaries_manyVariants_longFormat_within120Columns() {
        ResultsDocument doc = manyVariants(18);
        String text = TextListing.summaries(doc);
        assertThat(text.lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(120));
        assertThat(text.lines()).contains(
                "statistic            variant                         mean    +/-  unit",
                "run.dma-latency      hardware fractionPerSecond=0   3.045  0.044  µs",
                "                     hardware fractionPerSecond=1   3.045  0.044  µs",
                "run.iotlb-hit-ratio  hardware fractionPerSecond=0   10.01  0.087  %");
    }

    @Test
    void headline_manyVariants_oneRowPerVariant_columnsThatFit_restNamed() {
        ResultsDocument doc = manyVariants(18);
        String text = TextListing.headline(doc, List.of("run.dma-latency", "run.dma-throughput",
                "run.iotlb-hit-ratio", "run.dma-faults"));
        assertThat(text.lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(120));
        assertThat(text.lines()).contains(
                "variant                        dma-latency (µs)  dma-throughput (GB/s)  iotlb-hit-ratio (%)",
                "hardware fractionPerSecond=0       3.045 ±0.044            41.48 ±0.63         10.01 ±0.087",
                "1 statistic was zero or never observed in every variant: run.dma-faults");
    }

    @Test
    void human_numbers_roundedReadably() {
        assertThat(Numbers.human(812.4567)).isEqualTo("812.5");
        assertThat(Numbers.human(12345.678)).isEqualTo("12346");
        assertThat(Numbers.human(3.14159)).isEqualTo("3.142");
        assertThat(Numbers.human(0.0123456)).isEqualTo("0.01235");
        assertThat(Numbers.human(1e-7)).isEqualTo("1.000e-07");
        assertThat(Numbers.human(Double.NaN)).isEqualTo("-");
        assertThat(Numbers.human(-42)).isEqualTo("-42");
    }

    @Test
    void display_groupsThousands_errorsTwoDigits() {
        assertThat(Numbers.display(10639)).isEqualTo("10,639");
        assertThat(Numbers.display(503506183575.0)).isEqualTo("503,506,183,575");
        assertThat(Numbers.display(999.94)).isEqualTo("999.9");
        assertThat(Numbers.display(-1234.6)).isEqualTo("-1,235");
        assertThat(Numbers.displayError(0.0008736)).isEqualTo("0.00087");
        assertThat(Numbers.displayError(152.79)).isEqualTo("150");
        assertThat(Numbers.displayError(0)).isEqualTo("0");
    }

    /** A sweep of n points with one varied figure: DMA latency, throughput, hit ratio, faults. */
    private static ResultsDocument manyVariants(int n) {
        List<VariantResult> vs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = (i < n / 2 ? "hardware" : "software") + " fractionPerSecond=" + i;
            Map<String, StatSummary> s = new LinkedHashMap<>();
            s.put("run.dma-latency", new StatSummary(3044991, 3044991 - 43888, 3044991 + 43888, "ps", 3));
            s.put("run.dma-throughput", new StatSummary(41479394667.0, 41479394667.0 - 625771120,
                    41479394667.0 + 625771120, "bytes/s", 3));
            s.put("run.iotlb-hit-ratio", new StatSummary(0.1001, 0.1001 - 0.0008736, 0.1001 + 0.0008736, "ratio", 3));
            s.put("run.dma-faults", new StatSummary(0, 0, 0, "requests", 3));
            StatValue v = StatValue.builder("run.dma-latency", StatKind.COUNTER, "ps", "DMA latency").field("value", 1)
                    .build();
            List<Replication> reps = List.of(new Replication(0, 1, Snapshot.of(0, List.of(v))),
                    new Replication(1, 1, Snapshot.of(0, List.of(v))), new Replication(2, 1, Snapshot.of(0, List.of(v))));
            vs.add(new VariantResult(name, Map.of(), s, reps));
        }
        return ResultsDocument.of("gpa-churn", 1, vs);
    }
}
