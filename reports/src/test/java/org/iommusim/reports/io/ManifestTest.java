package org.iommusim.reports.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
    @Test
    void parse_fullManifest_scalarsAsTextAndSweepParametersInOrder() {
        Manifest m = Manifest.parse("""
                {"tool": "iommusim", "seed": 42, "wallTimeSeconds": 4.5, "command": "sweep",
                 "question": "Where is the knee?", "sweepParameters": ["iotlb.entries", "walker.count"],
                 "nested": {"ignored": true}}
                """);
        assertThat(m.problem()).isEmpty();
        assertThat(m.get("seed")).contains("42");
        assertThat(m.number("wallTimeSeconds")).contains(4.5);
        assertThat(m.command()).contains("sweep");
        assertThat(m.question()).contains("Where is the knee?");
        assertThat(m.sweepParameters()).containsExactly("iotlb.entries", "walker.count");
        assertThat(m.entries()).containsOnlyKeys("tool", "seed", "wallTimeSeconds", "command", "question");
    }

    @Test
    void parse_missingKeys_emptyOptionalsNoProblem() {
        Manifest m = Manifest.parse("{}");
        assertThat(m.problem()).isEmpty();
        assertThat(m.question()).isEmpty();
        assertThat(m.command()).isEmpty();
        assertThat(m.number("seed")).isEmpty();
        assertThat(m.sweepParameters()).isEmpty();
    }

    @Test
    void parse_malformedOrNotAnObject_emptyWithProblem() {
        assertThat(Manifest.parse("{\"seed\": ").problem()).get().asString().contains("not valid JSON");
        assertThat(Manifest.parse("[1, 2]").problem()).get().asString().contains("not a JSON object");
        assertThat(Manifest.parse("{\"seed\": \"x\"}").number("seed")).isEmpty();
    }

    @Test
    void read_noFile_emptyWithProblem(@TempDir Path dir) {
        assertThat(Manifest.read(dir).problem()).get().asString().contains("manifest.json is missing");
    }
}
