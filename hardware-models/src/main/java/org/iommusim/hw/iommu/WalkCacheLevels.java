package org.iommusim.hw.iommu;

import java.util.ArrayList;
import java.util.List;
import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.hw.cache.PagingStructureCache;

/**
 * Per stage × level overrides of the paging-structure (walk) cache configuration. The IOMMU has
 * one walk-cache instance per stage (1, 2) and level (2..5); each uses
 * {@link TimedIommuConfig#pwc()} unless a {@link Level} override names its (stage, level). No
 * overrides ({@link #NONE}) is the default: 8 identical instances of 64 entries, 4-way — DESIGN
 * §3's "walk cache 512 entries 4-way split by stage and level" read as gem5's 512-entry,
 * {@code walk_assoc = 4} walk cache divided evenly over the 2 × 4 (stage, level) instances, each
 * of them 4-way (an interpretation: gem5 shares one structure; x86 MMUs keep one cache per
 * level). The total is a sum over instances, so overriding one level changes it.
 *
 * <p>Timing: the levels of one stage are probed in parallel and charged one lookup latency, the
 * largest of that stage's enabled levels; a disabled level is neither probed nor filled, and a
 * stage with no enabled level costs nothing.
 */
public record WalkCacheLevels(List<Level> overrides) {
    /** An override: the configuration of the walk cache of one (stage, level). */
    public record Level(int stage, int level, CacheConfig cache) {
        public Level {
            if (stage < 1 || stage > 2) {
                throw new IllegalArgumentException("walk-cache stage must be 1 or 2, got " + stage);
            }
            if (level < PagingStructureCache.MIN_LEVEL || level > PagingStructureCache.MAX_LEVEL) {
                throw new IllegalArgumentException("walk-cache level must be " + PagingStructureCache.MIN_LEVEL
                        + ".." + PagingStructureCache.MAX_LEVEL + ", got " + level);
            }
            if (cache == null) {
                throw new IllegalArgumentException("walk-cache override of stage " + stage + " level " + level
                        + " needs a cache configuration");
            }
        }
    }

    /** No overrides: every instance uses the shared configuration. */
    public static final WalkCacheLevels NONE = new WalkCacheLevels(List.of());

    public WalkCacheLevels {
        overrides = List.copyOf(overrides);
        for (int i = 0; i < overrides.size(); i++) {
            for (int j = 0; j < i; j++) {
                Level a = overrides.get(i);
                Level b = overrides.get(j);
                if (a.stage() == b.stage() && a.level() == b.level()) {
                    throw new IllegalArgumentException("walk-cache stage " + a.stage() + " level " + a.level()
                            + " is configured twice");
                }
            }
        }
    }

    /** The configuration of the (stage, level) instance: its override, else {@code shared}. */
    public CacheConfig resolve(CacheConfig shared, int stage, int level) {
        for (Level o : overrides) {
            if (o.stage() == stage && o.level() == level) {
                return o.cache();
            }
        }
        return shared;
    }

    /** These overrides plus (or replacing) the one for ({@code stage}, {@code level}). */
    public WalkCacheLevels with(int stage, int level, CacheConfig cache) {
        List<Level> next = new ArrayList<>();
        for (Level o : overrides) {
            if (o.stage() != stage || o.level() != level) {
                next.add(o);
            }
        }
        next.add(new Level(stage, level, cache));
        return new WalkCacheLevels(next);
    }

    /** Every override enabled or disabled. */
    public WalkCacheLevels withEnabled(boolean on) {
        List<Level> next = new ArrayList<>();
        for (Level o : overrides) {
            next.add(new Level(o.stage(), o.level(), o.cache().withEnabled(on)));
        }
        return new WalkCacheLevels(next);
    }
}
