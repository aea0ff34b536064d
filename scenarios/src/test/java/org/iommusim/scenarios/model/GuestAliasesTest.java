package org.iommusim.scenarios.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.iommusim.core.results.Snapshot;
import org.iommusim.scenarios.config.ConfigException;
import org.junit.jupiter.api.Test;

/**
 * Guest-map aliases ({@code guest.maps[].aliases}, {@code aliasStride}): one GPA range mapped at
 * several IOVAs of a software-shadowed child, so the reverse map fans out; and the reverse-map
 * footprint statistics, present only when a shadow exists.
 */
class GuestAliasesTest {
    private static String scenario(String nesting, int aliases, String stride) {
        return """
                duration: 20us
                warmup: 0ps
                ioasids:
                  - name: host
                    maps:
                      - {iova: 0, pa: 256GiB, bytes: 64MiB}
                  - name: child
                    parent: host
                    mode: bind-invalidate
                    nesting: %s
                    guest:
                      maps:
                        - {iova: 256MiB, gpa: 16MiB, bytes: 1MiB, aliases: %d, aliasStride: %s}
                devices:
                  - {name: d, kind: dma, ioasid: child, dma: {base: 256MiB, span: 1MiB, requestBytes: 4KiB}}
                """.formatted(nesting, aliases, stride);
    }

    private static double v(Snapshot s, String name) {
        return s.get(name).primary();
    }

    @Test
    void aliases_multiplyTheReverseMapEntries() {
        Snapshot one = NestedHostScenario.run(scenario("software", 1, "0B"));
        Snapshot four = NestedHostScenario.run(scenario("software", 4, "16MiB"));
        double leaves = 256; // 1 MiB of 4 KiB guest leaves
        assertThat(v(one, "cp.shadow.rmap-footprint.entries")).isGreaterThanOrEqualTo(leaves);
        assertThat(v(four, "cp.shadow.rmap-footprint.entries") - v(one, "cp.shadow.rmap-footprint.entries"))
                .isGreaterThanOrEqualTo(3 * leaves);
        assertThat(v(four, "cp.shadow.rmap-footprint.peak-bytes"))
                .isGreaterThanOrEqualTo(v(four, "cp.shadow.rmap-footprint.entries") * 16);
        assertThat(v(four, "run.dma-faults")).isZero();
    }

    @Test
    void footprintStatistics_existOnlyWithAShadow() {
        Snapshot hw = NestedHostScenario.run(scenario("hardware", 2, "0B"));
        assertThat(hw.has("cp.shadow.rmap-footprint.entries")).isFalse();
        assertThat(v(hw, "run.dma-faults")).isZero();
    }

    @Test
    void overlappingAliasStride_isLocatedBadInput() {
        var c = ScenarioSchema.loader().load(scenario("software", 2, "512KiB"), "t.yaml", List.of());
        assertThatThrownBy(() -> new ScenarioModel(c, Path.of(".")).check())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ioasids.child.guest.maps.0.aliasStride")
                .hasMessageContaining("at least bytes");
    }
}
