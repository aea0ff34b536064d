package org.iommusim.scenarios.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** bench merge measures what it says on a small sweep: every figure present, sizes plausible. */
class MergeBenchTest {
    @Test
    void smallSweep_givesEveryFigure() {
        MergeBench.Figures f = MergeBench.run(6, 2);
        assertThat(f.points()).isEqualTo(6);
        assertThat(f.prepareSeconds()).isPositive();
        assertThat(f.taskBytes()).isBetween(200, 10_000);
        assertThat(f.resultBytes()).isBetween(500, 200_000);
        assertThat(f.decodeSeconds()).isPositive();
        assertThat(f.statsJsonBytes()).isGreaterThan(6L * f.resultBytes());
        assertThat(f.toString()).contains("points                       6").contains("stats.json text");
    }
}
