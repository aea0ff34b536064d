package org.iommusim.hw.cache;

import org.iommusim.core.kernel.Simulator;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.Derived;
import org.iommusim.core.stats.StatsRegistry;

/**
 * The statistics of one cache-like structure, declared once with stable names under a prefix:
 * {@code <prefix>.lookups}, {@code .hits}, {@code .misses} (unit: lookups), {@code .evictions}
 * and {@code .invalidations} (unit: entries; valid entries removed by a fill or by an
 * invalidation), and {@code .hit-ratio} (a derived value, NaN when there was no lookup). The
 * counters are the registry's own, so the registry's warm-up reset clears them.
 *
 * <p>A structure that belongs to no run (a unit test, a micro-benchmark) uses
 * {@link #standalone(String)}, which declares the same statistics in a private registry.
 */
public final class CacheStats {
    private final StatsRegistry registry;
    private final Counter lookups;
    private final Counter hits;
    private final Counter misses;
    private final Counter evictions;
    private final Counter invalidations;
    private final Derived hitRatio;

    private CacheStats(StatsRegistry registry, String prefix, String label) {
        this.registry = registry;
        this.lookups = registry.counter(prefix + ".lookups", "lookups", label + " lookups");
        this.hits = registry.counter(prefix + ".hits", "lookups", label + " lookups that hit");
        this.misses = registry.counter(prefix + ".misses", "lookups", label + " lookups that missed");
        this.evictions = registry.counter(prefix + ".evictions", "entries",
                label + " valid entries evicted to make room for a fill");
        this.invalidations = registry.counter(prefix + ".invalidations", "entries",
                label + " entries removed by invalidations");
        this.hitRatio = registry.derived(prefix + ".hit-ratio", "ratio", label + " hits per lookup",
                this::hitRatioNow);
    }

    /** Declares the statistics in {@code registry} under {@code prefix}; {@code label} starts each description. */
    public static CacheStats register(StatsRegistry registry, String prefix, String label) {
        return new CacheStats(registry, prefix, label);
    }

    /** The same statistics in a private registry, for a structure outside any run. */
    public static CacheStats standalone(String prefix) {
        return new CacheStats(new StatsRegistry(new Simulator()), prefix, prefix);
    }

    public long lookups() {
        return lookups.get();
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }

    public long evictions() {
        return evictions.get();
    }

    public long invalidations() {
        return invalidations.get();
    }

    /** Hits per lookup; NaN before the first lookup. */
    public double hitRatio() {
        return hitRatio.get();
    }

    /** Clears these counters only (the registry's reset clears every statistic of a run). */
    public void reset() {
        lookups.reset();
        hits.reset();
        misses.reset();
        evictions.reset();
        invalidations.reset();
    }

    /** The registry the statistics are declared in. */
    public StatsRegistry registry() {
        return registry;
    }

    void hit() {
        lookups.increment();
        hits.increment();
    }

    /** {@code n} lookups that hit (a run of TLPs of one page looked up at one instant). */
    void hits(int n) {
        lookups.add(n);
        hits.add(n);
    }

    void miss() {
        lookups.increment();
        misses.increment();
    }

    /** {@code n} lookups that missed (a run of TLPs of one page looked up at one instant). */
    void misses(int n) {
        lookups.add(n);
        misses.add(n);
    }

    void evicted() {
        evictions.increment();
    }

    void invalidated(int n) {
        invalidations.add(n);
    }

    private double hitRatioNow() {
        long n = lookups.get();
        return n == 0 ? Double.NaN : (double) hits.get() / n;
    }
}
