package org.iommusim.scenarios.schema;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;

import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.scenarios.config.Key;

/**
 * The cache-like structures of a scenario, each in the one vocabulary DESIGN §4 asks for:
 * {@code entries}, {@code assoc} (0 = fully associative), {@code policy}, {@code enabled},
 * {@code latency}, {@code index} (the set-index function). They differ only in their defaults (and provenance), which is why each is
 * its own record. Converted with {@link Shape#toConfig()}; {@link CacheConfig} validates the
 * combination (power-of-two sets, policy supports the ways) when the scenario is checked.
 */
public final class Caches {
    private Caches() {
    }

    /** What every cache section offers. */
    public interface Shape {
        int entries();

        int assoc();

        String policy();

        boolean enabled();

        long latency();

        String index();

        default CacheConfig toConfig() {
            return new CacheConfig(entries(), assoc(), policy(), enabled(), latency(), index());
        }
    }

    /** The IOTLB: gem5 SMMUv3 tlb_entries, tlb_assoc, tlb_policy = rr, tlb_lat = 3 cycles at 1 GHz. */
    public record Iotlb(
            @Key(doc = "IOTLB entries (gem5 SMMUv3 tlb_entries)", def = "2048", unit = "entries", min = "1", max = "16777216") int entries,
            @Key(doc = "Ways per set; 0 = fully associative (gem5 tlb_assoc)", def = "4", min = "0", max = "16777216") int assoc,
            @Key(doc = "Replacement policy (gem5 tlb_policy = rr)", def = "round-robin", values = {"lru", "fifo", "tree-plru", "random", "round-robin"}) String policy,
            @Key(doc = "Set index: modulo (low page-number bits), xor-fold (XOR of all bit groups) or hash (an undocumented hash of the page number)", def = "modulo", values = {"modulo", "xor-fold", "hash"}) String index,
            @Key(doc = "Whether the IOTLB is used", def = "true") boolean enabled,
            @Key(doc = "Lookup latency (gem5 tlb_lat, 3 cycles at 1 GHz)", def = "3ns", kind = DURATION, min = "0ps", max = "1ms") long latency)
            implements Shape {
    }

    /**
     * One paging-structure (walk) cache instance; there is one per stage (1, 2) × level (2..5):
     * gem5's 512-entry walk cache, walk_assoc = 4, split evenly into 8 instances.
     */
    public record WalkCache(
            @Key(doc = "Entries of each stage x level walk-cache instance (8 instances; gem5 walk cache 512 entries split)", def = "64", unit = "entries", min = "1", max = "16777216") int entries,
            @Key(doc = "Ways per set; 0 = fully associative (gem5 walk_assoc)", def = "4", min = "0", max = "16777216") int assoc,
            @Key(doc = "Replacement policy", def = "round-robin", values = {"lru", "fifo", "tree-plru", "random", "round-robin"}) String policy,
            @Key(doc = "Set index: modulo (low page-number bits), xor-fold (XOR of all bit groups) or hash (an undocumented hash of the page number)", def = "modulo", values = {"modulo", "xor-fold", "hash"}) String index,
            @Key(doc = "Whether walk caches are used", def = "true") boolean enabled,
            @Key(doc = "Lookup latency of one stage's walk caches, probed in parallel (gem5 walk_lat, 4 cycles)", def = "4ns", kind = DURATION, min = "0ps", max = "1ms") long latency)
            implements Shape {
    }

