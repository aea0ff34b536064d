package org.iommusim.hw.functional;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WalkTraceTest {
    @Test
    void record_keepsEveryFieldOfEveryRead_beyondTheInitialCapacity() {
        WalkTrace t = new WalkTrace(2);
        for (int i = 0; i < 70; i++) {
            t.record(1000 + i, TableKind.values()[i % 3], 1 + i % 2, 1 + i % 5, 0x1000L * i, 0xF000L + i, i);
        }
        assertThat(t.size()).isEqualTo(70);
        for (int i = 0; i < 70; i++) {
            assertThat(t.ioasid(i)).isEqualTo(1000 + i);
            assertThat(t.kind(i)).isEqualTo(TableKind.values()[i % 3]);
            assertThat(t.stage(i)).isEqualTo(1 + i % 2);
            assertThat(t.level(i)).isEqualTo(1 + i % 5);
            assertThat(t.input(i)).isEqualTo(0x1000L * i);
            assertThat(t.pteAddress(i)).isEqualTo(0xF000L + i);
            assertThat(t.pteValue(i)).isEqualTo(i);
        }
        assertThat(t.count(2)).isEqualTo(35);
    }

    @Test
    void clear_forgetsReadsAndAttemptMark() {
        WalkTrace t = new WalkTrace();
        t.record(1, TableKind.KERNEL, 1, 4, 0, 0, 0);
        t.newAttempt();
        t.record(1, TableKind.KERNEL, 1, 4, 0, 0, 0);
        assertThat(t.attemptStart()).isEqualTo(1);
        t.clear();
        assertThat(t.size()).isZero();
        assertThat(t.attemptStart()).isZero();
    }
}
