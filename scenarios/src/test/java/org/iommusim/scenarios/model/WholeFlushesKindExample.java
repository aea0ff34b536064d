package org.iommusim.scenarios.model;

import static org.iommusim.scenarios.config.Key.Kind.RATE;
import static org.iommusim.scenarios.config.Key.Kind.SIZE;

import org.iommusim.core.random.DistributionSpec;
import org.iommusim.hw.workload.ControlWorkload;
import org.iommusim.hw.workload.RangeInvalidationsConfig;
import org.iommusim.hw.workload.WorkloadContext;
import org.iommusim.scenarios.config.Key;

/**
 * A test-only control-plane workload kind, {@code whole-flushes}: the host invalidating a whole
 * span, leaves and walk caches, at a steady rate. Written as a new kind is: one class with its
 * name, section (defaults from {@link RangeInvalidationsConfig#defaults}) and builder.
 * {@link ExtensionExamplesTest} registers it with {@code Extensions.with}; nothing else is edited.
 */
final class WholeFlushesKindExample implements WorkloadKind<WholeFlushesKindExample.Spec> {
    /** The {@code wholeFlushes} section. */
    record Spec(
            @Key(doc = "Flushes per second", kind = RATE, min = "1/s", max = "1e12/s") double rate,
            @Key(doc = "Bytes flushed each time, from IOVA 0", kind = SIZE, min = "4KiB") long span) {

        static Spec defaults() {
            RangeInvalidationsConfig c = RangeInvalidationsConfig.defaults(0, 0);
            return new Spec(c.ratePerSecond(), c.spanBytes());
        }
    }

    @Override
    public String name() {
        return "whole-flushes";
    }

    @Override
    public String doc() {
        return "host invalidations of a whole span (test example)";
    }

    @Override
    public Class<Spec> section() {
        return Spec.class;
    }

    @Override
    public ControlWorkload create(WorkloadContext ctx, String prefix, Spec s, int ioasid, boolean poisson,
                                  DistributionSpec interArrival) {
        return new RangeInvalidationsConfig(ioasid, 0, s.span(), s.span(), s.rate(), poisson, false, false,
                interArrival).create(ctx, prefix);
    }
}
