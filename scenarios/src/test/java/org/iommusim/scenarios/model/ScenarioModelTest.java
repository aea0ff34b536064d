package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.experiment.Summaries;
import org.iommusim.core.results.Replication;
import org.iommusim.core.results.ResultsDocument;
import org.iommusim.core.results.ResultsJson;
import org.iommusim.core.results.Snapshot;
import org.junit.jupiter.api.Test;

/** The model a check builds and keeps is the one replication 0 would build: same results, used once. */
class ScenarioModelTest {
    private static ScenarioModel model(String... sets) {
        try (var in = ScenarioModelTest.class.getResourceAsStream("/scenarios/small.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?s)variants:.*", "");
            return new ScenarioModel(ScenarioSchema.loader().load(text, "small.yaml", List.of(sets)), Path.of("."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(ScenarioModel m, Snapshot s) {
        long seed = m.scenario().seed();
        return ResultsJson.toJson(ResultsDocument.of("x", seed,
                List.of(Summaries.variant("v", Map.of(), List.of(new Replication(0, seed, s))))));
    }

    @Test
    void checkAndKeep_replicationZero_runsTheKeptModelOnce_sameResultsAsABuiltOne() {
        for (String warmup : new String[] {"5us", "auto"}) {
            ScenarioModel m = model("warmup=" + warmup, "sampling=2us");
            m.checkAndKeep();
            assertThat(m.keepsAModel()).as(warmup).isTrue();
            ReplicationContext zero = new ReplicationContext(m.scenario().seed(), 0);
            String kept = json(m, m.run(zero));
            assertThat(m.keepsAModel()).as(warmup).isFalse();
            String built = json(m, m.run(zero));
            assertThat(kept).as(warmup).isEqualTo(built).contains("\"simulatedTimePs\"");
        }
    }

    @Test
    void checkAndKeep_otherReplicationOrSeed_buildsItsOwnAndLeavesTheKeptOne() {
        ScenarioModel m = model();
        m.checkAndKeep();
        m.run(new ReplicationContext(m.scenario().seed(), 1));
        m.run(new ReplicationContext(m.scenario().seed() + 1, 0));
        assertThat(m.keepsAModel()).isTrue();
    }

    @Test
    void check_keepsNothing() {
        ScenarioModel m = model();
        m.check();
        assertThat(m.keepsAModel()).isFalse();
    }
}
