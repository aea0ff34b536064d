package org.iommusim.hw.workload;

import org.iommusim.core.random.DistributionSpec;

/**
 * Periodic range invalidations on a bind-invalidate IOASID ({@link RangeInvalidations}).
 * Defaults ({@link #defaults}) and provenance:
 * <ul>
 *   <li>{@code ratePerSecond} = 1000 invalidations/s (a guest flushing once per millisecond, of
 *       the order of a lazy flush-queue drain rate; an assumption of this project);
 *       {@code poisson} = false.</li>
 *   <li>{@code rangeBytes} = 2 MiB per invalidation, stepping through {@code [start, start +
 *       spanBytes)} round robin (span default 64 MiB).</li>
 *   <li>{@code leafOnly} = true (only leaves changed: the VT-d / SMMU leaf hint);
 *       {@code guest} = true (issued by a guest: each costs a trap).</li>
 * </ul>
 */
public record RangeInvalidationsConfig(int ioasid, long start, long spanBytes, long rangeBytes, double ratePerSecond,
                                       boolean poisson, boolean leafOnly, boolean guest,
        DistributionSpec interArrival) implements WorkloadConfig {
    public static final String NAME = "range-invalidations";

    /** Arrivals at the rate, at fixed intervals or as a Poisson process (no {@code interArrival}). */
    public RangeInvalidationsConfig(int ioasid, long start, long spanBytes, long rangeBytes,
            double ratePerSecond, boolean poisson, boolean leafOnly, boolean guest) {
        this(ioasid, start, spanBytes, rangeBytes, ratePerSecond, poisson, leafOnly, guest, null);
    }

    public RangeInvalidationsConfig {
        if (((start | rangeBytes) & 0xFFF) != 0 || rangeBytes <= 0) {
            throw new IllegalArgumentException("start and rangeBytes must be positive multiples of 4 KiB");
        }
        if (spanBytes < rangeBytes || spanBytes % rangeBytes != 0) {
            throw new IllegalArgumentException("spanBytes must be a positive multiple of rangeBytes ("
                    + rangeBytes + "), got " + spanBytes);
        }
    }

    public static RangeInvalidationsConfig defaults(int ioasid, long start) {
        return new RangeInvalidationsConfig(ioasid, start, 64L << 20, 2L << 20, 1000, false, true, true);
    }

    public RangeInvalidationsConfig withRate(double perSecond) {
        return new RangeInvalidationsConfig(ioasid, start, spanBytes, rangeBytes, perSecond, poisson, leafOnly, guest,
                interArrival);
    }

    public RangeInvalidationsConfig withRange(long span, long range) {
        return new RangeInvalidationsConfig(ioasid, start, span, range, ratePerSecond, poisson, leafOnly,
                guest, interArrival);
    }

    /** This workload with inter-arrival times drawn from {@code spec} (ps) instead of the rate's. */
    public RangeInvalidationsConfig withInterArrival(DistributionSpec spec) {
        return new RangeInvalidationsConfig(ioasid, start, spanBytes, rangeBytes, ratePerSecond, poisson, leafOnly,
                guest, spec);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ControlWorkload create(WorkloadContext ctx, String prefix) {
        return new RangeInvalidations(ctx, prefix, this);
    }
}
