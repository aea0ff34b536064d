package org.iommusim.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConfidenceIntervalTest {
    @Test
    void of95_oneToFive_matchesHandComputation() {
        ConfidenceInterval ci = ConfidenceInterval.of95(1, 2, 3, 4, 5);
        // mean 3, sample variance 2.5, t(0.975, 4) = 2.7764451051977987 (tables: 2.776445),
        // half-width = 2.776445 * sqrt(2.5) / sqrt(5) = 1.963243
        double halfWidth = 2.7764451051977987 * Math.sqrt(2.5) / Math.sqrt(5);
        assertThat(ci.mean()).isEqualTo(3.0);
        assertThat(ci.n()).isEqualTo(5);
        assertThat(ci.halfWidth()).isCloseTo(halfWidth, within(1e-9));
        assertThat(ci.low()).isCloseTo(3 - 1.963243, within(1e-6));
        assertThat(ci.high()).isCloseTo(3 + 1.963243, within(1e-6));
    }

    @Test
    void tQuantile_knownTableValues() {
        assertThat(ConfidenceInterval.tQuantile(0.95, 1)).isCloseTo(12.706205, within(1e-6));
        assertThat(ConfidenceInterval.tQuantile(0.95, 4)).isCloseTo(2.776445, within(1e-6));
        assertThat(ConfidenceInterval.tQuantile(0.95, 30)).isCloseTo(2.042272, within(1e-6));
        assertThat(ConfidenceInterval.tQuantile(0.99, 10)).isCloseTo(3.169273, within(1e-6));
    }

    @Test
    void of95_oneValue_meanWithNaNBounds() {
        ConfidenceInterval ci = ConfidenceInterval.of95(7.5);
        assertThat(ci.mean()).isEqualTo(7.5);
        assertThat(ci.low()).isNaN();
        assertThat(ci.high()).isNaN();
        assertThat(ci.halfWidth()).isNaN();
    }

    @Test
    void of95_noValues_allNaN() {
        ConfidenceInterval ci = ConfidenceInterval.of95();
        assertThat(ci.mean()).isNaN();
        assertThat(ci.low()).isNaN();
        assertThat(ci.n()).isZero();
    }

    @Test
    void of95_nanValue_propagatesToMeanAndBounds() {
        ConfidenceInterval ci = ConfidenceInterval.of95(1, Double.NaN, 3);
        assertThat(ci.mean()).isNaN();
        assertThat(ci.low()).isNaN();
        assertThat(ci.high()).isNaN();
    }

    @Test
    void of95_identicalValues_zeroWidth() {
        ConfidenceInterval ci = ConfidenceInterval.of95(4, 4, 4);
        assertThat(ci.low()).isEqualTo(4.0);
        assertThat(ci.high()).isEqualTo(4.0);
    }

    @Test
    void of_levelOutsideOpenUnitInterval_rejected() {
        assertThatThrownBy(() -> ConfidenceInterval.of(1.0, 1, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0, 1)");
    }
}
