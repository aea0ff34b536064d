package org.iommusim.core.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.iommusim.core.stats.StatKind;
import org.junit.jupiter.api.Test;

class ResultsCsvTest {
    @Test
    void tidy_oneRowPerVariantReplicationField_withUnitsAndEmptyNaN() {
        String csv = ResultsCsv.tidy(ResultsFixtures.document());
        List<String> lines = csv.lines().toList();
        assertThat(csv).endsWith("\n").doesNotContain("\r");
        assertThat(lines.get(0)).isEqualTo("variant,replication,seed,statistic,unit,field,value");
        // 2 variants x 2 replications x (8 + 1 + 1 + 5 + 3 + 2) fields
        assertThat(lines).hasSize(1 + 2 * 2 * 20);
        assertThat(lines).contains("hardware,0,42,dma.completed,dmas,value,1000",
                "hardware,0,42,fault.latency,ps,mean,",
                "hardware,1,42,walk.latency,count,count,1000",
                "software,1,42,iotlb.hit-ratio,1,value,0.225",
                "hardware,0,42,queue.length,requests,mean,0.3333333333333333");
    }

    @Test
    void tidy_awkwardNames_quotedPerRfc4180_andReadBack() throws Exception {
        StatValue v = StatValue.builder("a", StatKind.COUNTER, "bytes, total", "d").field("value", 5).build();
        ResultsDocument doc = ResultsDocument.of("s", 1, List.of(new VariantResult("x=\"1,2\"", Map.of(), Map.of(),
                List.of(new Replication(0, 1, Snapshot.of(0, List.of(v)))))));
        String csv = ResultsCsv.tidy(doc);
        assertThat(csv.lines().toList().get(1)).isEqualTo("\"x=\"\"1,2\"\"\",0,1,a,\"bytes, total\",value,5");
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
        assertThat(records.get(1).get(0)).isEqualTo("x=\"1,2\"");
        assertThat(records.get(1).get(4)).isEqualTo("bytes, total");
    }

    @Test
    void sweep_numericParameterColumns_inBaseUnits_andVariantWithoutThePoint() {
        ResultsDocument doc = ResultsDocument.of("sweep", 1, List.of(
                point("hw span=256KiB entries=16", "256KiB", "16", "host-4k"),
                point("hw span=4MiB entries=32", "4MiB", "32", "host-2m")));
        List<String> keys = List.of("wl.span", "iommu.iotlb.entries", "devices.dev0.ioasid");
        List<String> tidy = ResultsCsv.tidy(doc, keys).lines().toList();
        assertThat(tidy.get(0)).isEqualTo("variant,wl.span[B],iommu.iotlb.entries,devices.dev0.ioasid,replication,seed,"
                + "statistic,unit,field,value");
        assertThat(tidy.get(1)).isEqualTo("hw,262144,16,host-4k,0,1,run.dma-latency,ps,value,3044991.5");
        List<String> summary = ResultsCsv.summary(doc, keys, k -> k.startsWith("run.")).lines().toList();
        assertThat(summary).containsExactly(
                "variant,wl.span[B],iommu.iotlb.entries,devices.dev0.ioasid,statistic,unit,mean,ci95Low,ci95High,n",
                "hw,262144,16,host-4k,run.dma-latency,ps,3044991.5,3000000,3100000,2",
                "hw,4194304,32,host-2m,run.dma-latency,ps,3044991.5,3000000,3100000,2");
    }

    @Test
    void summary_oneRowPerVariantKey() {
        List<String> lines = ResultsCsv.summary(ResultsFixtures.document()).lines().toList();
        assertThat(lines).containsExactly("variant,statistic,unit,mean,ci95Low,ci95High,n",
                "hardware,dma.completed,dmas,1250,900.25,1100.75,2",
                "hardware,walk.latency,ps,812.5,800.125,824.875,2",
                "hardware,walk.latency.count,count,1000,,,1",
                "hardware,fault.latency,ps,,,,0",
                "software,dma.completed,dmas,2125,900.25,1100.75,2",
                "software,walk.latency,ps,812.5,800.125,824.875,2",
                "software,walk.latency.count,count,1000,,,1",
                "software,fault.latency,ps,,,,0");
    }

    private static VariantResult point(String name, String span, String entries, String ioasid) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("iommu.nesting", "hardware");
        o.put("wl.span", span);
        o.put("iommu.iotlb.entries", entries);
        o.put("devices.dev0.ioasid", ioasid);
        StatValue v = StatValue.builder("run.dma-latency", StatKind.COUNTER, "ps", "d").field("value", 3044991.5).build();
        Map<String, StatSummary> summary = Map.of("run.dma-latency", new StatSummary(3044991.5, 3e6, 3.1e6, "ps", 2));
        return new VariantResult(name, o, summary, List.of(new Replication(0, 1, Snapshot.of(0, List.of(v)))));
    }
}
