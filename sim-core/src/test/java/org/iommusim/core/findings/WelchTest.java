package org.iommusim.core.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

class WelchTest {
    @Test
    void welch_matchesHandComputedStatisticDegreesOfFreedomAndInterval() {
        double[] a = {10, 12, 11, 13};   // mean 11.5, variance 5/3
        double[] b = {20, 24, 22, 26, 23}; // mean 23, variance 5
        Welch w = Welch.of(a, b);
        // by hand: va = (5/3)/4 = 0.416667, vb = 5/5 = 1, se = sqrt(1.416667) = 1.190238
        double se = Math.sqrt(5.0 / 3 / 4 + 1);
        assertThat(w.difference()).isEqualTo(11.5);
        assertThat(w.t()).isCloseTo(11.5 / se, within(1e-12));
        assertThat(w.t()).isCloseTo(9.66193, within(1e-4));
        // df = se^4 / (va^2/3 + vb^2/4) = 2.006944 / (0.0578704 + 0.25) = 6.5188
        assertThat(w.df()).isCloseTo(6.5188, within(1e-3));
        // t(0.975, 6.5188) = 2.3968 (interpolated between 2.4469 at 6 df and 2.3646 at 7 df, exact from the CDF)
        assertThat(w.ciHigh() - w.difference()).isCloseTo(2.3968 * se, within(0.01));
        assertThat(w.p()).isCloseTo(new TTest().tTest(a, b), within(1e-15)).isLessThan(0.001);
        assertThat(w.relativeChange()).isCloseTo(1.0, within(1e-12));
        assertThat(w.significant()).isTrue();
    }

    @Test
    void welch_overlappingSamplesAreNotSignificant() {
        Welch w = Welch.of(new double[] {10, 12, 11}, new double[] {11, 13, 10});
        assertThat(w.significant()).isFalse();
        assertThat(w.ciLow()).isNegative();
        assertThat(w.ciHigh()).isPositive();
    }

    @Test
    void welch_noSpreadOnEitherSide_isADeterministicComparisonWithoutTAndP() {
        Welch same = Welch.of(new double[] {5, 5}, new double[] {5, 5});
        assertThat(same.deterministic()).isTrue();
        assertThat(same.significant()).isFalse();
        assertThat(same.p()).isNaN();
        Welch differs = Welch.of(new double[] {5, 5}, new double[] {7, 7, 7});
        assertThat(differs.deterministic()).isTrue();
        assertThat(differs.significant()).isTrue();
        assertThat(differs.difference()).isEqualTo(2);
        assertThat(differs.ciLow()).isEqualTo(2);
        assertThat(differs.ciHigh()).isEqualTo(2);
        // no test was made: no statistic, degrees of freedom or p-value (before, p was reported as 0)
        assertThat(differs.t()).isNaN();
        assertThat(differs.df()).isNaN();
        assertThat(differs.p()).isNaN();
    }

    @Test
    void welch_spreadOnOneSideOnly_isATest() {
        Welch w = Welch.of(new double[] {5, 5, 5}, new double[] {6, 7, 8});
        assertThat(w.deterministic()).isFalse();
        // se = sqrt(1/3), t = 2 / se = 3.4641, df = 2: p = 0.0742, not significant
        assertThat(w.t()).isCloseTo(2 / Math.sqrt(1.0 / 3), within(1e-12));
        assertThat(w.p()).isCloseTo(new TTest().tTest(new double[] {5, 5, 5}, new double[] {6, 7, 8}), within(1e-15));
        assertThat(w.significant()).isFalse();
    }

    @Test
    void welch_zeroReferenceGivesAnInfiniteRelativeChange() {
        Welch w = Welch.of(new double[] {0, 0, 0}, new double[] {4, 5, 6});
        assertThat(w.relativeChange()).isInfinite().isPositive();
        assertThat(w.relativeHalfWidth()).isNaN();
    }
}
