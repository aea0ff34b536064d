package org.iommusim.scenarios.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iommusim.scenarios.config.DemoFixtures.errors;
import static org.iommusim.scenarios.config.DemoFixtures.load;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --set} overrides and the reference ← file ← --set layering, with origins. */
class OverridesAndLayeringTest {

    @Test
    void set_scalarOverridesFileValue() {
        EffectiveConfig<DemoConfig> c = load(DemoFixtures.valid(), "cache.entries=4096");
        assertThat(c.value().cache().entries()).isEqualTo(4096);
        assertThat(c.value().cache().assoc()).isEqualTo(8);
        assertThat(c.origin("cache.entries")).hasToString("--set cache.entries=4096");
    }

    @Test
    void set_intoNamedListElement_changesOnlyThatElement() {
        EffectiveConfig<DemoConfig> c = load(DemoFixtures.valid(), "devices.nvme0.ring.buffers=4096");
        assertThat(c.value().devices().get(1).ring().buffers()).isEqualTo(4096);
        assertThat(c.value().devices().get(0).ring().buffers()).isEqualTo(512);
        assertThat(c.value().devices().get(1).ring().bufferSize()).isEqualTo(2048);
    }

    @Test
    void set_createsMissingSections_andSetsWholeLists() {
        EffectiveConfig<DemoConfig> c = load("", "cache.assoc=16", "pageSizes=[1GiB]", "ioasids.vm=5");
        assertThat(c.value().cache().assoc()).isEqualTo(16);
        assertThat(c.value().cache().entries()).isEqualTo(2048);
        assertThat(c.value().pageSizes()).containsExactly(1L << 30);
        assertThat(c.value().ioasids()).containsEntry("vm", 5);
    }

    @Test
    void set_mapValueMergesIntoSection() {
        DemoConfig c = load(DemoFixtures.valid(), "cache={assoc: 4, enabled: false}").value();
        assertThat(c.cache()).isEqualTo(new DemoConfig.Cache(1024, 4, DemoConfig.Policy.TREE_PLRU, false, 1500));
    }

    @Test
    void set_quotedValue_staysAString() {
        DemoConfig c = load(DemoFixtures.valid(), "devices.nic0.label='123'").value();
        assertThat(c.devices().get(0).label()).isEqualTo("123");
    }

    @Test
    void set_unknownPath_failsWithSuggestion() {
        assertThat(errors(DemoFixtures.valid(), "cache.entires=5")).isEqualTo("--set cache.entires=5: key 'cache.entires'"
                + " is unknown; did you mean 'entries'? (allowed: entries, assoc, policy, enabled, latency)");
    }

    @Test
    void set_unknownElementName_failsWithSuggestion() {
        assertThat(errors(DemoFixtures.valid(), "devices.nic9.rate=1/us")).isEqualTo("--set devices.nic9.rate=1/us:"
                + " key 'devices.nic9' is unknown: 'devices' has no element named 'nic9'; did you mean 'nic0'?"
                + " (allowed: nic0, nvme0)");
    }

    @Test
    void set_pathThroughScalar_fails() {
        assertThat(errors("", "seed.x=1")).isEqualTo("--set seed.x=1: key 'seed' is an integer and has no key 'x';"
                + " set the whole value instead, e.g. seed=...");
    }

    @Test
    void set_malformed_withoutEquals_orWithEmptyKey() {
        assertThat(errors("", "cache.entries")).isEqualTo(
                "--set cache.entries: expected key=value (e.g. iommu.iotlb.entries=4096), got no '='");
        assertThat(errors("", "cache..entries=1")).isEqualTo("--set cache..entries=1:"
                + " expected key=value with a dotted key such as iommu.iotlb.entries, got key 'cache..entries'");
    }

    @Test
    void set_badValue_isReportedAtTheSetArgument() {
        assertThat(errors(DemoFixtures.valid(), "cache.latency=fast")).isEqualTo("--set cache.latency=fast:"
                + " key 'cache.latency': expected a duration like 80ns or 1.5us, got 'fast' (units: ps, ns, us, ms, s)");
    }

    @Test
    void layering_setBeatsFileBeatsReference() {
        String file = "cache:\n  assoc: 8\n  latency: 3ns\n";
        DemoConfig c = load(file, "cache.latency=5ns").value();
        assertThat(c.cache().entries()).isEqualTo(2048);
        assertThat(c.cache().assoc()).isEqualTo(8);
        assertThat(c.cache().latency()).isEqualTo(5000);
        DemoConfig withoutSet = load(file).value();
        assertThat(withoutSet.cache().latency()).isEqualTo(3000);
    }

    @Test
    void layering_referenceBeatsSchemaDefault() {
        String reference = DemoFixtures.resource(DemoFixtures.REFERENCE).replace("entries: 2048", "entries: 512");
        DemoConfig c = ConfigLoader.of(DemoConfig.class).withReference(reference, "ref.yaml")
                .load("", "s.yaml", List.of()).value();
        assertThat(c.cache().entries()).isEqualTo(512);
        assertThat(ConfigLoader.of(DemoConfig.class).load("", "s.yaml", List.of()).value().cache().entries())
                .isEqualTo(2048);
    }

    @Test
    void origins_nameReferenceFileAndSet() {
        EffectiveConfig<DemoConfig> c = load(DemoFixtures.valid(), "devices.nic0.rate=3/us");
        assertThat(c.origin("cache.enabled")).hasToString("demo-reference.yaml:21:12");
        assertThat(c.origin("cache.latency")).hasToString("scenario.yaml:8:12");
        assertThat(c.origin("devices.nic0.ring.buffers")).hasToString("scenario.yaml:17:16");
        assertThat(c.origin("devices.nvme0.ring.buffers")).hasToString("demo-reference.yaml:44:16");
        assertThat(c.origin("devices.nic0.rate")).hasToString("--set devices.nic0.rate=3/us");
        assertThat(c.origin("devices.nic0.rate.unknownChild")).hasToString("--set devices.nic0.rate=3/us");
        assertThat(ConfigLoader.of(DemoConfig.class).load("", "s.yaml", List.of()).origin("cache.entries"))
                .hasToString("default of 'cache.entries'");
    }
}
