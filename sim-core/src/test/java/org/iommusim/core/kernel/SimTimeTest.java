package org.iommusim.core.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SimTimeTest {
    @ParameterizedTest(name = "{0} = {1} ps")
    @CsvSource({
        "0, 0",
        "1ps, 1",
        "80ns, 80000",
        "1.5us, 1500000",
        "1.5µs, 1500000",
        "10ms, 10000000000",
        "2s, 2000000000000",
        "' 10 ms ', 10000000000",
        "0.001ns, 1",
        "1e3ns, 1000000",
        "3NS, 3000",
    })
    void parse_validDurations_giveExactPicoseconds(String text, long ps) {
        assertThat(SimTime.parse(text)).isEqualTo(ps);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5 parsecs", "5m", "10 minutes", "3h"})
    void parse_unknownUnit_failsNamingAllowedUnits(String text) {
        assertThatThrownBy(() -> SimTime.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown unit")
                .hasMessageContaining("ps, ns, us, ms, s");
    }

    @Test
    void parse_missingUnitOnNonZero_failsNamingAllowedUnits() {
        assertThatThrownBy(() -> SimTime.parse("5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no unit")
                .hasMessageContaining("ps, ns, us, ms, s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5ps", "0.0001ns", "1e-13s"})
    void parse_nonIntegerPicoseconds_isRejectedNotRounded(String text) {
        assertThatThrownBy(() -> SimTime.parse(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number of picoseconds");
    }

    @Test
    void parse_negative_isRejected() {
        assertThatThrownBy(() -> SimTime.parse("-5ns"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }

    @Test
    void parse_beyondLongRange_isRejected() {
        // 9 223 372 s is just under Long.MAX_VALUE ps; 10^8 s is far beyond.
        assertThat(SimTime.parse("9223372s")).isEqualTo(9_223_372L * SimTime.S);
        assertThatThrownBy(() -> SimTime.parse("100000000s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ns", "abc", "1.2.3ns"})
    void parse_notANumber_failsWithExample(String text) {
        assertThatThrownBy(() -> SimTime.parse(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("e.g.");
    }

    @Test
    void parse_null_fails() {
        assertThatThrownBy(() -> SimTime.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} ps -> {1}")
    @CsvSource({
        "0, 0ps",
        "1, 1ps",
        "999, 999ps",
        "80000, 80ns",
        "1500000, 1.5us",
        "10000000000, 10ms",
        "2000000000000, 2s",
        "1234567, 1.235us",
    })
    void format_picksLargestUnitWithUpToThreeDecimals(long ps, String text) {
        assertThat(SimTime.format(ps)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 80_000, 1_500_000, 123_000, 10_000_000_000L, 7 * SimTime.S})
    void formatThenParse_roundTrips_whenExact(long ps) {
        assertThat(SimTime.parse(SimTime.format(ps))).isEqualTo(ps);
    }

    @Test
    void conversions_nsUsSeconds() {
        assertThat(SimTime.ns(1.5)).isEqualTo(1500);
        assertThat(SimTime.us(0.2)).isEqualTo(200_000);
        assertThat(SimTime.toNanos(2500)).isEqualTo(2.5);
        assertThat(SimTime.toSeconds(SimTime.MS)).isEqualTo(0.001);
    }
}
