package org.iommusim.hw.iommu.datapath;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A walk's replay plan: skipped reads, latencies charged before a read or after the last, reset per walk. */
class WalkPlanTest {
    @Test
    void chargesAndSkips_landWhereTheyWereAsked_andResetClearsThem() {
        WalkPlan p = new WalkPlan();
        p.reset(100); // beyond the first capacity: grows
        p.charge(3, 100, 5);
        p.charge(3, 100, 7);
        p.charge(100, 100, 11); // at or past the end: after the last read
        p.charge(4, 100, 0);
        p.skip(0, 2);
        assertThat(p.pre(3)).isEqualTo(12);
        assertThat(p.tail()).isEqualTo(11);
        assertThat(p.skipped(2)).isTrue();
        assertThat(p.skipped(3)).isFalse();
        p.reset(100);
        assertThat(p.pre(3)).isZero();
        assertThat(p.tail()).isZero();
        assertThat(p.skipped(2)).isFalse();
    }
}
