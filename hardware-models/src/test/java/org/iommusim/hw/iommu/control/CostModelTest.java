package org.iommusim.hw.iommu.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.iommusim.core.kernel.SimTime;
import org.junit.jupiter.api.Test;

class CostModelTest {
    private static final long NS = SimTime.NS;

    @Test
    void cpuTime_withDefaults_matchesHandComputation() {
        ControlPlaneWork w = ControlPlaneWork.builder().syscalls(1).traps(2).pteReads(4).pteWrites(3).pagesMapped(2)
                .pagesUnmapped(1).rmapEntries(5).shadowWrites(6).guestReads(7).descriptors(3).waits(1).build();
        // 1·500 + 2·2000 + 4·10 + 3·20 + 2·200 + 1·150 + 5·50 + 6·20 + 7·50 + 3·100 + 1·1000 ns
        long expected = (500 + 4000 + 40 + 60 + 400 + 150 + 250 + 120 + 350 + 300 + 1000) * NS;
        assertThat(CostModel.defaults().cpuTimePs(w)).isEqualTo(expected).isEqualTo(7_170 * NS);
    }

    /** Each item's count meets its own cost: cost of item i is 10^i ps and its count a distinct digit. */
    @Test
    void cpuTime_chargesEveryItemWithItsOwnCost() {
        CostModel costs = new CostModel(1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
                100_000_000L, 1_000_000_000L, 10_000_000_000L, 7L, 9L);
        ControlPlaneWork w = new ControlPlaneWork(1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2);
        assertThat(costs.cpuTimePs(w)).isEqualTo(21_987_654_321L);
        assertThat(costs.cpuTimePs(ControlPlaneWork.NONE)).isZero();
    }

    @Test
    void work_addsItemWise_andBuilderAccumulates() {
        ControlPlaneWork a = ControlPlaneWork.builder().syscalls(1).pteWrites(2).pteWrites(3).build();
        assertThat(a.pteWrites()).isEqualTo(5);
        ControlPlaneWork sum = a.plus(new ControlPlaneWork(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
        assertThat(sum).isEqualTo(new ControlPlaneWork(2, 1, 1, 6, 1, 1, 1, 1, 1, 1, 1));
    }

    @Test
    void negativeCountsCostsAndOverflow_areRejected() {
        assertThatThrownBy(() -> ControlPlaneWork.builder().traps(-1).build()).hasMessageContaining("traps");
        assertThatThrownBy(() -> new CostModel(0, 0, 0, 0, 0, 0, -5, 0, 0, 0, 0, 0, 0)).hasMessageContaining("rmap-entry");
        assertThatThrownBy(() -> new CostModel(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0)).hasMessageContaining("page-request");
        assertThatThrownBy(() -> new CostModel(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1)).hasMessageContaining("shadow-fault");
        ControlPlaneWork huge = ControlPlaneWork.builder().pagesMapped(Long.MAX_VALUE / 2).build();
        assertThatThrownBy(() -> CostModel.defaults().cpuTimePs(huge)).isInstanceOf(ArithmeticException.class);
    }
}
