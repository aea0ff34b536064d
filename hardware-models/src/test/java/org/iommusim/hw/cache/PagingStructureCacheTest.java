package org.iommusim.hw.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.iommusim.hw.cache.PagingStructureCache.MISS;

import org.junit.jupiter.api.Test;

class PagingStructureCacheTest {

    private static PagingStructureCache pwc() {
        return new PagingStructureCache(CacheConfig.of(512, 4, "lru"), null, CacheStats.standalone("pwc"));
    }

    @Test
    void prefix_isTheAddressAboveTheLevelsReach() {
        assertThat(PagingStructureCache.prefix(0x1234_5678_9ABCL, 2)).isEqualTo(0x1234_5678_9ABCL >>> 21);
        assertThat(PagingStructureCache.prefix(0x1234_5678_9ABCL, 4)).isEqualTo(0x1234_5678_9ABCL >>> 39);
    }

    @Test
    void levelTwoEntry_coversIts2MiBRegion() {
        PagingStructureCache c = pwc();
        c.fill(3, 1, 2, 0x4020_1000L, 0xAB000);
        int slot = c.lookup(3, 1, 2, 0x403F_FFFFL);
        assertThat(slot).isNotEqualTo(MISS);
        assertThat(c.nextTable(slot)).isEqualTo(0xAB000);
        assertThat(c.lookup(3, 1, 2, 0x4040_0000L)).as("next 2 MiB region").isEqualTo(MISS);
        assertThat(c.lookup(3, 1, 3, 0x4020_1000L)).as("other level").isEqualTo(MISS);
        assertThat(c.lookup(3, 2, 2, 0x4020_1000L)).as("other stage").isEqualTo(MISS);
        assertThat(c.lookup(4, 1, 2, 0x4020_1000L)).as("other domain").isEqualTo(MISS);
        assertThat(c.cache().stats().lookups()).isEqualTo(5);
    }

    @Test
    void invalidateStageAndDomain_removeExactlyTheirEntries() {
        // Fully associative: the twelve entries' prefixes share few low bits and would overflow 4-way sets.
        PagingStructureCache c = new PagingStructureCache(CacheConfig.of(64, 0, "lru"), null,
                CacheStats.standalone("pwc"));
        for (int domain = 1; domain <= 2; domain++) {
            for (int stage = 1; stage <= 2; stage++) {
                for (int level = 2; level <= 4; level++) {
                    c.fill(domain, stage, level, 0x7000_0000L, level);
                }
            }
        }
        assertThat(c.invalidateStage(1, 2)).isEqualTo(3);
        assertThat(c.lookup(1, 2, 3, 0x7000_0000L)).isEqualTo(MISS);
        assertThat(c.lookup(1, 1, 3, 0x7000_0000L)).isNotEqualTo(MISS);
        assertThat(c.lookup(2, 2, 3, 0x7000_0000L)).isNotEqualTo(MISS);
        assertThat(c.invalidateDomain(2)).isEqualTo(6);
        assertThat(c.size()).isEqualTo(3);
        assertThat(c.invalidateAll()).isEqualTo(3);
    }

    @Test
    void invalidateRange_removesEveryLevelCoveringTheRange() {
        PagingStructureCache c = pwc();
        c.fill(1, 1, 2, 0x4020_0000L, 1); // covers [0x4020_0000, +2M)
        c.fill(1, 1, 2, 0x4040_0000L, 2); // neighbour
        c.fill(1, 1, 3, 0x4000_0000L, 3); // covers [0x4000_0000, +1G)
        c.fill(1, 1, 3, 0x8000_0000L, 4); // neighbour
        c.fill(1, 2, 2, 0x4020_0000L, 5); // other stage
        assertThat(c.invalidateRange(1, 1, 0x4020_5000L, 0)).isEqualTo(2);
        assertThat(c.lookup(1, 1, 2, 0x4040_0000L)).isNotEqualTo(MISS);
        assertThat(c.lookup(1, 1, 3, 0x8000_0000L)).isNotEqualTo(MISS);
        assertThat(c.lookup(1, 2, 2, 0x4020_0000L)).isNotEqualTo(MISS);
        assertThat(c.lookup(1, 1, 3, 0x4000_0000L)).isEqualTo(MISS);
    }

    @Test
    void badStageOrLevel_rejectedWithAllowedValues() {
        PagingStructureCache c = pwc();
        assertThatThrownBy(() -> c.fill(1, 3, 2, 0, 0)).hasMessage("stage must be 1 or 2, got 3");
        assertThatThrownBy(() -> c.lookup(1, 1, 1, 0)).hasMessageContaining("level must be in [2, 5]");
    }
}
