package org.iommusim.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.iommusim.core.stats.StatKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsJsonTest {
    private static ResultsDocument oneStat(StatValue v) {
        Snapshot s = Snapshot.of(0, List.of(v));
        return ResultsDocument.of("t", 7, List.of(new VariantResult("v", Map.of(), Map.of(),
                List.of(new Replication(0, 7, s)))));
    }

    @Test
    void roundTrip_writeReadWrite_equalModelAndIdenticalBytes() {
        ResultsDocument doc = ResultsFixtures.document();
        String first = ResultsJson.toJson(doc);
        ResultsDocument back = ResultsJson.fromJson(first);
        assertThat(back).isEqualTo(doc);
        assertThat(back.statistics()).isEqualTo(doc.statistics());
        assertThat(back.variant("software").overrides().keySet()).containsExactly("iommu.nesting");
        assertThat(back.variant("hardware").overrides().keySet())
                .containsExactly("iommu.nesting", "devices.nic0.ring.buffers");
        assertThat(ResultsJson.toJson(back)).isEqualTo(first);
    }

    @Test
    void complete_writtenOnlyWhenFalse_andReadBack() {
        ResultsDocument doc = ResultsFixtures.document();
        String complete = ResultsJson.toJson(doc);
        assertThat(complete).doesNotContain("\"complete\"");
        assertThat(ResultsJson.fromJson(complete).complete()).isTrue();
        String interrupted = ResultsJson.toJson(doc.withComplete(false));
        assertThat(interrupted).contains("\"seed\": 42,\n  \"complete\": false,\n  \"variants\"");
        ResultsDocument back = ResultsJson.fromJson(interrupted);
        assertThat(back.complete()).isFalse();
        assertThat(back).isEqualTo(doc.withComplete(false));
        assertThat(ResultsJson.toJson(back)).isEqualTo(interrupted);
    }

    @Test
    void roundTrip_viaFile_sameBytesAsString(@TempDir Path dir) throws IOException {
        ResultsDocument doc = ResultsFixtures.document();
        Path file = dir.resolve("stats.json");
        ResultsJson.write(doc, file);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(ResultsJson.toJson(doc));
        assertThat(ResultsJson.read(file)).isEqualTo(doc);
    }

    @Test
    void roundTrip_awkwardDoubles_readBackExactly() {
        double[] xs = {0.1, 1.0 / 3, 2.0 / 3, 1e-300, 1.7976931348623157e308, 4.9e-324, -123456.789, 1e15, 1e16 + 2,
                123456789012345.6, -0.5};
        for (double x : xs) {
            ResultsDocument doc = oneStat(StatValue.builder("x", StatKind.DERIVED, "1", "d").field("value", x).build());
            double back = ResultsJson.fromJson(ResultsJson.toJson(doc)).variants().get(0).replications().get(0)
                    .snapshot().get("x").primary();
            assertThat(back).as("round trip of %s", x).isEqualTo(x);
        }
    }

    @Test
    void nanAndInfinity_writtenAsNull_readBackAsNaN() {
        ResultsDocument doc = oneStat(StatValue.builder("x", StatKind.TALLY, "ps", "d")
                .field("mean", Double.NaN).field("max", Double.POSITIVE_INFINITY)
                .field("min", Double.NEGATIVE_INFINITY).build());
        String json = ResultsJson.toJson(doc);
        assertThat(json).contains("\"mean\": null", "\"max\": null", "\"min\": null")
                .doesNotContain("NaN", "Infinity");
        StatValue back = ResultsJson.fromJson(json).variants().get(0).replications().get(0).snapshot().get("x");
        assertThat(back.field("mean")).isNaN();
        assertThat(back.field("max")).isNaN();
    }

    @Test
    void layout_contractKeyOrderLfAndTrailingNewline() {
        String json = ResultsJson.toJson(ResultsFixtures.document());
        assertThat(json).doesNotContain("\r").endsWith("}\n").doesNotEndWith("\n\n");
        assertThat(json).startsWith("{\n  \"schemaVersion\": 1,\n  \"scenario\": \"hw-vs-sw\",\n  \"seed\": 42,\n"
                + "  \"variants\": [ {\n    \"name\": \"hardware\",\n    \"overrides\": {");
        int summary = json.indexOf("\"summary\"");
        int replications = json.indexOf("\"replications\"");
        int statistics = json.indexOf("\"statistics\"");
        assertThat(summary).isPositive().isLessThan(replications);
        assertThat(replications).isLessThan(statistics);
        assertThat(json).contains("\"walk.latency\": {\n        \"mean\": 812.5,\n        \"ci95Low\": 800.125,\n"
                + "        \"ci95High\": 824.875,\n        \"unit\": \"ps\",\n        \"n\": 2\n      }");
    }

    @Test
    void stats_counterAndDerivedBare_othersObjectsWithUnitAndSeries() {
        String json = ResultsJson.toJson(ResultsFixtures.document());
        assertThat(json).contains("\"dma.completed\": 1000,", "\"iotlb.hit-ratio\": 0.1,");
        assertThat(json).contains("\"queue.length\": {\n          \"mean\": 0.3333333333333333,\n"
                + "          \"max\": 4,\n          \"current\": 0,\n          \"unit\": \"requests\"\n        }");
        assertThat(json).contains("\"unit\": \"1/s\",\n          \"t\": [ 500000000, 1000000000 ],\n"
                + "          \"v\": [ 2000000000, 3000000000 ]");
        assertThat(json).contains("\"dma.completed\": {\n      \"kind\": \"counter\",\n      \"unit\": \"dmas\",\n"
                + "      \"description\": \"DMAs completed\"\n    }");
    }

    @Test
    void emptyTimeSeries_keepsKindAndEmptyArrays() {
        ResultsDocument doc = oneStat(StatValue.builder("s", StatKind.TIME_SERIES, "1", "d")
                .field("mean", Double.NaN).field("samples", 0).series(new long[0], new double[0]).build());
        String json = ResultsJson.toJson(doc);
        assertThat(json).contains("\"t\": [],", "\"v\": []");
        assertThat(ResultsJson.fromJson(json)).isEqualTo(doc);
    }

    @Test
    void write_reservedFieldName_rejected() {
        ResultsDocument doc = oneStat(StatValue.builder("x", StatKind.TALLY, "ps", "d").field("unit", 1).build());
        assertThatThrownBy(() -> ResultsJson.toJson(doc)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x'").hasMessageContaining("reserved");
    }

    @Test
    void read_newerSchemaVersion_rejected() {
        String json = ResultsJson.toJson(ResultsFixtures.document()).replace("\"schemaVersion\": 1",
                "\"schemaVersion\": 99");
        assertThatThrownBy(() -> ResultsJson.fromJson(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schemaVersion 99").hasMessageContaining("newer");
    }

    @Test
    void read_missingOrMistypedValue_namesJsonPath() {
        String json = ResultsJson.toJson(ResultsFixtures.document());
        String noSeed = json.replace("\"index\": 1,\n      \"seed\": 42,", "\"index\": 1,");
        assertThatThrownBy(() -> ResultsJson.fromJson(noSeed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("variants[0].replications[1].seed: missing");
        String badMean = json.replaceFirst("\"mean\": 812.5", "\"mean\": \"fast\"");
        assertThatThrownBy(() -> ResultsJson.fromJson(badMean)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("variants[0].summary.walk.latency.mean: expected a number");
        String uncatalogued = json.replace("\"dma.completed\": {\n      \"kind\"", "\"other\": {\n      \"kind\"");
        assertThatThrownBy(() -> ResultsJson.fromJson(uncatalogued)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("variants[0].replications[0].stats.dma.completed")
                .hasMessageContaining("missing from 'statistics'");
    }

    @Test
    void read_duplicateKeyOrGarbage_rejected() {
        String json = ResultsJson.toJson(ResultsFixtures.document());
        String dup = json.replace("\"seed\": 42,\n  \"variants\"", "\"seed\": 42,\n  \"seed\": 43,\n  \"variants\"");
        assertThatThrownBy(() -> ResultsJson.fromJson(dup)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed");
        assertThatThrownBy(() -> ResultsJson.fromJson(json + "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResultsJson.fromJson("[1, 2]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be an object");
    }

    @Test
    void read_unknownKeys_ignored() {
        ResultsDocument doc = ResultsFixtures.document();
        String json = ResultsJson.toJson(doc).replace("\"seed\": 42,\n  \"variants\"",
                "\"seed\": 42,\n  \"futureKey\": {\"a\": [1]},\n  \"variants\"");
        assertThat(ResultsJson.fromJson(json)).isEqualTo(doc);
    }
}
