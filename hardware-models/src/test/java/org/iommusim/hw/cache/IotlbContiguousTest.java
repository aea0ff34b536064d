package org.iommusim.hw.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A 64 KiB IOTLB entry (one contiguous-hint page) covers its 16 4 KiB pages and goes with any of them. */
class IotlbContiguousTest {
    private static final long IOVA = 0x12_3400_0000L;

    @Test
    void entry64K_hitsEvery4KPage_andA4KInvalidationInsideRemovesIt() {
        Iotlb t = new Iotlb(CacheConfig.of(64, 4, "lru"), null, CacheStats.standalone("iotlb"));
        t.fill(3, 0, IOVA + 0x5000, Iotlb.SIZE_64K, 0x9_0000, 3);
        for (long off = 0; off < 1L << 16; off += 4096) {
            int slot = t.lookup(3, 0, IOVA + off + 8);
            assertThat(slot).isNotEqualTo(Iotlb.MISS);
            assertThat(t.pageSize(slot)).isEqualTo(1L << 16);
            assertThat(t.translate(slot, IOVA + off + 8)).isEqualTo(0x9_0000 + off + 8);
        }
        assertThat(t.lookup(3, 0, IOVA + (1L << 16))).isEqualTo(Iotlb.MISS);
        assertThat(t.invalidateRange(3, 0, IOVA + 0xA000, 0)).isEqualTo(1);
        assertThat(t.lookup(3, 0, IOVA)).isEqualTo(Iotlb.MISS);
    }
}
