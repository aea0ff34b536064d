package org.iommusim.scenarios.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A smoke run of the bench on a small table: it completes and reports sane figures (not timed). */
class TranslateBenchTest {
    @Test
    void smallRun_reportsPositiveRatesAnd24ReadsPerNestedWalk() {
        TranslateBench.Figures f = TranslateBench.run(4096, 100_000);
        assertThat(f.mappedPages()).isEqualTo(4096);
        assertThat(f.singleStageWalksPerSecond()).isPositive();
        assertThat(f.nestedWalksPerSecond()).isPositive();
        assertThat(f.singleStageHotWalksPerSecond()).isPositive();
        assertThat(f.nestedReadsPerWalk()).isEqualTo(24.0);
        assertThat(f.toString()).contains("single-stage walks/s", "heap per mapped 4 KiB page");
    }
}
