package org.iommusim.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FiguresTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0",
        "42|42",
        "123456789|123,456,789",
        "1515.123|1,515",
        "3.14159|3.142",
        "0.012345|0.01235",
        "0.0000125|1.250e-05",
        "NaN|–",
    })
    void number_forPeople_fourSignificantDigits(double d, String text) {
        assertThat(Figures.number(d)).isEqualTo(text);
    }

    @Test
    void grouped_anyLong_sameAsFormattersGroupedInteger() {
        Random random = new Random(3);
        long[] edges = {0, 1, -1, 9, 10, 99, 100, 999, 1000, -1000, 999_999, 1_000_000, -123_456_789,
                Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        for (long n : edges) {
            assertThat(Figures.grouped(n)).isEqualTo(String.format(Locale.ROOT, "%,d", n));
        }
        for (int i = 0; i < 10_000; i++) {
            long n = random.nextLong() >> random.nextInt(64);
            assertThat(Figures.grouped(n)).as("%d", n).isEqualTo(String.format(Locale.ROOT, "%,d", n));
        }
    }
}
