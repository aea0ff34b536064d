package org.iommusim.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.results.StatValue;
import org.junit.jupiter.api.Test;

class TallyTest {
    private static Tally tally() {
        return new StatsRegistry(new Simulator()).tally("t", "ps", "d");
    }

    @Test
    void meanVarianceMinMax_matchHandComputation() {
        Tally t = tally();
        for (double x : new double[] {2, 4, 4, 4, 5, 5, 7, 9}) {
            t.add(x);
        }
        // mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32; sample variance 32/7
        assertThat(t.count()).isEqualTo(8);
        assertThat(t.mean()).isCloseTo(5.0, within(1e-12));
        assertThat(t.variance()).isCloseTo(32.0 / 7, within(1e-12));
        assertThat(t.min()).isEqualTo(2.0);
        assertThat(t.max()).isEqualTo(9.0);
        StatValue v = t.snapshot();
        assertThat(v.fields().keySet()).containsExactly("mean", "count", "stddev", "min", "max");
        assertThat(v.field("stddev")).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
    }

    @Test
    void largeOffset_welfordKeepsPrecision() {
        Tally t = tally();
        for (double x : new double[] {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16}) {
            t.add(x);
        }
        // deviations from 1e9+10: -6, -3, 3, 6 -> 90 / 3 = 30
        assertThat(t.variance()).isCloseTo(30.0, within(1e-6));
    }

    @Test
    void empty_nanFields_oneObservation_nanVariance() {
        Tally t = tally();
        assertThat(t.mean()).isNaN();
        assertThat(t.min()).isNaN();
        assertThat(t.snapshot().field("count")).isZero();
        t.add(3);
        assertThat(t.mean()).isEqualTo(3.0);
        assertThat(t.variance()).isNaN();
    }

    @Test
    void reset_forgetsObservations() {
        Tally t = tally();
        t.add(100);
        t.add(200);
        t.reset();
        t.add(1);
        t.add(3);
        assertThat(t.count()).isEqualTo(2);
        assertThat(t.mean()).isEqualTo(2.0);
        assertThat(t.min()).isEqualTo(1.0);
        assertThat(t.max()).isEqualTo(3.0);
        assertThat(t.variance()).isCloseTo(2.0, within(1e-12));
    }
}
