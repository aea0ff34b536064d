package org.iommusim.scenarios.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.results.Snapshot;
import org.iommusim.scenarios.cli.Main;
import org.iommusim.scenarios.model.ScenarioModel;
import org.iommusim.scenarios.runner.Prepared;
import org.iommusim.scenarios.runner.ScenarioSource;

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

    /**
     * The difference finding of {@code statistic} between {@code variant} and the reference at
     * {@code at}, asserting that the findings hold one and that it is significant (p < 0.05) or
     * deterministic (every replication the same on both sides, the values different).
     */
    JsonNode significant(String statistic, String variant, String at) {
        JsonNode f = difference(statistic, variant, at);
        assertThat(f).as("%s vs the reference%s: a significant difference of %s", variant,
                at.isEmpty() ? "" : " at " + at, statistic).isNotNull();
        assertThat(isSignificant(f)).as("%s, %s: p < 0.05 or deterministic: %s", statistic, variant, f).isTrue();
        return f;
    }

    /**
     * Whether a difference finding is significant: a tested one with a p-value below 0.05, or a
     * deterministic one (no p-value) whose values differ.
     */
    static boolean isSignificant(JsonNode difference) {
        if (difference.path("deterministic").asBoolean(false)) {
            return difference.path("difference").asDouble() != 0 && difference.path("p").isNull();
        }
        return difference.path("p").isNumber() && difference.path("p").asDouble() < 0.05;
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

    /** The half-width of {@code statistic}'s 95 % interval over replications in {@code variant}, relative to its mean. */
    double relativeHalfWidth(String variant, String statistic) {
        mean(variant, statistic); // names a missing variant or statistic
        for (JsonNode v : stats.get("variants")) {
            if (variant.equals(v.get("name").asText())) {
                JsonNode s = v.get("summary").get(statistic);
                return (s.get("ci95High").asDouble() - s.get("ci95Low").asDouble()) / 2 / s.get("mean").asDouble();
            }
        }
        throw new AssertionError("no variant " + variant);
    }

    /** The findings that are warnings (saturated resources, growing queues), as {@code findings.json} holds them. */
    List<JsonNode> warnings() {
        return ofKind("warning");
    }

    /**
     * Replication 0 of the plan points of catalog scenario {@code name} (variant x sweep point,
     * named as the runner names them, e.g. {@code 4k-pages span=64MiB}) that {@code which}
     * accepts, with {@code sets} as --set arguments, each point's snapshot by name; the runner's
     * preparation checks every point's model first. For checks of single points where a whole
     * run would cost too much.
     */
    static Map<String, Snapshot> points(String name, List<String> sets, Predicate<String> which) {
        Prepared p = Prepared.of(new ScenarioSource(Catalog.text(name).orElseThrow(), name + ".yaml", Path.of("."),
                name), sets);
        Map<String, Snapshot> out = new LinkedHashMap<>();
        for (int i = 0; i < p.plan().points().size(); i++) {
            String point = p.plan().points().get(i).name();
            if (which.test(point)) {
                ScenarioModel m = p.models().get(i);
                out.put(point, m.run(new ReplicationContext(m.scenario().seed(), 0)));
            }
        }
        assertThat(out).as("%s: points selected", name).isNotEmpty();
        return out;
    }

    /** The primary value of {@code stat} in one point's snapshot. */
    static double value(Snapshot s, String stat) {
        return s.get(stat).primary();
    }
}
