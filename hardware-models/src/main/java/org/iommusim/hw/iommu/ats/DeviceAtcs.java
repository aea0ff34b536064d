package org.iommusim.hw.iommu.ats;

import java.util.Arrays;
import org.iommusim.core.random.RandomStreams;
import org.iommusim.core.stats.StatsRegistry;
import org.iommusim.hw.cache.CacheStats;
import org.iommusim.hw.cache.Iotlb;
import org.iommusim.hw.cache.ReplacementPolicies;
import org.iommusim.hw.ioasid.ControlPlane;
import org.iommusim.hw.ioasid.IoasidView;

/**
 * The ATS translation caches of the devices that enable ATS. An ATC is an {@link Iotlb} keyed
 * by (PASID, page) — a device knows no domains — with, per (device, PASID), the IOASID of its
 * latest ATS translation for scope invalidations (the stale-use oracle watches the ATC's slots;
 * the ATC carries no stale-use state).
 *
 * <p>It answers the invalidation side two questions and takes its effects: which ATS devices
 * there are ({@link #devices()}; a page-range invalidation sends each one a device-ATC
 * descriptor), and which (device, PASID) pairs hold entries of a domain
 * ({@link #scopeTargets}; a PASID- or domain-wide invalidation sends each one a whole-PASID
 * descriptor). Targets of a scope invalidation of domain D (and PASID P): the (ATS device,
 * PASID) pairs the IOMMU has answered ATS requests for, with that PASID (if P is given) still
 * attached to D, or detached and last translated in D (the detach that caused the
 * invalidation). A device attached to D that never received an ATS translation is not sent a
 * descriptor (its ATC holds nothing of D; a driver would still send one — a simplification).
 * When the descriptors are sent and when the removals they cover stop being stale is the
 * invalidation room's business ({@code iommu.inval}).
 *
 * <p>Does not model: ATS invalidation completion messages, page-request interplay,
 * translated-request checks, the PCIe link's contention (each crossing is a fixed latency,
 * {@link AtsConfig#linkPs()}).
 */
public final class DeviceAtcs {
    /** Receives the (device, PASID) targets of a scope invalidation. */
    @FunctionalInterface
    public interface TargetSink {
        void target(int device, int pasid);
    }

    private final StatsRegistry stats;
    private final RandomStreams streams;
    private final String prefix;
    private final ControlPlane controlPlane;
    private Iotlb[] atcs = new Iotlb[0];
    private AtsConfig[] configs = new AtsConfig[0];
    private AtcPendingMisses[] pending = new AtcPendingMisses[0];
    private int[] devices = new int[0];
    private int[][] pasids = new int[0][];
    /** Per device, parallel to {@code pasids}: the domain of the PASID's latest ATS translation. */
    private int[][] pasidDomains = new int[0][];

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
            pending = Arrays.copyOf(pending, n);
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
        pending[device] = new AtcPendingMisses(config.atc().enabled() ? config.pendingMisses() : 0, stats, name, "device " + device + " ATC");
        pasids[device] = new int[0];
        pasidDomains[device] = new int[0];
        devices = Arrays.copyOf(devices, devices.length + 1);
        devices[devices.length - 1] = device;
    }

    public boolean enabled(int device) {
        return device < atcs.length && atcs[device] != null;
    }

    /** The ATS devices, in the order they enabled ATS. */
    public int[] devices() {
        return devices;
    }

    public AtsConfig config(int device) {
        return configs[device];
    }

    public Iotlb atc(int device) {
        return atcs[device];
    }

    /** The pending-miss entries of {@code device}'s ATC (its outstanding ATS translation requests). */
    public AtcPendingMisses pending(int device) {
        return pending[device];
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
     * Feeds {@code sink} (if not null) the (device, PASID) targets of a scope invalidation of
     * {@code domain} ({@code pasid}, or every PASID when negative); returns how many.
     */
    public int scopeTargets(int domain, int pasid, TargetSink sink) {
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
                    if (sink != null) {
                        sink.target(d, ps[i]);
                    }
                }
            }
        }
        return n;
    }

    /** A whole-PASID device-ATC descriptor took effect: drop {@code pasid}'s entries from that device's ATC. */
    public void invalidatePasid(int device, int pasid) {
        if (enabled(device)) {
            if (pasid < 0) {
                atcs[device].invalidateAll();
            } else {
                atcs[device].invalidatePasid(0, pasid);
            }
        }
    }

    /** A device-ATC descriptor took effect: drop the range from that device's ATC. */
    public void invalidateRange(int device, int pasid, long addr, int log2Pages) {
        if (enabled(device)) {
            atcs[device].invalidateRange(0, pasid < 0 ? Iotlb.ANY_PASID : pasid, addr, log2Pages);
        }
    }

    /** Empties every ATC. */
    public void invalidateAll() {
        for (int d : devices) {
            atcs[d].invalidateAll();
        }
    }

    /** Drops every ATC entry translated in {@code domain} (for {@code pasid}, or any when negative). */
    public void invalidateDomain(int domain, int pasid) {
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
}
