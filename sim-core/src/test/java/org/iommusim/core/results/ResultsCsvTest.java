package org.iommusim.core.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.iommusim.core.stats.StatKind;
import org.junit.jupiter.api.Test;

class ResultsCsvTest {
    @Test
    void quote_onlyWhenNeeded_quotesDoubled() {
        assertThat(ResultsCsv.quote("plain text")).isEqualTo("plain text");
        assertThat(ResultsCsv.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(ResultsCsv.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ResultsCsv.quote("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(ResultsCsv.quote("cr\r")).isEqualTo("\"cr\r\"");
        assertThat(ResultsCsv.quote("")).isEmpty();
    }

    @Test
    void tidy_oneRowPerVariantReplicationField_withUnitsAndEmptyNaN() {
        String csv = ResultsCsv.tidy(ResultsFixtures.document());
        List<String> lines = csv.lines().toList();
        assertThat(csv).endsWith("\n").doesNotContain("\r");
        assertThat(lines.get(0)).isEqualTo("variant,replication,seed,statistic,field,value,unit");
        // 2 variants x 2 replications x (1 + 5 + 1 + 2 + 3 + 8) fields
        assertThat(lines).hasSize(1 + 2 * 2 * 20);
        assertThat(lines).contains("hardware,0,42,dma.completed,value,1000,dmas",
                "hardware,0,42,fault.latency,mean,,ps",
                "hardware,1,42,walk.latency,count,1000,count",
                "software,1,42,iotlb.hit-ratio,value,0.225,1",
                "hardware,0,42,queue.length,mean,0.3333333333333333,requests");
    }

    @Test
    void tidy_awkwardNames_quotedPerRfc4180() {
        StatValue v = StatValue.builder("a", StatKind.COUNTER, "bytes, total", "d").field("value", 5).build();
        ResultsDocument doc = ResultsDocument.of("s", 1, List.of(new VariantResult("x=\"1,2\"", Map.of(), Map.of(),
                List.of(new Replication(0, 1, Snapshot.of(0, List.of(v)))))));
        assertThat(ResultsCsv.tidy(doc).lines().toList().get(1))
                .isEqualTo("\"x=\"\"1,2\"\"\",0,1,a,value,5,\"bytes, total\"");
    }

    @Test
    void summary_oneRowPerVariantKey() {
        List<String> lines = ResultsCsv.summary(ResultsFixtures.document()).lines().toList();
        assertThat(lines).containsExactly("variant,statistic,mean,ci95Low,ci95High,unit,n",
                "hardware,dma.completed,1250,900.25,1100.75,dmas,2",
                "hardware,walk.latency,812.5,800.125,824.875,ps,2",
                "hardware,walk.latency.count,1000,,,count,1",
                "hardware,fault.latency,,,,ps,0",
                "software,dma.completed,2125,900.25,1100.75,dmas,2",
                "software,walk.latency,812.5,800.125,824.875,ps,2",
                "software,walk.latency.count,1000,,,count,1",
                "software,fault.latency,,,,ps,0");
    }
}
