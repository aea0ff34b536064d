package org.iommusim.hw.iommu.datapath;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.hw.memtiming.ReadCallback;
import org.junit.jupiter.api.Test;

/** The walkers' read port: a limit of reads outstanding, the rest served oldest first as reads return. */
class PteReadPortTest {
    private final List<Long> issued = new ArrayList<>();
    private final PteMemory memory = (address, callback) -> issued.add(address);
    private final ReadCallback reader = (address, completionPs, latencyPs) -> { };

    @Test
    void readsBeyondTheLimit_waitAndAreIssuedOldestFirstAsReadsReturn() {
        PteReadPort port = new PteReadPort(memory, 2);
        for (long a = 1; a <= 20; a++) { // more than the ring's first capacity: it grows
            port.read(a * 8, reader);
        }
        assertThat(issued).containsExactly(8L, 16L);
        for (int i = 0; i < 18; i++) {
            port.returned();
        }
        assertThat(issued).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(issued.get(i)).isEqualTo((i + 1) * 8L);
        }
        port.returned();
        port.returned();
        port.read(1000, reader);
        assertThat(issued).as("room again: issued at once").endsWith(1000L);
    }

    @Test
    void limitZero_issuesEveryReadAtOnce() {
        PteReadPort port = new PteReadPort(memory, 0);
        for (long a = 1; a <= 100; a++) {
            port.read(a, reader);
        }
        assertThat(issued).hasSize(100);
    }
}