    /** The nested TLB: stage-2 translations of guest table pages (gem5's IPA cache). */
    public record NestedTlb(
            @Key(doc = "Nested-TLB entries (gem5 ipa_entries)", def = "128", unit = "entries", min = "1", max = "16777216") int entries,
            @Key(doc = "Ways per set; 0 = fully associative (gem5 ipa_assoc)", def = "4", min = "0", max = "16777216") int assoc,
            @Key(doc = "Replacement policy", def = "round-robin", values = {"lru", "fifo", "tree-plru", "random", "round-robin"}) String policy,
            @Key(doc = "Set index: modulo (low page-number bits), xor-fold (XOR of all bit groups) or hash (an undocumented hash of the page number)", def = "modulo", values = {"modulo", "xor-fold", "hash"}) String index,
            @Key(doc = "Whether the nested TLB is used", def = "true") boolean enabled,
            @Key(doc = "Lookup latency (gem5 ipa_lat, 3 cycles)", def = "3ns", kind = DURATION, min = "0ps", max = "1ms") long latency)
            implements Shape {
    }

    /** The context/PASID cache (gem5 cfg cache). */
    public record ContextCache(
            @Key(doc = "Context/PASID-cache entries (gem5 cfg_entries)", def = "64", unit = "entries", min = "1", max = "16777216") int entries,
            @Key(doc = "Ways per set; 0 = fully associative (gem5 cfg_assoc)", def = "4", min = "0", max = "16777216") int assoc,
            @Key(doc = "Replacement policy", def = "round-robin", values = {"lru", "fifo", "tree-plru", "random", "round-robin"}) String policy,
            @Key(doc = "Set index: modulo (low page-number bits), xor-fold (XOR of all bit groups) or hash (an undocumented hash of the page number)", def = "modulo", values = {"modulo", "xor-fold", "hash"}) String index,
            @Key(doc = "Whether the context cache is used (disabled: context lookups are free)", def = "true") boolean enabled,
            @Key(doc = "Lookup latency (gem5 cfg_lat, 3 cycles)", def = "3ns", kind = DURATION, min = "0ps", max = "1ms") long latency)
            implements Shape {
    }

    /** A device's ATS translation cache (gem5 micro-TLB). */
    public record Atc(
            @Key(doc = "ATC entries (DESIGN: device micro-TLB 32 entries; gem5 utlb_entries)", def = "32", unit = "entries", min = "1", max = "16777216") int entries,
            @Key(doc = "Ways per set; 0 = fully associative (gem5 utlb_assoc = 0)", def = "0", min = "0", max = "16777216") int assoc,
            @Key(doc = "Replacement policy", def = "round-robin", values = {"lru", "fifo", "tree-plru", "random", "round-robin"}) String policy,
            @Key(doc = "Set index: modulo (low page-number bits), xor-fold (XOR of all bit groups) or hash (an undocumented hash of the page number)", def = "modulo", values = {"modulo", "xor-fold", "hash"}) String index,
            @Key(doc = "Whether the ATC is used", def = "true") boolean enabled,
            @Key(doc = "Lookup latency (gem5 utlb_lat, 1 cycle)", def = "1ns", kind = DURATION, min = "0ps", max = "1ms") long latency)
            implements Shape {
    }

    /** A per stage × level override of the walk-cache configuration. */
    public record WalkCacheLevel(
            @Key(doc = "Walk stage: 1 (guest/first stage) or 2 (parent/second stage)", min = "1", max = "2") int stage,
            @Key(doc = "Table level the instance caches entries of (2..5)", min = "2", max = "5") int level,
            @Key(doc = "Entries of this instance", def = "64", unit = "entries", min = "1", max = "16777216") int entries,
            @Key(doc = "Ways per set; 0 = fully associative", def = "4", min = "0", max = "16777216") int assoc,
            @Key(doc = "Replacement policy", def = "round-robin", values = {"lru", "fifo", "tree-plru", "random", "round-robin"}) String policy,
            @Key(doc = "Set index: modulo (low page-number bits), xor-fold (XOR of all bit groups) or hash (an undocumented hash of the page number)", def = "modulo", values = {"modulo", "xor-fold", "hash"}) String index,
            @Key(doc = "Whether this instance is used", def = "true") boolean enabled,
            @Key(doc = "Lookup latency", def = "4ns", kind = DURATION, min = "0ps", max = "1ms") long latency)
            implements Shape {
    }
}
