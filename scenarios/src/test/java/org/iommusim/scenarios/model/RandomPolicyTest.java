package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.results.ResultsJson;
import org.iommusim.core.results.Snapshot;
import org.iommusim.scenarios.model.ScenarioSchema;
import org.junit.jupiter.api.Test;

/**
 * {@code policy: random} works on every cache that offers it — IOTLB, walk caches, nested TLB,
 * context cache, a device's ATC — each drawing from its own named stream, so a replication is
 * reproducible and a random cache does not move any other stream.
 */
class RandomPolicyTest {
    private static final String SCENARIO = """
            duration: 100us
            warmup: 10us
            iommu:
              contextCache: {entries: 2, assoc: 0}
            ioasids:
              - name: host
                maps:
                  - {iova: 256MiB, pa: 256GiB, bytes: 4MiB}
            devices:
              - {name: a, kind: dma, ioasid: host, dma: {span: 4MiB}, ats: {enabled: true, atc: {entries: 8}}}
              - {name: b, kind: dma, ioasid: host, dma: {span: 4MiB}}
              - {name: c, kind: dma, ioasid: host, dma: {span: 4MiB}}
            """;

    private static Snapshot run(long seed, String... sets) {
        var c = ScenarioSchema.loader().load(SCENARIO, "t.yaml", List.of(sets));
        ScenarioModel m = new ScenarioModel(c, Path.of("."));
        m.check();
        return m.run(new ReplicationContext(seed, 0));
    }

    private static String json(Snapshot s) {
        return ResultsJson.toJson(org.iommusim.core.results.ResultsDocument.of("t", 1, List.of(
                org.iommusim.core.experiment.Summaries.variant("v", java.util.Map.of(),
                        List.of(new org.iommusim.core.results.Replication(0, 1, s))))));
    }

    @Test
    void randomPolicy_onContextCacheAndAtc_runsAndIsReproducible() {
        String[] random = {"iommu.contextCache.policy=random", "devices.a.ats.atc.policy=random",
            "iommu.iotlb.policy=random", "iommu.walkCache.policy=random", "iommu.nestedTlb.policy=random"};
        Snapshot first = run(1, random);
        Snapshot again = run(1, random);
        assertThat(json(again)).isEqualTo(json(first));
        assertThat(first.get("iommu.context.misses").primary()).isPositive();
        assertThat(first.get("iommu.atc.device1.misses").primary()).isPositive();
        assertThat(first.get("run.dmas-completed").primary()).isPositive();
        Snapshot otherSeed = run(2, random);
        assertThat(json(otherSeed)).isNotEqualTo(json(first));
    }
}
