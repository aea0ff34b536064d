package org.iommusim.hw.iommu;

import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.Counter;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.hw.cache.CacheStats;
import org.iommusim.hw.cache.ReplacementPolicies;
import org.iommusim.hw.cache.SetAssociativeCache;

/**
 * The context/PASID cache: (requester id, PASID) → the attached IOASID, in front of the IOTLB.
 * A hit costs its lookup latency; a miss also costs {@code walkReads} dependent memory reads of
 * the context structures (VT-d scalable mode: root entry, context entry, PASID-directory entry,
 * PASID-table entry = 4), at synthetic addresses in a region of their own. Entries of an IOASID
 * go when a PASID- or domain-wide invalidation of it takes effect (detach, free).
 *
 * <p>Timing only: which IOASID a request uses is always read from the control plane, so a
 * stale context entry cannot misroute a DMA. Does not model: context-entry contents, the
 * legacy (non-scalable) format, device-selective context invalidation descriptors.
 */
public final class ContextCache {
    /** Where the synthetic context structures live (for memory-channel interleaving only). */
    static final long TABLE_BASE = 0x7F00_0000_0000L;

    private final SetAssociativeCache cache;
    private final int walkReads;
    private final Counter reads;

    public ContextCache(CacheConfig config, int walkReads, StatsRegistry stats, RandomStreams streams, String prefix) {
        this.cache = new SetAssociativeCache(config, ReplacementPolicies.generator(config.policy(), streams,
                prefix + ".context"), CacheStats.register(stats, prefix + ".context", "context/PASID cache"));
        this.walkReads = walkReads;
        this.reads = stats.counter(prefix + ".context.walk-reads", "reads",
                "memory reads of context structures after context/PASID cache misses");
    }

    public boolean enabled() {
        return cache.enabled();
    }

    public long latencyPs() {
        return cache.config().latencyPs();
    }

    public int walkReads() {
        return walkReads;
    }

    /** A counted lookup; true on a hit. */
    public boolean hit(int device, int pasid) {
        return cache.lookup(device, pasid) != SetAssociativeCache.MISS;
    }

    /** Address of the {@code i}-th context-structure read for (device, pasid). */
    public long address(int device, int pasid, int i) {
        reads.increment();
        return TABLE_BASE + ((long) (device & 0xFFFF) << 24) + ((long) (pasid & 0xFFFFF) << 3) + ((long) i << 12);
    }

    public void fill(int device, int pasid, int ioasid) {
        cache.insert(device, pasid, ioasid);
    }

    /** Drops the entries that point to {@code ioasid} (for {@code pasid}, or any when negative). */
    public void invalidate(int ioasid, int pasid) {
        if (cache.enabled() && cache.size() > 0) {
            cache.invalidateIf((device, tag, payload) -> payload == ioasid && (pasid < 0 || tag == pasid));
        }
    }
}
