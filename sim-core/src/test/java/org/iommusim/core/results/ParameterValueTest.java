package org.iommusim.core.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.iommusim.core.results.ParameterValue.Dimension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParameterValueTest {
    @ParameterizedTest
    @CsvSource({
        "42, 42, NUMBER",
        "0.25, 0.25, NUMBER",
        "1e3, 1000, NUMBER",
        "4KiB, 4096, BYTES",
        "256KiB, 262144, BYTES",
        "2MiB, 2097152, BYTES",
        "1GiB, 1073741824, BYTES",
        "4K, 4096, BYTES",
        "64B, 64, BYTES",
        "80ns, 8e-8, SECONDS",
        "1.5us, 1.5e-6, SECONDS",
        "1.5µs, 1.5e-6, SECONDS",
        "2ms, 0.002, SECONDS",
        "1s, 1, SECONDS",
        "500ps, 5e-10, SECONDS",
        "12500/s, 12500, RATE",
        "4M/s, 4e6, RATE",
    })
    void parse_numericForms_valueInBaseUnits(String text, double value, Dimension dimension) {
        ParameterValue v = ParameterValue.parse(text);
        assertThat(v.dimension()).isEqualTo(dimension);
        assertThat(v.value()).isCloseTo(value, within(Math.abs(value) * 1e-12));
        assertThat(v.text()).isEqualTo(text);
        assertThat(v.isNumeric()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"lru", "hardware", "4 pages", "1.2.3", "strict", "''"})
    void parse_otherText_categorical(String text) {
        ParameterValue v = ParameterValue.parse(text);
        assertThat(v.dimension()).isEqualTo(Dimension.CATEGORY);
        assertThat(v.value()).isNaN();
        assertThat(v.isNumeric()).isFalse();
    }
}
