package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.iommusim.core.experiment.ReplicationContext;
import org.iommusim.core.results.Snapshot;
import org.iommusim.hw.cache.ReplacementPolicies;
import org.iommusim.hw.cache.ReplacementPolicy;
import org.iommusim.scenarios.config.ConfigException;
import org.iommusim.scenarios.config.EffectiveConfig;
import org.iommusim.scenarios.schema.Scenario;
import org.junit.jupiter.api.Test;

/**
 * An extension is one class plus one registry entry: the test-only examples
 * {@link BurstPresetExample} and {@link WholeFlushesKindExample}, each added with
 * {@code Extensions.with} and nothing else, and {@link MruPolicyExample}, which registers itself
 * through {@code ServiceLoader} (a line in the test resources' {@code META-INF/services}), are
 * offered by the generated schema, validated at load, and built and run from a scenario; the
 * model's own registries (and so the shipped reference) do not know them.
 */
class ExtensionExamplesTest {
    private static final String BASE = NestedHostScenario.head("5us");

    private static Snapshot run(Extensions ext, String text) {
        EffectiveConfig<Scenario> c = ScenarioSchema.of(ext).scenarioLoader().load(text, "t.yaml", List.of());
        ScenarioModel m = new ScenarioModel(c, Path.of("."), ext);
        m.check();
        return m.run(new ReplicationContext(1, 0));
    }

    @Test
    void examplePolicy_registersItselfThroughServiceLoader_andEveryCacheSectionOffersIt() {
        assertThat(ReplacementPolicies.INSTALLED.names()).containsExactly("lru", "tree-plru", "fifo", "random",
                "round-robin", "mru");
        assertThat(ReplacementPolicies.BUILT_IN.names()).doesNotContain("mru");
        assertThat(ScenarioSchema.of(Extensions.INSTALLED).render()
                .split("one of lru, tree-plru, fifo, random, round-robin, mru\\)", -1))
                .as("tbuMicroTlb, iotlb, walkCache, walkCacheLevels, nestedTlb, contextCache, ats.atc").hasSize(8);
        assertThat(ScenarioSchema.renderReference()).as("the shipped reference lists the model's own")
                .doesNotContain("mru");
        ReplacementPolicy p = ReplacementPolicies.create("mru", 1, 4, null);
        for (int way = 0; way < 4; way++) {
            p.onFill(0, way);
        }
        p.onHit(0, 1);
        assertThat(p.victim(0)).isEqualTo(1);
        assertThatThrownBy(() -> ScenarioSchema.loader().load(BASE + "  - {name: d, ioasid: host}\n"
                + "iommu: {iotlb: {policy: mur}}\n", "t.yaml", List.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("iommu.iotlb.policy").hasMessageContaining("mru");
    }

    @Test
    void examplePolicy_isSelectableFromAScenario_andTheIotlbEvictsWithIt() {
        // 32 pages read cyclically through a 16-entry fully associative IOTLB: LRU evicts each page
        // just before its next use (every page's first lookup misses); MRU keeps 15 pages resident (seed 1:
        // 624 misses with lru, 424 with mru).
        String scenario = BASE + "  - {name: d, ioasid: host, dma: {pattern: cyclic, base: 0, span: 128KiB,"
                + " requestBytes: 4KiB, queueDepth: 1}}\niommu: {iotlb: {entries: 16, assoc: 0, policy: %s}}\n";
        assertThat(ScenarioSchema.loader().load(scenario.formatted("mru"), "t.yaml", List.of()).value().iommu()
                .iotlb().policy()).isEqualTo("mru");
        Snapshot lru = NestedHostScenario.run(scenario.formatted("lru"));
        Snapshot mru = NestedHostScenario.run(scenario.formatted("mru"));
        assertThat(lru.get("iommu.iotlb.lookups").primary()).isGreaterThan(100);
        assertThat(mru.get("iommu.iotlb.misses").primary())
                .as("lru misses %s", lru.get("iommu.iotlb.misses").primary())
                .isLessThan(lru.get("iommu.iotlb.misses").primary() * 0.8);
    }

    @Test
    void examplePreset_getsItsSectionAndKind_andItsDeviceRuns() {
        Extensions ext = Extensions.BUILT_IN.with(new BurstPresetExample());
        String reference = ScenarioSchema.of(ext).render();
        assertThat(reference).contains("# Preset kind burst: sequential reads of one buffer")
                .contains("one of nic, nvme, gpu, dma, trace, burst").contains("    burst:\n      # Bytes per request");
        assertThat(reference).as("defaults read from DmaConfig.defaults()").contains("      queueDepth: 64\n");
        Snapshot s = run(ext, BASE + "  - {name: b, kind: burst, ioasid: child, burst: {queueDepth: 4}}\n");
        assertThat(s.get("dev.b.completed").primary()).isGreaterThan(50);
        assertThat(s.get("dev.b.aborted").primary()).isZero();
        assertThatThrownBy(() -> ScenarioSchema.loader().load(BASE + "  - {name: b, kind: burst, ioasid: child}\n",
                "t.yaml", List.of())).isInstanceOf(ConfigException.class).hasMessageContaining("devices.b.kind");
    }

    @Test
    void exampleWorkload_getsItsSectionAndKind_andIssuesItsOperations() {
        Extensions ext = Extensions.BUILT_IN.with(new WholeFlushesKindExample());
        assertThat(ScenarioSchema.of(ext).render()).contains("# Kind whole-flushes: host invalidations of a whole span")
                .contains("    wholeFlushes:\n");
        Snapshot s = run(ext, BASE + "  - {name: d, ioasid: child, dma: {base: 256MiB, span: 4MiB}}\n"
                + "workloads:\n  - {name: f, kind: whole-flushes, ioasid: child, wholeFlushes: {rate: 1/us, span: 4MiB}}\n");
        assertThat(s.get("wl.f.operations").primary()).as("about one per microsecond over 40 us").isBetween(30.0, 50.0);
        assertThatThrownBy(() -> ScenarioSchema.loader().load(BASE + "  - {name: d, ioasid: child}\nworkloads:\n"
                + "  - {name: f, kind: whole-flushes, ioasid: child}\n", "t.yaml", List.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("workloads.f.kind");
    }
}
