package org.iommusim.reports.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NiceLogAxisTest {
    @Test
    void ticks_underADecade_readableSteps() {
        // gpa-churn's translation latency spans about 300 to 350 ns: no 316.2278, 331.1311
        assertThat(NiceLogAxis.ticks(290, 360, null)).containsExactly(300.0, 320.0, 340.0, 360.0);
        assertThat(NiceLogAxis.ticks(360, 580, null)).containsExactly(400.0, 450.0, 500.0, 550.0);
        assertThat(NiceLogAxis.ticks(1.8, 2.45, null)).containsExactly(1.8, 2.0, 2.2, 2.4);
        assertThat(NiceLogAxis.ticks(1.5, 9.5, null)).containsExactly(2.0, 3.0, 5.0, 7.0);
        assertThat(NiceLogAxis.ticks(0.9, 6, null)).containsExactly(1.0, 2.0, 5.0);
    }

    @Test
    void ticks_decadesWhenWide_thinnedWhenVeryWide() {
        assertThat(NiceLogAxis.ticks(1, 1e4, null)).containsExactly(1.0, 10.0, 100.0, 1000.0, 10000.0);
        List<Double> wide = NiceLogAxis.ticks(1e-3, 1e15, null);
        assertThat(wide).hasSizeLessThanOrEqualTo(10).contains(1e-3).allSatisfy(v ->
                assertThat(Math.log10(v) % 1).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9)));
    }

    @Test
    void ticks_fixedValues_onlyThoseInRange() {
        double[] swept = {0.25, 0.5, 1, 2, 4, 8, 16, 32, 64};
        assertThat(NiceLogAxis.ticks(0.2, 70, swept)).containsExactly(0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0);
        assertThat(NiceLogAxis.ticks(0.6, 10, swept)).containsExactly(1.0, 2.0, 4.0, 8.0);
    }
}
