package org.iommusim.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MserTest {
    @Test
    void truncation_landsAtTheEndOfAKnownTransient() {
        long seed = 20261205L;
        System.out.println("MserTest seed " + seed);
        Random r = new Random(seed);
        double[] x = new double[400];
        for (int i = 0; i < x.length; i++) {
            // a transient decaying from +50 over the first 60 samples, then noise around 10
            double warm = i < 60 ? 50.0 * (60 - i) / 60 : 0;
            x[i] = 10 + warm + r.nextGaussian();
        }
        int d = Mser.truncation(x);
        assertThat(d).isBetween(50, 70);
        assertThat(d % Mser.BATCH).isZero();
    }

    @Test
    void truncation_stationarySeriesKeepsEverything() {
        double[] x = new double[100];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 2 == 0 ? 9 : 11;
        }
        assertThat(Mser.truncation(x)).isZero();
    }

    @Test
    void truncation_neverDeletesMoreThanHalf() {
        double[] x = new double[50];
        for (int i = 0; i < x.length; i++) {
            x[i] = i; // a ramp: never steady
        }
        assertThat(Mser.truncation(x)).isLessThanOrEqualTo(25);
    }

    @Test
    void truncation_tooShortIsRefused() {
        assertThatThrownBy(() -> Mser.truncation(new double[9])).hasMessageContaining("at least 10 samples");
    }
}
