package org.iommusim.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

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
}
