package org.iommusim.hw.iommu;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.cache.CacheStats;
import org.iommusim.hw.cache.Iotlb;
import org.iommusim.hw.cache.ReplacementPolicies;
import org.iommusim.hw.invq.InvBatch;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.IoasidView;
import org.iommusim.hw.iommu.stale.StaleUseTracker;

/**
 * The ATS translation caches of the devices that enable ATS. An ATC is an {@link Iotlb} keyed
 * by (PASID, page) — a device knows no domains — with, beside it per slot, the IOASID the entry
 * was translated in for scope
 * invalidations (the stale-use oracle watches its slots; the ATC carries no stale-use state).
 *
 * <p>Invalidation: a page-range invalidation reaches an ATC only through its own device-ATC
 * descriptor (a round trip to the device, queued after the IOTLB descriptors), so a removal
 * stays pending for stale-use counting until the last of those has taken effect
 * ({@link #expect}, {@link #atcDescriptorDone}). A PASID- or domain-wide invalidation gets,
 * after the IOMMU's descriptor, one whole-PASID device-ATC descriptor per target
 * ({@link #addScopeDescriptors}); its removal is pruned, and the ATC entries dropped, only when
 * the last of those has taken effect — until then an ATC hit is a stale use, as for ranges.
 *
 * <p>Targets of a scope invalidation of domain D (and PASID P): the (ATS device, PASID) pairs
 * the IOMMU has answered ATS requests for, with that PASID (if P is given) still attached to D,
 * or detached and last translated in D (the detach that caused the invalidation). A device
 * attached to D that never received an ATS translation is not sent a descriptor (its ATC holds
 * nothing of D; a driver would still send one — a simplification). Direct invalidations
 * (no queue) and global invalidations drop ATC entries at once, without a round trip.
 * Does not model: ATS invalidation completion messages, page-request interplay,
 * translated-request checks.
 */
public final class DeviceAtcs {
    /** A removal whose pruning waits for {@code remaining} device-ATC descriptors. */
    private static final class Prune {
        int domain;
        long from;
        long to;
        boolean leafOnly;
        long remaining;
    }

    private final StatsRegistry stats;
    private final RandomStreams streams;
    private final String prefix;
    private final ControlPlane controlPlane;
    private Iotlb[] atcs = new Iotlb[0];
    private AtsConfig[] configs = new AtsConfig[0];
    private int[] devices = new int[0];
    private int[][] pasids = new int[0][];
    /** Per device, parallel to {@code pasids}: the domain of the PASID's latest ATS translation. */
    private int[][] pasidDomains = new int[0][];
    private final ArrayDeque<Prune> prunes = new ArrayDeque<>();
    /** (domain, PASID or -1) of scope descriptors whose ATC round trips were queued after them. */
    private final ArrayList<long[]> awaiting = new ArrayList<>();

    public DeviceAtcs(StatsRegistry stats, RandomStreams streams, String prefix, ControlPlane controlPlane) {
        this.stats = stats;
        this.streams = streams;
        this.prefix = prefix;
        this.controlPlane = controlPlane;
    }

    public void enable(int device, AtsConfig config) {
        if (device >= atcs.length) {
            int n = device + 1;
            atcs = Arrays.copyOf(atcs, n);
            configs = Arrays.copyOf(configs, n);
            pasids = Arrays.copyOf(pasids, n);
            pasidDomains = Arrays.copyOf(pasidDomains, n);
        }
        if (atcs[device] != null) {
            throw new IllegalStateException("ATS is already enabled for device " + device);
        }
        String name = prefix + ".atc.device" + device;
        atcs[device] = new Iotlb(config.atc(), ReplacementPolicies.generator(config.atc().policy(), streams, name),
                CacheStats.register(stats, name, "device " + device + " ATC"));
        configs[device] = config;
        pasids[device] = new int[0];
        pasidDomains[device] = new int[0];
        devices = Arrays.copyOf(devices, devices.length + 1);
        devices[devices.length - 1] = device;
    }

    public boolean enabled(int device) {
        return device < atcs.length && atcs[device] != null;
    }

    /** The ATS devices, in the order they enabled ATS. */
    int[] devices() {
        return devices;
    }

    public AtsConfig config(int device) {
        return configs[device];
    }

    public Iotlb atc(int device) {
        return atcs[device];
    }

