package org.iommusim.scenarios.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.iommusim.scenarios.config.DemoFixtures.load;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The effective configuration: complete, canonical, deterministic, and a fixed point. */
class EffectiveWriterTest {

    @Test
    void effectiveYaml_reloadsToEqualRecords_andRewritesByteIdentical() {
        EffectiveConfig<DemoConfig> first = load(DemoFixtures.valid(), "devices.nvme0.label='yes'",
                "devices.nic0.rate=1e30/s", "duration=1234567ps", "devices.nic0.ring.bufferSize=4097");
        String written = first.toYaml();
        EffectiveConfig<DemoConfig> second = DemoFixtures.loader().load(written, "config.effective.yaml", List.of());
        assertThat(second.value()).isEqualTo(first.value());
        assertThat(second.toYaml()).isEqualTo(written);
        assertThat(second.value().devices().get(1).label()).isEqualTo("yes");
    }

    @Test
    void effectiveYaml_isCompleteCanonicalAndInSchemaOrder() {
        String yaml = load("cache:\n  latency: 1500ps\n  entries: 1024\npageSizes: [2097152]\n").toYaml();
        assertThat(yaml).isEqualTo("""
                seed: 1
                duration: 1ms
                cache:
                  entries: 1024
                  assoc: 4
                  policy: lru
                  enabled: true
                  latency: 1.5ns
                pageSizes:
                - 2MiB
                ioasids: {}
                devices: []
                """);
    }

    @Test
    void effectiveYaml_writesElementDefaultsAndNulls() {
        String yaml = load(DemoFixtures.valid()).toYaml();
        assertThat(yaml).contains("""
                - name: nvme0
                  kind: nvme
                  ioasid: gpa
                  ring:
                    buffers: 256
                    bufferSize: 2KiB
                  rate: 1000000/s
                  label: boot disk
                """);
        assertThat(yaml).contains("  label: null\n");
    }
}
