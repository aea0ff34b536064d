package org.iommusim.hw.workload;

import org.iommusim.core.random.DistributionSpec;

import org.iommusim.hw.pagetable.Prot;

/**
 * A guest driver's per-I/O map/unmap in its bound table ({@link GuestPteWrites}). Defaults
 * ({@link #defaults}) and provenance:
 * <ul>
 *   <li>{@code ratePerSecond} = 100 000 maps/s: one buffer per I/O at 100 k IOPS, the order of a
 *       virtualised NVMe or NIC queue with per-I/O mapping (an assumption of this project);
 *       {@code poisson} = false (fixed intervals).</li>
 *   <li>{@code slots} = 256 buffer slots of 4 KiB at {@code iovaBase} backed by GPAs at
 *       {@code gpaBase} (slot i: IOVA base + 4 KiB·i → GPA base + 4 KiB·i), used round robin;
 *       {@code live} = 64 buffers mapped at once (the oldest is unmapped when a map would exceed
 *       it; 64 = the default PCIe tags of a device).</li>
 *   <li>{@code mapInvalidation} = {@code FOLLOW_IOASID}: invalidate after a map iff the IOASID
 *       was allocated with caching mode (DESIGN §1: the guest invalidates after every map, each
 *       a trap); {@code ALWAYS} / {@code NEVER} override. An unmap (present → non-present) is
 *       always followed by a guest invalidation of its page.</li>
 *   <li>{@code prot} = RW.</li>
 * </ul>
 */
public record GuestPteWritesConfig(int ioasid, long iovaBase, long gpaBase, int slots, int live, double ratePerSecond,
                                   boolean poisson, MapInvalidation mapInvalidation, Prot prot,
        DistributionSpec interArrival)
        implements WorkloadConfig {
    public static final String NAME = "guest-pte-writes";

    /** Arrivals at the rate, at fixed intervals or as a Poisson process (no {@code interArrival}). */
    public GuestPteWritesConfig(int ioasid, long iovaBase, long gpaBase, int slots, int live,
            double ratePerSecond, boolean poisson, MapInvalidation mapInvalidation, Prot prot) {
        this(ioasid, iovaBase, gpaBase, slots, live, ratePerSecond, poisson, mapInvalidation, prot, null);
    }

    /** When the guest invalidates after a non-present → present map. */
    public enum MapInvalidation { FOLLOW_IOASID, ALWAYS, NEVER }

    public GuestPteWritesConfig {
        if (((iovaBase | gpaBase) & 0xFFF) != 0) {
            throw new IllegalArgumentException("iovaBase and gpaBase must be 4 KiB aligned");
        }
        if (live < 1 || slots <= live) {
            throw new IllegalArgumentException("need 1 <= live < slots, got live " + live + ", slots " + slots);
        }
        if (mapInvalidation == null || prot == null) {
            throw new IllegalArgumentException("mapInvalidation and prot are required");
        }
    }

    public static GuestPteWritesConfig defaults(int ioasid, long iovaBase, long gpaBase) {
        return new GuestPteWritesConfig(ioasid, iovaBase, gpaBase, 256, 64, 100_000, false,
                MapInvalidation.FOLLOW_IOASID, Prot.RW);
    }

    public GuestPteWritesConfig withRate(double perSecond) {
        return new GuestPteWritesConfig(ioasid, iovaBase, gpaBase, slots, live, perSecond, poisson, mapInvalidation,
                prot, interArrival);
    }

    public GuestPteWritesConfig withMapInvalidation(MapInvalidation m) {
        return new GuestPteWritesConfig(ioasid, iovaBase, gpaBase, slots, live, ratePerSecond, poisson, m,
                prot, interArrival);
    }

    /** This workload with inter-arrival times drawn from {@code spec} (ps) instead of the rate's. */
    public GuestPteWritesConfig withInterArrival(DistributionSpec spec) {
        return new GuestPteWritesConfig(ioasid, iovaBase, gpaBase, slots, live, ratePerSecond, poisson, mapInvalidation,
                prot, spec);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ControlWorkload create(WorkloadContext ctx, String prefix) {
        return new GuestPteWrites(ctx, prefix, this);
    }
}
