package org.iommusim.core.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.iommusim.core.results.StatSummary;
import org.junit.jupiter.api.Test;

class PrecisionRuleTest {
    private static Map<String, StatSummary> summary(double[] xs, int n) {
        ConfidenceInterval ci = ConfidenceInterval.of95(Arrays.copyOf(xs, n));
        return Map.of("run.x", new StatSummary(ci.mean(), ci.low(), ci.high(), "u", n));
    }

    /** Replications of a source with mean 100 and standard deviation 10, until the rule stops. */
    private static int runUntilStopped(PrecisionRule rule, double[] source, int start) {
        int n = start;
        for (int next = rule.next(n, summary(source, n)); next != n; next = rule.next(n, summary(source, n))) {
            n = next;
        }
        return n;
    }

    @Test
    void next_stopsAtTheExpectedCountOnASyntheticSource() {
        // values alternating 90 and 110: relative half-widths (t(n-1) * s / sqrt(n) / 100, computed apart with
        // scipy) 0.2967 at n = 3, 0.1150 at 6, 0.0664 at 12, 0.0454 at 22. From 3 the rule asks for
        // min(2n, n * (h/0.05)^2): 6 (doubling caps 106), 12 (doubling caps 32), 22 (ceil(12 * 1.764)), then stops
        double[] source = new double[200];
        for (int i = 0; i < source.length; i++) {
            source[i] = i % 2 == 0 ? 90 : 110;
        }
        PrecisionRule rule = new PrecisionRule(0.05, 100);
        assertThat(rule.next(3, summary(source, 3))).isEqualTo(6);
        assertThat(rule.next(6, summary(source, 6))).isEqualTo(12);
        assertThat(rule.next(12, summary(source, 12))).isEqualTo(22);
        assertThat(runUntilStopped(rule, source, 3)).isEqualTo(22);
        // 19 would have been the least count that meets 5 % (0.0497); 18 does not (0.0512)
        assertThat(rule.worst(summary(source, 19))).isNull();
        assertThat(rule.worst(summary(source, 18))).isNotNull();
    }

    @Test
    void next_stopsAtTheCap() {
        long seed = 7L;
        System.out.println("PrecisionRuleTest seed " + seed);
        Random r = new Random(seed);
        double[] source = r.doubles(100, 0, 200).toArray(); // far too noisy for 1 %
        assertThat(runUntilStopped(new PrecisionRule(0.01, 12), source, 3)).isEqualTo(12);
    }

    @Test
    void next_metTargetKeepsTheCount() {
        double[] source = {100, 100.1, 99.9, 100};
        assertThat(new PrecisionRule(0.05, 30).next(4, summary(source, 4))).isEqualTo(4);
    }

    @Test
    void next_neverMoreThanDoubles() {
        double[] source = {0, 200, 0, 200};
        assertThat(new PrecisionRule(0.01, 1000).next(4, summary(source, 4))).isEqualTo(8);
    }

    @Test
    void worst_zeroMeanStatisticsAreNotWatched() {
        Map<String, StatSummary> m = Map.of("run.faults", new StatSummary(0, -1, 1, "u", 3));
        assertThat(new PrecisionRule(0.05, 10).worst(m)).isNull();
    }
}
