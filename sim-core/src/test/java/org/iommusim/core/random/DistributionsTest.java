package org.iommusim.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sample means against theoretical means. Tolerance: 5 standard errors (sd / sqrt(n)) of the
 * sample mean, with n = 10^6 samples and a fixed seed.
 */
class DistributionsTest {
    private static final long SEED = 77_000_123L;
    private static final int N = 1_000_000;

    private final RandomStream stream = new RandomStreams(SEED, 0).stream("dist");

    private static void assertMean(Distribution d, double expectedMean, double sd, String what) {
        double sum = 0;
        for (int i = 0; i < N; i++) {
            sum += d.sample();
        }
        double tol = 5 * sd / Math.sqrt(N);
        assertThat(sum / N).as("seed %d: %s sample mean (tolerance 5 SE = %.4g)", SEED, what, tol)
                .isCloseTo(expectedMean, within(tol));
        assertThat(d.mean()).as("%s theoretical mean", what).isCloseTo(expectedMean, within(1e-9 * Math.abs(expectedMean) + 1e-12));
    }

    @Test
    void exponential_sampleMean_matchesMean() {
        assertMean(stream.exponential(200_000), 200_000, 200_000, "exponential(200000)");
    }

    @Test
    void exponential_usesExactlyOneUniformPerSample_byInversion() {
        RandomStream twin = new RandomStreams(SEED, 0).stream("dist");
        Distribution d = stream.exponential(3.0);
        for (int i = 0; i < 1000; i++) {
            double u = twin.nextDouble();
            assertThat(d.sample()).as("seed %d sample %d", SEED, i).isCloseTo(-3.0 * Math.log(1 - u), within(1e-9));
        }
    }

    @Test
    void uniform_sampleMean_matchesMidpoint_andStaysInRange() {
        Distribution d = stream.uniform(10, 30);
        for (int i = 0; i < 10_000; i++) {
            assertThat(d.sample()).isGreaterThanOrEqualTo(10).isLessThan(30);
        }
        assertMean(d, 20, 20 / Math.sqrt(12), "uniform(10,30)");
    }

    @Test
    void deterministic_alwaysReturnsValue_andDrawsNoRandomNumbers() {
        RandomStream twin = new RandomStreams(SEED, 0).stream("dist");
        Distribution d = stream.deterministic(2.6);
        for (int i = 0; i < 100; i++) {
            assertThat(d.sample()).isEqualTo(2.6);
            assertThat(d.sampleLong()).isEqualTo(3);
        }
        assertThat(d.mean()).isEqualTo(2.6);
        assertThat(stream.nextDouble()).as("stream position unchanged").isEqualTo(twin.nextDouble());
    }

    @Test
    void zipf_sampleMean_matchesHarmonicFormula_andRanksInRange() {
        int n = 1000;
        double[] m = zipfMeanAndSd(n, 1.0);
        Distribution d = stream.zipf(n, 1.0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(d.sampleLong()).isBetween(1L, (long) n);
        }
        assertMean(d, m[0], m[1], "zipf(1000, 1.0)");
    }

    @Test
    void zipf_rankOne_isMostFrequent_withExpectedShare() {
        Distribution d = stream.zipf(10, 1.2);
        double h = 0;
        for (int k = 1; k <= 10; k++) {
            h += Math.pow(k, -1.2);
        }
        int ones = 0;
        for (int i = 0; i < N; i++) {
            if (d.sampleLong() == 1) {
                ones++;
            }
        }
        double p = 1 / h;
        double tol = 5 * Math.sqrt(p * (1 - p) / N);
        assertThat(ones / (double) N).as("seed %d: P(rank 1)", SEED).isCloseTo(p, within(tol));
    }

    @Test
    void zipf_tableSampler_rankFrequencies_matchCommonsMathProbabilities() {
        org.apache.commons.math3.distribution.ZipfDistribution ref =
                new org.apache.commons.math3.distribution.ZipfDistribution(null, 5, 0.8);
        Distribution d = stream.zipf(5, 0.8);
        int[] counts = new int[6];
        for (int i = 0; i < N; i++) {
            counts[(int) d.sampleLong()]++;
        }
        for (int k = 1; k <= 5; k++) {
            double p = ref.probability(k);
            assertThat(counts[k] / (double) N).as("seed %d: P(rank %d)", SEED, k)
                    .isCloseTo(p, within(5 * Math.sqrt(p * (1 - p) / N)));
        }
    }

