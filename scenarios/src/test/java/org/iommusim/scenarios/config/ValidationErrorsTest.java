package org.iommusim.scenarios.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.iommusim.scenarios.config.DemoFixtures.errors;
import static org.iommusim.scenarios.config.DemoFixtures.load;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per class of bad value: each asserts the exact located message. */
class ValidationErrorsTest {

    @Test
    void unknownKey_reportsLineColumnAndSuggestion() {
        assertThat(errors("cache:\n  entires: 1024\n")).isEqualTo(
                "scenario.yaml:2:3: key 'cache.entires' is unknown; did you mean 'entries'?"
                        + " (allowed: entries, assoc, policy, enabled, latency)");
    }

    @Test
    void unknownKey_withoutCloseMatch_listsAllowedOnly() {
        assertThat(errors("zzzzzz: 1\n")).isEqualTo("scenario.yaml:1:1: key 'zzzzzz' is unknown"
                + " (allowed: seed, duration, cache, pageSizes, ioasids, devices)");
    }

    @Test
    void wrongType_namesExpectedKindAndValue() {
        assertThat(errors("cache:\n  entries: many\n")).isEqualTo(
                "scenario.yaml:2:12: key 'cache.entries': expected an integer, got 'many'");
        assertThat(errors("seed: {a: 1}\n")).isEqualTo("scenario.yaml:1:7: key 'seed': expected an integer, got a map");
        assertThat(errors("cache: 5\n")).startsWith("scenario.yaml:1:8: key 'cache': expected a map of keys (entries, assoc,");
        assertThat(errors("cache:\n  latency: fast\n")).isEqualTo("scenario.yaml:2:12: key 'cache.latency':"
                + " expected a duration like 80ns or 1.5us, got 'fast' (units: ps, ns, us, ms, s)");
    }

    @Test
    void badDurationUnit_listsUnits() {
        assertThat(errors("duration: 80xs\n")).isEqualTo("scenario.yaml:1:11: key 'duration':"
                + " expected a duration like 80ns or 1.5us, got '80xs' (units: ps, ns, us, ms, s)");
    }

    @Test
    void badSizeAndRate_nameTheirForms() {
        assertThat(errors("pageSizes: [4KB]\n")).isEqualTo("scenario.yaml:1:13: key 'pageSizes.0':"
                + " expected a size like 4096, 4KiB or 2MiB, got '4KB' (units: B, KiB, MiB, GiB, TiB, PiB)");
        assertThat(errors("devices:\n  - {name: a, ioasid: x, rate: 5}\nioasids: {x: 4}\n")).isEqualTo(
                "scenario.yaml:2:32: key 'devices.a.rate': expected a rate like 10/us or 2.5GiB/s, got '5'"
                        + " (per: ps, ns, us, ms, s)");
    }

    @Test
    void outOfRange_namesAllowedRange() {
        assertThat(errors("cache:\n  entries: 0\n")).isEqualTo(
                "scenario.yaml:2:12: key 'cache.entries': 0 is out of range; allowed: 1 to 1048576");
        assertThat(errors("cache:\n  latency: 2ms\n")).isEqualTo(
                "scenario.yaml:2:12: key 'cache.latency': 2ms is out of range; allowed: <= 1ms");
        assertThat(errors("seed: 99999999999999999999\n")).isEqualTo("scenario.yaml:1:7: key 'seed':"
                + " 99999999999999999999 is out of range; allowed: -9223372036854775808 to 9223372036854775807");
        assertThat(errors("pageSizes: [4KiB, 2MiB, 1GiB, 4KiB]\n")).isEqualTo(
                "scenario.yaml:1:12: key 'pageSizes' has 4 elements; allowed: 1 to 3");
    }

    @Test
    void unknownEnumValue_listsAllowedValues() {
        assertThat(errors("cache:\n  policy: lfu\n")).isEqualTo("scenario.yaml:2:11: key 'cache.policy' has unknown"
                + " value 'lfu'; did you mean 'lru'? (allowed: lru, tree-plru, fifo, random)");
    }

