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
 * </ul>
 * The parent must map each page of the region as its own 4 KiB mapping (a 4 KiB unmap inside a
 * larger mapping is rejected as a split, ENOENT, and counted in {@code rejected}) and {@code [altHpaBase, altHpaBase + bytes)} must be free host memory.
 */
public record ParentChurnConfig(int parentIoasid, long gpaBase, long bytes, long hpaBase, long altHpaBase,
                                double fractionPerSecond, boolean poisson,
        DistributionSpec interArrival) implements WorkloadConfig {
    public static final String NAME = "parent-churn";

    /** Arrivals at the rate, at fixed intervals or as a Poisson process (no {@code interArrival}). */
    public ParentChurnConfig(int parentIoasid, long gpaBase, long bytes, long hpaBase, long altHpaBase,
            double fractionPerSecond, boolean poisson) {
        this(parentIoasid, gpaBase, bytes, hpaBase, altHpaBase, fractionPerSecond, poisson, null);
    }
    public static final long PAGE = 4096;

    public ParentChurnConfig {
        if (((gpaBase | bytes | hpaBase | altHpaBase) & (PAGE - 1)) != 0 || bytes <= 0) {
            throw new IllegalArgumentException("gpaBase, bytes, hpaBase, altHpaBase must be 4 KiB multiples, bytes > 0");
        }
        if (!(fractionPerSecond > 0) || Double.isInfinite(fractionPerSecond)) {
            throw new IllegalArgumentException("fractionPerSecond must be positive, got " + fractionPerSecond);
        }
    }

    public static ParentChurnConfig defaults(int parentIoasid, long gpaBase, long bytes, long hpaBase,
                                             long altHpaBase) {
        return new ParentChurnConfig(parentIoasid, gpaBase, bytes, hpaBase, altHpaBase, 0.01, false);
    }

    public ParentChurnConfig withFraction(double perSecond) {
        return new ParentChurnConfig(parentIoasid, gpaBase, bytes, hpaBase, altHpaBase, perSecond, poisson,
                interArrival);
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
                spec);
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
