package org.iommusim.hw.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The queue pair's layout: SQ then CQ (rings that wrap), the MSI page, one PRP list page per slot. */
class NvmeQueuesTest {
    private static final long BASE = 0x10_0000;
    private final NvmeConfig config = NvmeConfig.defaults();

    @Test
    void rings_advanceByTheirEntrySize_andWrapAfterQueueEntries() {
        NvmeQueues q = new NvmeQueues(config, BASE, 0x2000_0000L);
        assertThat(q.nextSubmission()).isEqualTo(BASE);
        assertThat(q.nextSubmission()).isEqualTo(BASE + 64);
        assertThat(q.nextCompletion()).isEqualTo(BASE + 64 * 1024);
        assertThat(q.nextCompletion()).as("the CQ's own tail").isEqualTo(BASE + 64 * 1024 + 16);
        for (int i = 2; i < NvmeConfig.QUEUE_ENTRIES; i++) {
            q.nextSubmission();
        }
        assertThat(q.nextSubmission()).as("entry 1024 is entry 0 again").isEqualTo(BASE);
    }

    @Test
    void msiAndPrpLists_followTheCq_onePagePerSlot() {
        NvmeQueues q = new NvmeQueues(config, BASE, 0);
        long msi = BASE + 64 * 1024 + 16 * 1024;
        assertThat(q.msi()).isEqualTo(msi);
        assertThat(q.prpList(0)).isEqualTo(msi + 4096);
        assertThat(q.prpList(3)).isEqualTo(msi + 4 * 4096);
        assertThat(q.iova()).isEqualTo(BASE);
    }

    @Test
    void unalignedQueueMemory_isRejected_namingBothAddresses() {
        assertThatThrownBy(() -> new NvmeQueues(config, BASE + 8, 0x2000_0000L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 KiB aligned").hasMessageContaining("0x100008").hasMessageContaining("0x20000000");
    }
}
