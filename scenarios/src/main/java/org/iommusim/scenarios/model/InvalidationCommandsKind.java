package org.iommusim.scenarios.model;

import static org.iommusim.scenarios.config.Key.Kind.RATE;
import static org.iommusim.scenarios.config.Key.Kind.SIZE;

import org.iommusim.core.random.DistributionSpec;
import org.iommusim.hw.iommu.inval.ExplicitInvalidation;
import org.iommusim.hw.workload.ControlWorkload;
import org.iommusim.hw.workload.InvalidationCommandsConfig;
import org.iommusim.hw.workload.WorkloadContext;
import org.iommusim.scenarios.config.Key;

/**
 * The {@code invalidation-commands} workload ({@code InvalidationCommands}): explicit invalidation
 * commands on any IOASID, in the configured queue format. Defaults are
 * {@link InvalidationCommandsConfig#defaults}.
 */
final class InvalidationCommandsKind implements WorkloadKind<InvalidationCommandsKind.Spec> {
    /** The {@code invalidationCommands} section. */
    record Spec(
            @Key(doc = "Command: pages (page-selective, address mask = bytes), range, pasid, domain, global, device-tlb (every ATS device, address mask = bytes)") ExplicitInvalidation.Kind command,
            @Key(doc = "Commands per second", kind = RATE, min = "1/s", max = "1e12/s") double rate,
            @Key(doc = "IOVA where page, range and device-TLB commands start", kind = SIZE) long start,
            @Key(doc = "Span those commands step through round robin", kind = SIZE, min = "4KiB") long span,
            @Key(doc = "Bytes per page, range or device-TLB command (a power of two for pages and device-tlb)", kind = SIZE, min = "4KiB") long bytes,
            @Key(doc = "PASID the command carries (needed for pasid; -1: every PASID)", min = "-1", max = "1048575") int pasid,
            @Key(doc = "Leaf hint: only leaf entries changed, walk caches may stay (VT-d IH, SMMUv3 LEAF, AMD PDE = 0)") boolean leafOnly) {

        static Spec defaults() {
            InvalidationCommandsConfig c = InvalidationCommandsConfig.defaults(0);
            return new Spec(c.command(), c.ratePerSecond(), c.start(), c.spanBytes(), c.bytes(), c.pasid(),
                    c.leafOnly());
        }
    }

    @Override
    public String name() {
        return InvalidationCommandsConfig.NAME;
    }

    @Override
    public String doc() {
        return "explicit invalidation commands in the queue's architecture format";
    }

    @Override
    public Class<Spec> section() {
        return Spec.class;
    }

    @Override
    public ControlWorkload create(WorkloadContext ctx, String prefix, Spec s, int ioasid, boolean poisson,
                                  DistributionSpec interArrival) {
        return new InvalidationCommandsConfig(ioasid, s.command(), s.start(), s.span(), s.bytes(), s.pasid(),
                s.leafOnly(), s.rate(), poisson, interArrival).create(ctx, prefix);
    }
}