    @Test
    void zipf_aboveTableLimit_usesRejectionSampler_withCorrectMean() {
        int n = Zipf.TABLE_LIMIT + 1;
        double[] m = zipfMeanAndSd(n, 1.1);
        assertMean(stream.zipf(n, 1.1), m[0], m[1], "zipf(2^20+1, 1.1)");
    }

    @Test
    void empirical_sampleMeanAndFrequencies_matchWeights() {
        Distribution d = stream.empirical(List.of(1.0, 2.0, 10.0, 99.0), List.of(1.0, 1.0, 2.0, 0.0));
        double mean = (1 + 2 + 20) / 4.0;
        double var = (1 + 4 + 200) / 4.0 - mean * mean;
        int tens = 0;
        double sum = 0;
        for (int i = 0; i < N; i++) {
            double x = d.sample();
            assertThat(x).isNotEqualTo(99.0); // zero weight never drawn
            if (x == 10.0) {
                tens++;
            }
            sum += x;
        }
        assertThat(sum / N).as("seed %d: empirical mean", SEED).isCloseTo(mean, within(5 * Math.sqrt(var / N)));
        assertThat(tens / (double) N).as("seed %d: P(10)", SEED).isCloseTo(0.5, within(5 * 0.5 / Math.sqrt(N)));
        assertThat(d.mean()).isCloseTo(mean, within(1e-12));
    }

    @Test
    void sampleLong_roundsToNearestWholeNumber() {
        RandomStream twin = new RandomStreams(SEED, 0).stream("dist");
        Distribution a = stream.uniform(0, 10);
        Distribution b = twin.uniform(0, 10);
        for (int i = 0; i < 1000; i++) {
            assertThat(a.sampleLong()).isEqualTo(Math.round(b.sample()));
        }
    }

    @Test
    void invalidParameters_areRejectedWithFamilyAndParameterName() {
        assertThatThrownBy(() -> stream.exponential(0)).hasMessageContaining("exponential").hasMessageContaining("mean");
        assertThatThrownBy(() -> stream.exponential(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stream.uniform(3, 3)).hasMessageContaining("uniform");
        assertThatThrownBy(() -> stream.deterministic(Double.POSITIVE_INFINITY)).hasMessageContaining("value");
        assertThatThrownBy(() -> stream.zipf(0, 1)).hasMessageContaining("elements");
        assertThatThrownBy(() -> stream.zipf(10, 0)).hasMessageContaining("exponent");
        assertThatThrownBy(() -> stream.empirical(List.of(1.0), List.of(1.0, 2.0))).hasMessageContaining("equal");
        assertThatThrownBy(() -> stream.empirical(List.of(1.0), List.of(-1.0))).hasMessageContaining("weights[0]");
        assertThatThrownBy(() -> stream.empirical(List.of(1.0, 2.0), List.of(0.0, 0.0))).hasMessageContaining("zero");
    }

    @Test
    void sampling_allocatesNothingPerSample() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Distribution> all = List.of(stream.exponential(5), stream.uniform(1, 2), stream.deterministic(3),
                stream.zipf(1000, 0.9), stream.empirical(List.of(1.0, 2.0, 3.0), List.of(1.0, 2.0, 3.0)),
                stream.create(new Lognormal(80_000, 0.5)));
        for (Distribution d : all) {
            long sink = 0;
            for (int i = 0; i < 200_000; i++) { // warm up (JIT, lazy Zipf sampler)
                sink += d.sampleLong();
            }
            long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 1_000_000; i++) {
                sink += d.sampleLong() + (long) d.sample();
            }
            long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            assertThat(allocated).as("%s allocated %d bytes for 10^6 samples (sink %d)", d.spec(), allocated, sink)
                    .isLessThan(4096);
        }
    }

    /** Mean and standard deviation of Zipf(n, s) over ranks 1..n, from the harmonic sums. */
    private static double[] zipfMeanAndSd(int n, double s) {
        double h0 = 0;
        double h1 = 0;
        double h2 = 0;
        for (int k = 1; k <= n; k++) {
            double w = Math.pow(k, -s);
            h0 += w;
            h1 += k * w;
            h2 += (double) k * k * w;
        }
        double mean = h1 / h0;
        return new double[] {mean, Math.sqrt(h2 / h0 - mean * mean)};
    }
}
