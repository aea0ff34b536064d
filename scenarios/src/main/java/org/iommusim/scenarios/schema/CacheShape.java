package org.iommusim.scenarios.schema;

import org.iommusim.hw.cache.CacheConfig;

/**
 * What every cache section of a scenario offers, in the one vocabulary DESIGN §4 asks for:
 * {@code entries}, {@code assoc} (0 = fully associative), {@code policy} (a name of the
 * replacement-policy registry), {@code index} (a name of the set-index registry), {@code enabled},
 * {@code latency}. The sections ({@link IotlbSpec}, {@link WalkCacheSpec}, {@link NestedTlbSpec},
 * {@link ContextCacheSpec}, {@link AtcSpec}, {@link WalkCacheLevelSpec}) differ only in their
 * defaults, which each reads from the hardware model's defaults. Converted with
 * {@link #toConfig()}; {@link CacheConfig} validates the combination (power-of-two sets, policy
 * supports the ways) when the scenario is checked.
 */
public interface CacheShape {
    /** The registry of replacement policies ({@code hw.cache.ReplacementPolicies}). */
    String POLICIES = "replacement-policy";
    /** The registry of set-index functions ({@code hw.cache.SetIndexes}). */
    String SET_INDEXES = "set-index";
    /** The {@code index} key's meaning. */
    String INDEX_DOC = "Set index: modulo (low page-number bits), xor-fold (XOR of all bit groups) or hash (an"
            + " undocumented hash of the page number)";

    int entries();

    int assoc();

    String policy();

    String index();

    boolean enabled();

    long latency();

    default CacheConfig toConfig() {
        return new CacheConfig(entries(), assoc(), policy(), enabled(), latency(), index());
    }
}
