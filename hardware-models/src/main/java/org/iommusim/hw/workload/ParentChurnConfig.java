package org.iommusim.hw.workload;

import org.iommusim.core.random.DistributionSpec;

/**
 * GPA-level churn ({@link ParentChurn}): balloon or migration-style remapping of a fraction of
 * guest memory per second on a map-unmap parent IOASID. Defaults ({@link #defaults}) and
 * provenance:
 * <ul>
 *   <li>{@code fractionPerSecond} = 0.01: 1 % of the guest region remapped per second — host
 *       page migration (NUMA balancing, compaction) or a slowly inflating balloon; an
 *       assumption of this project, meant to be swept (the {@code gpa-churn} scenario).</li>
 *   <li>Guest region {@code [gpaBase, gpaBase + bytes)} mapped by the parent with 4 KiB pages
 *       at {@code hpaBase} (page i ↔ HPA base + 4 KiB·i); a remap moves page i between
 *       {@code hpaBase} and {@code altHpaBase} (same offset), pages in ascending order,
 *       wrapping.</li>
 *   <li>{@code poisson} = false (fixed intervals of 1 / (fraction · pages) s).</li>
 *   <li>{@code remap} = {@link Remap#UNMAP_MAP}: what iommufd's uAPI offers a VMM —
 *       {@code IOMMU_IOAS_UNMAP} then {@code IOMMU_IOAS_MAP} with {@code IOMMU_IOAS_MAP_FIXED_IOVA};
 *       a map over a mapped IOVA fails ({@code EEXIST}) and no flag replaces one in place.
 *       {@link Remap#ATOMIC} is a kernel-internal in-place replace (one PTE write per leaf,
 *       docs/CALIBRATION.md "Shadowing at scale"); {@link Remap#QUIESCE} pauses the devices
 *       around an unmap-then-map (the pause's own MMIO writes are not charged: an assumption,
 *       small against the two ioctls and the drain).</li>
 * </ul>
 * The parent must map each page of the region as its own 4 KiB mapping (a 4 KiB unmap inside a
 * larger mapping is rejected as a split, ENOENT, and counted in {@code rejected}) and {@code [altHpaBase, altHpaBase + bytes)} must be free host memory.
 */
public record ParentChurnConfig(int parentIoasid, long gpaBase, long bytes, long hpaBase, long altHpaBase,
                                double fractionPerSecond, boolean poisson,
        DistributionSpec interArrival, Remap remap) implements WorkloadConfig {
    public static final String NAME = "parent-churn";

    /** How one GPA page is moved to its other host page. */
    public enum Remap {
        /** One operation rewrites the page's leaf in place: live DMA never finds it unmapped. */
        ATOMIC,
        /** An unmap, then (once it completed) a map: a DMA in between faults on the GPA. */
        UNMAP_MAP,
        /**
         * The hypervisor quiesces the devices attached under the parent (stops their DMA and
         * waits for it to drain), remaps by unmap then map — pages arriving meanwhile join the
         * same pause — and resumes them: no fault, but DMA stops for the remaps' duration.
         */
        QUIESCE
    }

    /** Arrivals at the rate, at fixed intervals or as a Poisson process (no {@code interArrival}); unmap-then-map. */
    public ParentChurnConfig(int parentIoasid, long gpaBase, long bytes, long hpaBase, long altHpaBase,
            double fractionPerSecond, boolean poisson) {
        this(parentIoasid, gpaBase, bytes, hpaBase, altHpaBase, fractionPerSecond, poisson, null, Remap.UNMAP_MAP);
    }
    public static final long PAGE = 4096;

    public ParentChurnConfig {
        if (((gpaBase | bytes | hpaBase | altHpaBase) & (PAGE - 1)) != 0 || bytes <= 0) {
            throw new IllegalArgumentException("gpaBase, bytes, hpaBase, altHpaBase must be 4 KiB multiples, bytes > 0");
        }
        if (!(fractionPerSecond > 0) || Double.isInfinite(fractionPerSecond)) {
            throw new IllegalArgumentException("fractionPerSecond must be positive, got " + fractionPerSecond);
        }
        if (remap == null) {
            throw new IllegalArgumentException("remap must be atomic, unmap-map or quiesce");
        }
    }

    public static ParentChurnConfig defaults(int parentIoasid, long gpaBase, long bytes, long hpaBase,
                                             long altHpaBase) {
        return new ParentChurnConfig(parentIoasid, gpaBase, bytes, hpaBase, altHpaBase, 0.01, false);
    }

    public ParentChurnConfig withFraction(double perSecond) {
        return new ParentChurnConfig(parentIoasid, gpaBase, bytes, hpaBase, altHpaBase, perSecond, poisson,
                interArrival, remap);
    }

    /** 4 KiB pages in the region. */
    public long pages() {
        return bytes / PAGE;
    }

    /** Page remaps per second. */
    public double remapsPerSecond() {
        return fractionPerSecond * pages();
    }

    /** This workload with inter-arrival times drawn from {@code spec} (ps) instead of the rate's. */
    public ParentChurnConfig withInterArrival(DistributionSpec spec) {
        return new ParentChurnConfig(parentIoasid, gpaBase, bytes, hpaBase, altHpaBase, fractionPerSecond, poisson,
                spec, remap);
    }

    /** This workload remapping pages as {@code how}. */
    public ParentChurnConfig withRemap(Remap how) {
        return new ParentChurnConfig(parentIoasid, gpaBase, bytes, hpaBase, altHpaBase, fractionPerSecond, poisson,
                interArrival, how);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ControlWorkload create(WorkloadContext ctx, String prefix) {
        return new ParentChurn(ctx, prefix, this);
    }
}