    @Test
    void missingRequiredKey_namesElementAndMeaning() {
        assertThat(errors("devices:\n  - name: nic0\n")).isEqualTo("scenario.yaml:2:5: key 'devices.nic0.ioasid'"
                + " is required but missing; expected a string: Name of the IOASID the device attaches to");
    }

    @Test
    void explicitNull_forNonOptionalKey_isTypeError() {
        assertThat(errors("cache:\n  entries: ~\n")).isEqualTo(
                "scenario.yaml:2:12: key 'cache.entries': expected an integer, got null");
    }

    @Test
    void duplicateElementName_isReported() {
        String yaml = "ioasids: {a: 4}\ndevices:\n  - {name: d, ioasid: a}\n  - {name: d, ioasid: a}\n";
        assertThat(errors(yaml)).isEqualTo("scenario.yaml:4:12: key 'devices' has two elements named 'd'"
                + " (the first at line 3); names must be unique");
    }

    @Test
    void recordConstructorRejection_becomesLocatedDiagnostic() {
        assertThat(errors("cache:\n  entries: 1000\n  assoc: 24\n")).isEqualTo(
                "scenario.yaml:2:3: key 'cache' is invalid: entries (1000) must be a multiple of assoc (24)");
    }

    @Test
    void danglingReference_ruleReportsLocationOfOffendingValue() {
        String yaml = DemoFixtures.valid().replace("ioasid: giova", "ioasid: giov");
        assertThat(errors(yaml)).isEqualTo("scenario.yaml:15:13: key 'devices.nic0.ioasid' names IOASID 'giov',"
                + " which is not defined; did you mean 'giova'? (allowed: gpa, giova)");
    }

    @Test
    void severalErrors_areAllReportedInOneException() {
        String yaml = "seed: x\ncache:\n  entires: 1\n  policy: lfu\nduration: 5zz\n";
        assertThatThrownBy(() -> load(yaml)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.diagnostics()).extracting(Diagnostic::path)
                    .containsExactly("seed", "cache.entires", "cache.policy", "duration");
            assertThat(e.getMessage().lines()).hasSize(4);
        });
    }

    @Test
    void manyErrors_areCappedWithCount() {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < Diagnostics.LIMIT + 10; i++) {
            yaml.append("bogus").append(i).append(": 1\n");
        }
        assertThatThrownBy(() -> load(yaml.toString())).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.diagnostics()).hasSize(Diagnostics.LIMIT);
            assertThat(e.omitted()).isEqualTo(10);
            assertThat(e.getMessage()).endsWith("\n... and 10 more errors");
        });
    }

    @Test
    void validScenario_bindsEveryTypeOfValue() {
        DemoConfig c = load(DemoFixtures.valid()).value();
        assertThat(c.seed()).isEqualTo(42);
        assertThat(c.duration()).isEqualTo(2_000_000_000L);
        assertThat(c.cache()).isEqualTo(new DemoConfig.Cache(1024, 8, DemoConfig.Policy.TREE_PLRU, true, 1500));
        assertThat(c.pageSizes()).containsExactly(4096L, 2L << 20, 1L << 30);
        assertThat(c.ioasids()).containsExactly(java.util.Map.entry("gpa", 4), java.util.Map.entry("giova", 4));
        assertThat(c.devices()).containsExactly(
                new DemoConfig.Device("nic0", DemoConfig.Kind.NIC, "giova", new DemoConfig.Ring(512, 2048), 2.5e6, null),
                new DemoConfig.Device("nvme0", DemoConfig.Kind.NVME, "gpa", new DemoConfig.Ring(256, 2048), 1e6, "boot disk"));
        assertThat(c.devices()).isUnmodifiable();
    }

    @Test
    void emptyScenario_isAllDefaults() {
        DemoConfig c = DemoFixtures.loader().load("", "empty.yaml", List.of()).value();
        assertThat(c.cache()).isEqualTo(new DemoConfig.Cache(2048, 4, DemoConfig.Policy.LRU, true, 2000));
        assertThat(c.devices()).isEmpty();
        assertThat(c.pageSizes()).containsExactly(4096L, 2L << 20);
    }
}
