package org.iommusim.hw.iommu;

import java.util.Arrays;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.cache.CacheConfig;
import org.iommusim.hw.cache.CacheStats;
import org.iommusim.hw.cache.Iotlb;
import org.iommusim.hw.cache.ReplacementPolicies;
import org.iommusim.hw.iommu.stale.StaleUseOracle;

/**
 * The micro-TLBs of an SMMUv3's translation buffer units (Arm MMU-600/700: a TBU next to each
 * device holds a small fully associative micro-TLB, {@code TBUCFG_UTLB_DEPTH} 4–64 entries, in
 * front of the translation control unit that owns the shared TLB and walks the tables). One
 * micro-TLB per device, created at the device's first lookup, all of one configuration
 * ({@link TimedIommuConfig#tbuMicroTlb()}); their statistics are summed under
 * {@code <prefix>.tbu.microtlb.*} (registered only when enabled, so other architectures' results
 * carry no such keys).
 *
 * <p>An entry is a leaf translation tagged like an IOTLB entry (domain, PASID, page). A request
 * that hits is translated in the TBU; a miss goes on to the shared IOTLB and the walk, and the
 * result fills the device's micro-TLB. Invalidations reach every micro-TLB with the scope they
 * have in the IOTLB (Arm's TLBI commands are broadcast to the TBUs), through
 * {@link TranslationCaches}. The stale-use oracle watches each micro-TLB as that device's
 * device-side cache (the role of an ATS ATC; a device with ATS uses its ATC instead and never
 * its micro-TLB). Does not model: the TBU's own main TLB (the shared IOTLB stands for it), DTI
 * messages between TBU and TCU, TBU translation slots.
 */
public final class TbuMicroTlbs {
    private final CacheConfig config;
    private final RandomStreams streams;
    private final String name;
    private final StaleUseOracle oracle;
    private final CacheStats stats;
    private Iotlb[] tlbs = new Iotlb[0];

    TbuMicroTlbs(CacheConfig config, StatsRegistry registry, RandomStreams streams, String prefix,
                 StaleUseOracle oracle) {
        this.config = config;
        this.streams = streams;
        this.name = prefix + ".tbu.microtlb";
        this.oracle = oracle;
        this.stats = config.enabled() ? CacheStats.register(registry, name, "TBU micro-TLB (all devices)") : null;
    }

    /** True when the IOMMU has TBU micro-TLBs. */
    public boolean enabled() {
        return stats != null;
    }

    /** Lookup latency of a micro-TLB. */
    public long latencyPs() {
        return config.latencyPs();
    }

    /** {@code device}'s micro-TLB (created at its first use); only when {@link #enabled()}. */
    public Iotlb of(int device) {
        if (device >= tlbs.length) {
            tlbs = Arrays.copyOf(tlbs, Math.max(device + 1, tlbs.length * 2));
        }
        Iotlb t = tlbs[device];
        if (t == null) {
            t = new Iotlb(config, ReplacementPolicies.generator(config.policy(), streams, name + "." + device), stats);
            oracle.watch(StaleUseOracle.Structure.ATC, device, 0, t.cache());
            tlbs[device] = t;
        }
        return t;
    }

    int range(int dom, int pasid, long addr, int log2Pages) {
        int n = 0;
        for (Iotlb t : tlbs) {
            n += t == null ? 0 : t.invalidateRange(dom, pasid, addr, log2Pages);
        }
        return n;
    }

    int pasid(int dom, int pasid) {
        int n = 0;
        for (Iotlb t : tlbs) {
            n += t == null ? 0 : t.invalidatePasid(dom, pasid);
        }
        return n;
    }

    int domain(int dom) {
        int n = 0;
        for (Iotlb t : tlbs) {
            n += t == null ? 0 : t.invalidateDomain(dom);
        }
        return n;
    }

    int all() {
        int n = 0;
        for (Iotlb t : tlbs) {
            n += t == null ? 0 : t.invalidateAll();
        }
        return n;
    }
}