    /** Caches a translation returned by the IOMMU. */
    public void fill(int device, int pasid, long iova, int pageShift, long hpa, int perms, int domain) {
        Iotlb atc = atcs[device];
        if (!atc.cache().enabled()) {
            return;
        }
        long size = 1L << pageShift;
        atc.fill(0, pasid, iova, size, hpa & -size, perms);
        int[] seen = pasids[device];
        for (int i = 0; i < seen.length; i++) {
            if (seen[i] == pasid) {
                pasidDomains[device][i] = domain;
                return;
            }
        }
        pasids[device] = Arrays.copyOf(seen, seen.length + 1);
        pasids[device][seen.length] = pasid;
        pasidDomains[device] = Arrays.copyOf(pasidDomains[device], seen.length + 1);
        pasidDomains[device][seen.length] = domain;
    }

    /**
     * Appends to {@code b} one whole-PASID device-ATC descriptor per target of a scope
     * invalidation of {@code domain} ({@code pasid}, or every PASID when negative); returns how
     * many. With {@code b} null, only counts them.
     */
    int addScopeDescriptors(InvBatch b, int domain, int pasid) {
        int n = 0;
        for (int d : devices) {
            int[] ps = pasids[d];
            for (int i = 0; i < ps.length; i++) {
                if (pasid >= 0 && ps[i] != pasid) {
                    continue;
                }
                IoasidView x = controlPlane.attached(d, ps[i]);
                boolean ours = x == null ? pasidDomains[d][i] == domain : x.id() == domain;
                if (ours) {
                    n++;
                    if (b != null) {
                        b.addDeviceAtcAll(d, ps[i]);
                    }
                }
            }
        }
        return n;
    }

    /** The scope descriptor of ({@code domain}, {@code pasid}) will be followed by device-ATC round trips. */
    void awaitRoundTrips(int domain, int pasid) {
        awaiting.add(new long[] {domain, pasid < 0 ? -1 : pasid});
    }

    /**
     * A scope descriptor of ({@code domain}, {@code pasid}) took effect: true (and forgotten) if
     * its device-ATC round trips follow, so the ATCs and the stale-use record wait for them.
     */
    boolean roundTripsFollow(int domain, int pasid) {
        long p = pasid < 0 ? -1 : pasid;
        for (int i = 0; i < awaiting.size(); i++) {
            long[] a = awaiting.get(i);
            if (a[0] == domain && a[1] == p) {
                awaiting.remove(i);
                return true;
            }
        }
        return false;
    }

    /** A whole-PASID device-ATC descriptor took effect: drop {@code pasid}'s entries from that device's ATC. */
    void invalidatePasid(int device, int pasid) {
        if (enabled(device)) {
            if (pasid < 0) {
                atcs[device].invalidateAll();
            } else {
                atcs[device].invalidatePasid(0, pasid);
            }
        }
    }

    /** A device-ATC descriptor took effect: drop the range from that device's ATC. */
    void invalidateRange(int device, int pasid, long addr, int log2Pages) {
        if (enabled(device)) {
            atcs[device].invalidateRange(0, pasid < 0 ? Iotlb.ANY_PASID : pasid, addr, log2Pages);
        }
    }

    /** Drops {@code [start, end)} from every ATC (no descriptor round trip: direct invalidation). */
    void invalidateRangeEverywhere(long start, long end) {
        for (int d : devices) {
            long addr = start;
            while (Long.compareUnsigned(addr, end) < 0) {
                int k = TranslationCaches.blockLog2(addr, end);
                atcs[d].invalidateRange(0, Iotlb.ANY_PASID, addr, k);
                addr += 4096L << k;
                if (addr == 0) {
                    break;
                }
            }
        }
    }

    /** Empties every ATC. */
    void invalidateAll() {
        for (int d : devices) {
            atcs[d].invalidateAll();
        }
    }

    /** Drops every ATC entry translated in {@code domain} (for {@code pasid}, or any when negative). */
    void invalidateDomain(int domain, int pasid) {
        for (int d : devices) {
            for (int p : pasids[d]) {
                IoasidView x = controlPlane.attached(d, p);
                boolean ours = x == null || x.id() == domain; // detached: its entries must go too
                if (ours && (pasid < 0 || p == pasid)) {
                    atcs[d].invalidatePasid(0, p);
                }
            }
        }
    }

    /** A range removal must wait for {@code descriptors} device-ATC descriptors before it is pruned. */
    void expect(int domain, long from, long to, boolean leafOnly, long descriptors) {
        Prune p = new Prune();
        p.domain = domain;
        p.from = from;
        p.to = to;
        p.leafOnly = leafOnly;
        p.remaining = descriptors;
        prunes.addLast(p);
    }

    /** One device-ATC descriptor took effect; prunes the head removal when it was its last. */
    void atcDescriptorDone(StaleUseTracker tracker) {
        Prune p = prunes.peekFirst();
        if (p != null && --p.remaining == 0) {
            prunes.pollFirst();
            tracker.invalidated(p.domain, p.from, p.to, p.leafOnly);
        }
    }
}
