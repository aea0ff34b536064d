package org.iommusim.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** lognormal(mean, cv): sample mean and variance match the parameters; one uniform per sample. */
class LognormalTest {
    private static final long SEED = 4_242L;
    private static final int N = 2_000_000;

    @ParameterizedTest(name = "mean {0}, cv {1}")
    @CsvSource({"80000, 0.5", "200000, 1.0", "1.0, 0.1"})
    void sampleMeanAndVariance_matchMeanAndCv(double mean, double cv) {
        Distribution d = new RandomStreams(SEED, 0).stream("ln").create(new Lognormal(mean, cv));
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < N; i++) {
            double x = d.sample();
            assertThat(x).isPositive();
            sum += x;
            sumSq += x * x;
        }
        double m = sum / N;
        double var = sumSq / N - m * m;
        double sd = cv * mean;
        System.out.printf("seed %d lognormal(%g, %g): mean %.6g, sd %.6g%n", SEED, mean, cv, m, Math.sqrt(var));
        assertThat(m).as("seed %d: sample mean (5 standard errors)", SEED).isCloseTo(mean, within(5 * sd / Math.sqrt(N)));
        // the variance estimate of a lognormal converges slowly (heavy tail): 3 % at cv <= 1
        assertThat(Math.sqrt(var)).as("seed %d: sample standard deviation", SEED).isCloseTo(sd, within(0.03 * sd));
        assertThat(d.mean()).isEqualTo(mean);
    }

    @Test
    void sample_isTheNormalQuantileOfOneUniform() {
        Lognormal spec = new Lognormal(80_000, 0.5);
        Distribution d = new RandomStreams(SEED, 0).stream("ln").create(spec);
        RandomStream twin = new RandomStreams(SEED, 0).stream("ln");
        org.apache.commons.math3.distribution.NormalDistribution z =
                new org.apache.commons.math3.distribution.NormalDistribution(0, 1);
        for (int i = 0; i < 1000; i++) {
            double expected = Math.exp(spec.mu() + spec.sigma() * z.inverseCumulativeProbability(twin.nextDouble()));
            assertThat(d.sample()).as("seed %d sample %d", SEED, i).isCloseTo(expected, within(1e-6 * expected));
        }
    }

    @Test
    void underlyingNormal_followsFromMeanAndCv() {
        Lognormal l = new Lognormal(100, 1);
        assertThat(l.sigma()).isCloseTo(Math.sqrt(Math.log(2)), within(1e-12));
        assertThat(l.mu()).isCloseTo(Math.log(100) - Math.log(2) / 2, within(1e-12));
        assertThat(l.lowest()).isZero();
        assertThat(l.highest()).isInfinite();
    }

    @Test
    void builtByName_withDurations_andRejectsBadParameters() {
        DistributionRegistry r = DistributionRegistry.standard();
        assertThat(r.spec("lognormal", Map.of("mean", "80ns", "cv", "0.5"))).isEqualTo(new Lognormal(80_000, 0.5));
        assertThatThrownBy(() -> r.spec("lognormal", Map.of("mean", "80ns"))).hasMessageContaining("needs parameter 'cv'");
        assertThatThrownBy(() -> r.spec("lognormal", Map.of("mean", "0", "cv", "1")))
                .hasMessageContaining("lognormal: mean must be finite and > 0");
        assertThatThrownBy(() -> r.spec("lognormal", Map.of("mean", "1", "cv", "-1")))
                .hasMessageContaining("lognormal: cv must be finite and > 0");
    }
}
