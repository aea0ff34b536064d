package org.iommusim.scenarios.model;

import java.nio.file.Path;
import java.util.List;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.results.Snapshot;

/**
 * The scenario head several model tests start from: 40 µs, a 64 MiB host root and a
 * bind-invalidate child nested on it by hardware with a 4 MiB guest mapping at 256 MiB; the
 * caller appends its devices and workloads after {@code devices:} and runs it with {@link #run}.
 */
final class NestedHostScenario {
    private NestedHostScenario() {
    }

    /** The head with the given warm-up, ending with the line {@code devices:}. */
    static String head(String warmup) {
        return """
                duration: 40us
                warmup: %s
                ioasids:
                  - name: host
                    maps:
                      - {iova: 0, pa: 256GiB, bytes: 64MiB}
                  - name: child
                    parent: host
                    mode: bind-invalidate
                    nesting: hardware
                    guest:
                      maps:
                        - {iova: 256MiB, gpa: 16MiB, bytes: 4MiB}
                devices:
                """.formatted(warmup);
    }

    /** Loads {@code scenario} with the {@code --set} overrides, checks it and runs replication 0 with seed 1. */
    static Snapshot run(String scenario, String... sets) {
        var c = ScenarioSchema.loader().load(scenario, "t.yaml", List.of(sets));
        ScenarioModel m = new ScenarioModel(c, Path.of("."));
        m.check();
        return m.run(new ReplicationContext(1, 0));
    }
}
