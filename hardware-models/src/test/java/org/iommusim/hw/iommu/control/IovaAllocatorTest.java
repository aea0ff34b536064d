package org.iommusim.hw.iommu.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rcache mechanism decides which IOVA allocations take the slow path. */
class IovaAllocatorTest {
    @Test
    void firstAllocations_areSlow_thenFreedIovasAreServedFromTheMagazines() {
        IovaAllocator a = new IovaAllocator(1);
        for (int i = 0; i < 10; i++) {
            assertThat(a.alloc(0, 1)).as("nothing cached yet").isFalse();
        }
        for (int i = 0; i < 10; i++) {
            a.free(0, 1);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(a.alloc(0, 1)).as("served by the loaded magazine").isTrue();
        }
        assertThat(a.alloc(0, 1)).isFalse();
    }

    @Test
    void overflowingFrees_goToTheDepot_whereAnotherCpuFindsThem() {
        IovaAllocator a = new IovaAllocator(2);
        for (int i = 0; i < 3 * IovaAllocator.MAGAZINE; i++) {
            a.free(0, 1); // loaded and prev fill, then a full magazine moves to the depot
        }
        assertThat(a.depot(0)).isEqualTo(1);
        for (int i = 0; i < IovaAllocator.MAGAZINE; i++) {
            assertThat(a.alloc(1, 1)).as("CPU 1 takes the depot's magazine").isTrue();
        }
        assertThat(a.alloc(1, 1)).as("depot empty, CPU 1's magazines empty").isFalse();
    }

    @Test
    void sizeClasses_areSeparate_andLargeAllocationsAlwaysSlow() {
        IovaAllocator a = new IovaAllocator(1);
        a.free(0, 1);
        assertThat(a.alloc(0, 2)).as("order 1 has its own rcache").isFalse();
        assertThat(a.alloc(0, 1)).isTrue();
        a.free(0, 64);
        assertThat(a.alloc(0, 64)).as("more than 32 pages is never cached").isFalse();
        assertThat(IovaAllocator.sizeClass(32)).isEqualTo(5);
        assertThat(IovaAllocator.sizeClass(33)).isEqualTo(-1);
    }
}
