package org.iommusim.scenarios.schema;

import static org.iommusim.scenarios.config.Key.Kind.DURATION;

import org.iommusim.scenarios.config.Key;

/**
 * One element of {@code iommu.walkCacheLevels}: a per stage × level override of the walk-cache
 * configuration. Its stage and level are required, so its other defaults are written here (they
 * are {@link WalkCacheSpec}'s; {@code ScenarioSchemaTest} keeps them equal).
 */
public record WalkCacheLevelSpec(
        @Key(doc = "Walk stage: 1 (guest/first stage) or 2 (parent/second stage)", min = "1", max = "2") int stage,
        @Key(doc = "Table level the instance caches entries of (2..5)", min = "2", max = "5") int level,
        @Key(doc = "Entries of this instance", def = "64", unit = "entries", min = "1", max = "16777216") int entries,
        @Key(doc = "Ways per set; 0 = fully associative", def = "4", min = "0", max = "16777216") int assoc,
        @Key(doc = "Replacement policy", def = "round-robin", choices = CacheShape.POLICIES) String policy,
        @Key(doc = CacheShape.INDEX_DOC, def = "modulo", choices = CacheShape.SET_INDEXES) String index,
        @Key(doc = "Whether this instance is used", def = "true") boolean enabled,
        @Key(doc = "Lookup latency", def = "4ns", kind = DURATION, min = "0ps", max = "1ms") long latency)
        implements CacheShape {
}
