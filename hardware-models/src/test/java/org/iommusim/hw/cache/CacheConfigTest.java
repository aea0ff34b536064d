package org.iommusim.hw.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CacheConfigTest {

    @Test
    void geometry_setAssociativeAndFullyAssociative() {
        CacheConfig iotlb = new CacheConfig(2048, 4, "lru", true, 1_000);
        assertThat(iotlb.sets()).isEqualTo(512);
        assertThat(iotlb.ways()).isEqualTo(4);
        assertThat(iotlb.fullyAssociative()).isFalse();
        CacheConfig utlb = CacheConfig.of(32, 0, "lru");
        assertThat(utlb.sets()).isEqualTo(1);
        assertThat(utlb.ways()).isEqualTo(32);
        assertThat(utlb.fullyAssociative()).isTrue();
        assertThat(CacheConfig.of(48, 0, "fifo").ways())
                .as("a fully associative cache need not have a power-of-two size").isEqualTo(48);
    }

    @Test
    void entries_nonPositive_namesField() {
        assertThatThrownBy(() -> CacheConfig.of(0, 0, "lru")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entries").hasMessageContaining("positive").hasMessageContaining("got 0");
    }

    @Test
    void assoc_negativeOrLargerThanEntries_namesField() {
        assertThatThrownBy(() -> CacheConfig.of(16, -1, "lru")).hasMessageContaining("assoc")
                .hasMessageContaining("0 (fully associative)").hasMessageContaining("got -1");
        assertThatThrownBy(() -> CacheConfig.of(16, 32, "lru"))
                .hasMessageContaining("assoc must be at most entries (16)");
    }

    @Test
    void entries_notMultipleOfAssoc_namesBothAndSuggests() {
        assertThatThrownBy(() -> CacheConfig.of(100, 8, "lru"))
                .hasMessageContaining("entries must be a multiple of assoc (8), got 100")
                .hasMessageContaining("96 or 104");
    }

    @Test
    void sets_notPowerOfTwo_explainsAndSuggests() {
        assertThatThrownBy(() -> CacheConfig.of(24, 4, "lru"))
                .hasMessageContaining("number of sets").hasMessageContaining("power of two")
                .hasMessageContaining("6 sets").hasMessageContaining("entries = 16 or 32");
    }

    @Test
    void policy_unknown_listsValidNames() {
        assertThatThrownBy(() -> CacheConfig.of(16, 4, "lfu"))
                .hasMessage("policy 'lfu' is unknown; valid policies: lru, tree-plru, fifo, random, round-robin");
        assertThatThrownBy(() -> CacheConfig.of(16, 4, null)).hasMessageContaining("policy 'null' is unknown");
        assertThat(ReplacementPolicies.names()).containsExactly("lru", "tree-plru", "fifo", "random", "round-robin");
    }

    @Test
    void treePlru_nonPowerOfTwoWays_rejected() {
        assertThatThrownBy(() -> CacheConfig.of(12, 6, "tree-plru"))
                .hasMessageContaining("policy 'tree-plru' needs a power-of-two number of ways")
                .hasMessageContaining("got 6 ways").hasMessageContaining("4 or 8");
        assertThatThrownBy(() -> CacheConfig.of(48, 0, "tree-plru")).hasMessageContaining("got 48 ways");
        assertThat(CacheConfig.of(64, 0, "tree-plru").ways()).isEqualTo(64);
    }

    @Test
    void latency_negative_namesFieldAndUnit() {
        assertThatThrownBy(() -> new CacheConfig(16, 4, "lru", true, -5))
                .hasMessage("latency must be at least 0 ps, got -5 ps");
    }

    @Test
    void disabled_isStillValidated() {
        assertThatThrownBy(() -> new CacheConfig(24, 4, "lru", false, 0)).hasMessageContaining("power of two");
        assertThat(CacheConfig.of(16, 4, "lru").withEnabled(false).enabled()).isFalse();
    }

    @Test
    void random_withoutGenerator_refusedAtConstruction() {
        assertThatThrownBy(() -> new SetAssociativeCache(CacheConfig.of(16, 4, "random"), null,
                CacheStats.standalone("t")))
                .hasMessageContaining("policy 'random' needs a seeded RandomGenerator");
        assertThat(ReplacementPolicies.needsRandom("random")).isTrue();
        assertThat(ReplacementPolicies.needsRandom("lru")).isFalse();
    }
}
