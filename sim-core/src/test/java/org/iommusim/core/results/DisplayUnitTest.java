package org.iommusim.core.results;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisplayUnitTest {
    @ParameterizedTest
    @CsvSource({
        "ps, 500, ns, 1e3",
        "ps, 80000, ns, 1e3",
        "ps, 1.5e6, µs, 1e6",
        "ps, 2e9, ms, 1e9",
        "ps, 3e12, s, 1e12",
        "bytes/s, 8e9, GB/s, 1e9",
        "bytes/s, 5e6, MB/s, 1e6",
        "B, 262144, KiB, 1024",
        "s, 8e-8, ns, 1e-9",
        "/s, 12500, k/s, 1e3",
        "walks/s, 2.5e6, M walks/s, 1e6",
        "walks/s, 10, walks/s, 1",
        "1, 0.9, %, 0.01",
        "ratio, 0.5, %, 0.01",
        "faults, 1e6, faults, 1",
    })
    void of_unitAndMagnitude_readableUnit(String unit, double max, String label, double factor) {
        DisplayUnit u = DisplayUnit.of(unit, max);
        assertThat(u.label()).isEqualTo(label);
        assertThat(u.factor()).isEqualTo(factor);
    }

    @ParameterizedTest
    @CsvSource({"ps, NaN, ns", "ps, 0, ns", "bytes/s, 0, B/s"})
    void of_noMagnitude_smallestUnit(String unit, double max, String label) {
        assertThat(DisplayUnit.of(unit, max).label()).isEqualTo(label);
    }
}
