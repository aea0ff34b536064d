package org.iommusim.scenarios.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.iommusim.scenarios.cli.Main;

/**
 * One catalog scenario run as a user runs it ({@code iommusim run NAME --out DIR}), read back
 * from its {@code findings.json} and {@code stats.json}: what every catalog answer test needs.
 * The run writes no report (the answer is in the findings, not in the charts).
 */
final class CatalogAnswer {
    private final JsonNode findings;
    private final JsonNode stats;

    private CatalogAnswer(JsonNode findings, JsonNode stats) {
        this.findings = findings;
        this.stats = stats;
    }

    /** Runs {@code scenario} from the catalog into {@code dir/r}, with extra CLI arguments (e.g. {@code --set}). */
    static CatalogAnswer run(Path dir, String scenario, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", scenario, "--out", dir.resolve("r").toString(),
                "--no-report", "-q", "--jobs", "2"));
        args.addAll(List.of(extra));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = Main.execute(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        assertThat(rc).as("%s%s", out, err).isZero();
        ObjectMapper json = new ObjectMapper();
        return new CatalogAnswer(json.readTree(dir.resolve("r/findings.json").toFile()).get("findings"),
                json.readTree(dir.resolve("r/stats.json").toFile()));
    }

    /** All findings, largest first, as {@code findings.json} holds them. */
    JsonNode findings() {
        return findings;
    }

    /**
     * The first "difference" finding of {@code statistic} at sweep point {@code at} ("" for a run
     * without a sweep), or null when the findings hold none (the difference is not significant).
     */
    JsonNode difference(String statistic, String at) {
        for (JsonNode f : findings) {
            if ("difference".equals(f.path("kind").asText()) && statistic.equals(f.path("statistic").asText())
                    && at.equals(f.path("at").asText(""))) {
                return f;
            }
        }
        return null;
    }

    /**
     * The "difference" finding of {@code statistic} between {@code variant} and the reference at
     * sweep point {@code at} ("" without a sweep), or null when the findings hold none.
     */
    JsonNode difference(String statistic, String variant, String at) {
        for (JsonNode f : findings) {
            if ("difference".equals(f.path("kind").asText()) && statistic.equals(f.path("statistic").asText())
                    && variant.equals(f.path("variant").asText()) && at.equals(f.path("at").asText(""))) {
                return f;
            }
        }
        return null;
    }

    /** The findings of one kind ("difference", "crossover", "knee", "warning"). */
    List<JsonNode> ofKind(String kind) {
        List<JsonNode> hits = new ArrayList<>();
        for (JsonNode f : findings) {
            if (kind.equals(f.path("kind").asText())) {
                hits.add(f);
            }
        }
        return hits;
    }

    /** The mean over replications of {@code statistic} in the variant (or variant and sweep point) named {@code variant}. */
    double mean(String variant, String statistic) {
        for (JsonNode v : stats.get("variants")) {
            if (variant.equals(v.get("name").asText())) {
                JsonNode s = v.get("summary").get(statistic);
                if (s == null) {
                    throw new AssertionError("variant " + variant + " has no statistic " + statistic);
                }
                return s.get("mean").asDouble();
            }
        }
        throw new AssertionError("no variant " + variant);
    }
}
