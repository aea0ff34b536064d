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
 * PASID-table entry = 4), at synthetic addresses in a region of their own, plus
 * {@code firstStageReads} when the attachment uses a first-stage table — a PASID, or a
 * hardware-nested child's guest table (AMD-Vi: device-table entry, then the GCR3-table entry;
 * a request without PASID to a host (v1) table reads the device-table entry alone). Under hardware
 * nesting the last {@code ipaReads} of them are addressed by IPA/GPA (SMMUv3: the CD; AMD-Vi: the
 * GCR3 entry, the guest DTE's GCR3 table root pointer being a GPA), so a miss of a
 * nested child first translates that IPA through stage 2 ({@link ContextStageTwo}: IPA cache,
 * stage-2 walk caches, then the reads they do not save). The replay reads those stage-2 PTEs
 * before the structures (a dependent chain costs the sum of its reads in any order; the
 * addresses are the parent table's). Entries of an IOASID go when a PASID- or domain-wide
 * invalidation of it takes effect (detach, free).
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
    private final int ipaReads;
    private final int firstStageReads;
    private final ContextStageTwo stageTwo;
    private final Counter reads;
    private long missLatencyPs;

    /** The context cache of {@code config}, its misses' stage-2 translations through {@code stageTwo}. */
    public ContextCache(TimedIommuConfig config, ContextStageTwo stageTwo, StatsRegistry stats, RandomStreams streams,
                        String prefix) {
        CacheConfig c = config.contextCache();
        this.cache = new SetAssociativeCache(c, ReplacementPolicies.generator(c.policy(), streams,
                prefix + ".context"), CacheStats.register(stats, prefix + ".context", "context/PASID cache"));
        this.walkReads = config.contextWalkReads();
        this.ipaReads = config.contextIpaReads();
        this.firstStageReads = config.contextFirstStageReads();
        this.stageTwo = stageTwo;
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

    /**
     * A miss of ({@code device}, {@code pasid}): the reads it costs — the structures', plus the
     * stage-2 reads their IPA needs when the attachment is hardware-nested and the architecture
     * addresses some of them by IPA. Sets {@link #missLatencyPs()}.
     */
    public int missReads(int device, int pasid) {
        int s2 = ipaReads > 0 ? stageTwo.plan(device, pasid) : 0;
        missLatencyPs = latencyPs() + (ipaReads > 0 ? stageTwo.lookupPs() : 0);
        return structureReads(device, pasid) + s2;
    }

    /** The context structures a miss of ({@code device}, {@code pasid}) reads (without stage-2 reads). */
    public int structureReads(int device, int pasid) {
        return firstStageReads > 0 && stageTwo.firstStage(device, pasid) ? walkReads + firstStageReads : walkReads;
    }

    /** The lookup latency of the last {@link #missReads}: the cache's, plus the IPA-cache and stage-2 walk-cache probes. */
    public long missLatencyPs() {
        return missLatencyPs;
    }

    /** A counted lookup; true on a hit. */
    public boolean hit(int device, int pasid) {
        return cache.lookup(device, pasid) != SetAssociativeCache.MISS;
    }

    /**
     * {@code n} more lookups of (device, pasid) right after a {@link #hit} of it with nothing done
     * to the cache since (the rest of a run of TLPs): counted as hits, shown to the policy as such.
     */
    public void hitAgain(int device, int pasid, int n) {
        int slot = cache.probe(device, pasid);
        if (slot == SetAssociativeCache.MISS) {
            throw new IllegalStateException("context of device " + device + " PASID " + pasid + " is not cached");
        }
        cache.recordHits(slot, n);
    }

    /**
     * Address of the read {@code i} (counted down to 0) of a miss of (device, pasid): the reads
     * from {@link #structureReads} up are the stage-2 reads, the others the structures'.
     */
    public long address(int device, int pasid, int i) {
        int structures = structureReads(device, pasid);
        if (i >= structures) {
            return stageTwo.address(device, pasid, i - structures);
        }
        reads.increment();
        return TABLE_BASE + ((long) (device & 0xFFFF) << 24) + ((long) (pasid & 0xFFFFF) << 3) + ((long) i << 12);
    }

    public void fill(int device, int pasid, int ioasid) {
        cache.insert(device, pasid, ioasid);
        if (ipaReads > 0) {
            stageTwo.fill(device, pasid);
        }
    }

    /** Drops the entries that point to {@code ioasid} (for {@code pasid}, or any when negative). */
    public void invalidate(int ioasid, int pasid) {
        if (cache.enabled() && cache.size() > 0) {
            cache.invalidateIf((device, tag, payload) -> payload == ioasid && (pasid < 0 || tag == pasid));
        }
    }
}
