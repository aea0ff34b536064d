package org.iommusim.scenarios.model;

import static org.iommusim.scenarios.config.Key.Kind.RATE;
import static org.iommusim.scenarios.config.Key.Kind.SIZE;

import org.iommusim.core.random.DistributionSpec;
import org.iommusim.hw.workload.ControlWorkload;
import org.iommusim.hw.workload.RangeInvalidationsConfig;
import org.iommusim.hw.workload.WorkloadContext;
import org.iommusim.scenarios.config.Key;

/**
 * The {@code range-invalidations} workload ({@code RangeInvalidations}): periodic range
 * invalidations on a bind-invalidate IOASID. Defaults are {@link RangeInvalidationsConfig#defaults}.
 */
final class RangeInvalidationsKind implements WorkloadKind<RangeInvalidationsKind.Spec> {
    /** The {@code rangeInvalidations} section. */
    record Spec(
            @Key(doc = "Invalidations per second", kind = RATE, min = "1/s", max = "1e12/s") double rate,
            @Key(doc = "IOVA where the invalidated ranges start", kind = SIZE) long start,
            @Key(doc = "Span the ranges step through round robin", kind = SIZE, min = "4KiB") long span,
            @Key(doc = "Bytes per invalidation", kind = SIZE, min = "4KiB") long range,
            @Key(doc = "Only leaves changed (the leaf hint keeps walk caches)") boolean leafOnly,
            @Key(doc = "Issued by a guest (each costs a trap)") boolean guest) {

        static Spec defaults() {
            RangeInvalidationsConfig c = RangeInvalidationsConfig.defaults(0, 0);
            return new Spec(c.ratePerSecond(), c.start(), c.spanBytes(), c.rangeBytes(), c.leafOnly(), c.guest());
        }
    }

    @Override
    public String name() {
        return RangeInvalidationsConfig.NAME;
    }

    @Override
    public String doc() {
        return "periodic range invalidations";
    }

    @Override
    public Class<Spec> section() {
        return Spec.class;
    }

    @Override
    public ControlWorkload create(WorkloadContext ctx, String prefix, Spec r, int ioasid, boolean poisson,
                                  DistributionSpec interArrival) {
        return new RangeInvalidationsConfig(ioasid, r.start(), r.span(), r.range(), r.rate(), poisson, r.leafOnly(),
                r.guest(), interArrival).create(ctx, prefix);
    }
}
