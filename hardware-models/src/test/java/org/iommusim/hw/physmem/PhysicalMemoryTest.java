package org.iommusim.hw.physmem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhysicalMemoryTest {
    @Test
    void read_unwrittenWord_isZero() {
        assertThat(new PhysicalMemory().read(0x1234_5678_9000L)).isZero();
    }

    @Test
    void write_thenRead_returnsValueAndKeepsNeighboursZero() {
        PhysicalMemory m = new PhysicalMemory();
        m.write(0x5008, 42);
        assertThat(m.read(0x5008)).isEqualTo(42);
        assertThat(m.read(0x5000)).isZero();
        assertThat(m.read(0x5010)).isZero();
        assertThat(m.residentPages()).isEqualTo(1);
    }

    @Test
    void writeZero_toAbsentPage_allocatesNothing() {
        PhysicalMemory m = new PhysicalMemory();
        m.write(0x9000, 0);
        assertThat(m.residentPages()).isZero();
    }

    @Test
    void clearPage_releasesStorageAndZeroes() {
        PhysicalMemory m = new PhysicalMemory();
        m.write(0x7000, 1);
        m.write(0x7ff8, 2);
        m.clearPage(0x7000);
        assertThat(m.read(0x7ff8)).isZero();
        assertThat(m.residentPages()).isZero();
        assertThat(m.isZeroPage(0x7000)).isTrue();
    }

    @Test
    void fingerprint_dependsOnContentsNotHistory() {
        PhysicalMemory a = new PhysicalMemory();
        PhysicalMemory b = new PhysicalMemory();
        a.write(0x1000, 5);
        a.write(0x2000, 6);
        b.write(0x2000, 9);
        b.write(0x1000, 5);
        b.write(0x2000, 6);
        b.write(0x3000, 7);
        b.clearPage(0x3000);
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint());
        b.write(0x1000, 4);
        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
    }

    @Test
    void manyPagesAcrossChunks_readBackCorrectly() {
        PhysicalMemory m = new PhysicalMemory();
        for (long p = 0; p < 5000; p++) {
            m.write((p * 0x1_2345_000L) | 8, p + 1);
        }
        for (long p = 0; p < 5000; p++) {
            assertThat(m.read((p * 0x1_2345_000L) | 8)).isEqualTo(p + 1);
        }
    }

    @Test
    void allocator_reusesFreedPagesLastInFirstOut_andReportsExhaustion() {
        PageAllocator a = new PageAllocator(0x10000, 0x13000);
        long p1 = a.allocate();
        long p2 = a.allocate();
        long p3 = a.allocate();
        assertThat(new long[] {p1, p2, p3}).containsExactly(0x10000, 0x11000, 0x12000);
        assertThat(a.allocate()).isEqualTo(PageAllocator.NONE);
        a.free(p1);
        a.free(p3);
        assertThat(a.available()).isEqualTo(2);
        assertThat(a.allocate()).isEqualTo(p3);
        assertThatThrownBy(() -> a.free(0x20000)).isInstanceOf(IllegalArgumentException.class);
    }
}
