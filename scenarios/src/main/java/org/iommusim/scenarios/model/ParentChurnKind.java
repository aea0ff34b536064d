package org.iommusim.scenarios.model;

import static org.iommusim.scenarios.config.Key.Kind.SIZE;

import org.iommusim.core.random.DistributionSpec;
import org.iommusim.hw.workload.ControlWorkload;
import org.iommusim.hw.workload.ParentChurnConfig;
import org.iommusim.hw.workload.WorkloadContext;
import org.iommusim.scenarios.config.Key;

/**
 * The {@code parent-churn} workload ({@code ParentChurn}): GPA pages of a map-unmap parent
 * remapped to other host pages (balloon, migration), by unmap-then-map or an atomic in-place replace. The churn rate's default is
 * {@link ParentChurnConfig#defaults}'s; the region and host addresses are this layer's.
 */
final class ParentChurnKind implements WorkloadKind<ParentChurnKind.Spec> {
    /** The {@code parentChurn} section. */
    record Spec(
            @Key(doc = "Fraction of the region remapped per second", min = "0.0000001", max = "1000000") double fractionPerSecond,
            @Key(doc = "Guest physical start of the churned region (each page its own 4 KiB mapping: eachPage)", kind = SIZE) long gpaBase,
            @Key(doc = "Bytes of the churned region", kind = SIZE, min = "4KiB") long bytes,
            @Key(doc = "Host physical address the region is mapped at", kind = SIZE) long hpaBase,
            @Key(doc = "Host physical address pages move to and back from (must be free)", kind = SIZE) long altHpaBase,
            @Key(doc = "How a page moves: unmap-map (IOMMU_IOAS_UNMAP then IOMMU_IOAS_MAP: DMA in between faults) or atomic (the leaf rewritten in place, cp.op.replace: DMA never sees a hole)") ParentChurnConfig.Remap remap) {

        static Spec defaults() {
            ParentChurnConfig c = ParentChurnConfig.defaults(0, 0, 16L << 20, 256L << 30, 320L << 30);
            return new Spec(c.fractionPerSecond(), c.gpaBase(), c.bytes(), c.hpaBase(), c.altHpaBase(), c.remap());
        }
    }

    @Override
    public String name() {
        return ParentChurnConfig.NAME;
    }

    @Override
    public String doc() {
        return "GPA pages remapped to other host pages (balloon, migration)";
    }

    @Override
    public Class<Spec> section() {
        return Spec.class;
    }

    @Override
    public ControlWorkload create(WorkloadContext ctx, String prefix, Spec c, int ioasid, boolean poisson,
                                  DistributionSpec interArrival) {
        return new ParentChurnConfig(ioasid, c.gpaBase(), c.bytes(), c.hpaBase(), c.altHpaBase(), c.fractionPerSecond(),
                poisson, interArrival, c.remap()).create(ctx, prefix);
    }
}
